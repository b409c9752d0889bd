package io.github.okastconnect.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.CommandRun;
import io.github.okastconnect.cli.EnvDefaults;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tracker's command line: arguments, environment, help, version, bad input. */
@Timeout(120) // a command line that wrongly got through would wait for Kafka instead of failing
class TrackerCommandTest {

    private static TrackerSettings parse(Map<String, String> env, String... args) {
        TrackerCommand command = new TrackerCommand();
        Cli.commandLine(command, EnvDefaults.of(TrackerCommand.ENV_PREFIX, env)).parseArgs(args);
        return command.settings();
    }

    private static CommandRun execute(Map<String, String> env, String... args) {
        return CommandRun.execute(new TrackerCommand(), EnvDefaults.of(TrackerCommand.ENV_PREFIX, env), args);
    }

    @Test
    void defaultsAreThoseOfTrackerSettings() {
        TrackerSettings settings = parse(Map.of());
        assertEquals(TrackerSettings.defaults(), settings);
        assertEquals(8089, settings.httpPort());
        assertEquals(Duration.ofDays(7), settings.retention());
        assertFalse(settings.inMemoryStores());
        assertNull(settings.stateDir());
    }

    @Test
    void everyOptionParsesAndArgumentsOverrideEnvironment() {
        Map<String, String> env = Map.of(
                "OKAST_TRACKER_BOOTSTRAP_SERVERS", "env:9092",
                "OKAST_TRACKER_HTTP_PORT", "9000",
                "OKAST_TRACKER_STORE", "in-memory",
                "OKAST_TRACKER_STATE_DIR", "/var/lib/tracker");
        TrackerSettings settings = parse(
                env,
                "--http-port=0",
                "--application-id",
                "t1",
                "--input-topic",
                "in",
                "--http-host",
                "127.0.0.2",
                "--stuck-threshold",
                "90s",
                "--retention",
                "PT1H",
                "--purge-interval",
                "1500ms");

        assertEquals("env:9092", settings.bootstrapServers());
        assertEquals(0, settings.httpPort(), "the command line wins over OKAST_TRACKER_HTTP_PORT");
        assertEquals("t1", settings.applicationId());
        assertEquals("in", settings.inputTopic());
        assertEquals("127.0.0.2", settings.httpHost());
        assertEquals(Duration.ofSeconds(90), settings.stuckThreshold());
        assertEquals(Duration.ofHours(1), settings.retention());
        assertEquals(Duration.ofMillis(1500), settings.purgeInterval());
        assertTrue(settings.inMemoryStores());
        assertEquals("/var/lib/tracker", settings.stateDir());
        assertEquals("/var/lib/tracker", settings.streamsProperties().get("state.dir"));
        assertEquals(9000, parse(env).httpPort());
    }

    @Test
    void badInputNamesTheOptionAndExitsWith2() {
        assertTrue(execute(Map.of(), "--bogus", "1")
                .assertBadInput("ingest-tracker", "--bogus")
                .contains("Unknown option"));
        assertTrue(execute(Map.of(), "--http-port", "70000")
                .assertBadInput("ingest-tracker", "--http-port")
                .contains("70000 is not between 0 and 65535"));
        execute(Map.of(), "--http-port", "x").assertBadInput("ingest-tracker", "--http-port");
        execute(Map.of(), "--retention", "0").assertBadInput("ingest-tracker", "--retention");
        execute(Map.of(), "--purge-interval", "soon").assertBadInput("ingest-tracker", "--purge-interval");
        execute(Map.of(), "--store", "disk").assertBadInput("ingest-tracker", "--store");
        execute(Map.of(), "--state-dir", "").assertBadInput("ingest-tracker", "--state-dir");
        assertTrue(execute(Map.of("OKAST_TRACKER_STUCK_THRESHOLD", "-5m"))
                .assertBadInput("ingest-tracker", "--stuck-threshold")
                .contains("(from OKAST_TRACKER_STUCK_THRESHOLD)"));
    }

    @Test
    void helpAndVersion() {
        CommandRun.assertEveryOptionDescribed(new TrackerCommand());
        execute(Map.of(), "-h")
                .assertPrinted(
                        "Usage: ingest-tracker [-hV]",
                        "--http-port=PORT",
                        "Default: 8089",
                        "Env: OKAST_TRACKER_HTTP_PORT",
                        "Env: OKAST_TRACKER_STATE_DIR");
        execute(Map.of(), "--version").assertVersion("ingest-tracker");
    }
}
