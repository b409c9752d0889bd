package io.github.okastconnect.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.EnvDefaults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The tracker's command line: arguments, environment, help, version, bad input. */
@Timeout(120) // a command line that wrongly got through would wait for Kafka instead of failing
class TrackerCommandTest {

    private static TrackerSettings parse(Map<String, String> env, String... args) {
        TrackerCommand command = new TrackerCommand();
        Cli.commandLine(command, EnvDefaults.of(TrackerCommand.ENV_PREFIX, env)).parseArgs(args);
        return command.settings();
    }

    record Run(int exitCode, String out, String err) {}

    /** As main, for input that ends before the tracker starts (help, version, bad input). */
    private static Run execute(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Cli.commandLine(new TrackerCommand(), EnvDefaults.of(TrackerCommand.ENV_PREFIX, env));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return new Run(line.execute(args), out.toString(), err.toString());
    }

    private static String assertBadInput(Run run, String option) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("ingest-tracker: "), run.err());
        assertTrue(run.err().contains(option), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out());
        return run.err();
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
        assertTrue(assertBadInput(execute(Map.of(), "--bogus", "1"), "--bogus").contains("Unknown option"));
        assertTrue(assertBadInput(execute(Map.of(), "--http-port", "70000"), "--http-port")
                .contains("70000 is not between 0 and 65535"));
        assertBadInput(execute(Map.of(), "--http-port", "x"), "--http-port");
        assertBadInput(execute(Map.of(), "--retention", "0"), "--retention");
        assertBadInput(execute(Map.of(), "--purge-interval", "soon"), "--purge-interval");
        assertBadInput(execute(Map.of(), "--store", "disk"), "--store");
        assertBadInput(execute(Map.of(), "--state-dir", ""), "--state-dir");
        assertTrue(assertBadInput(execute(Map.of("OKAST_TRACKER_STUCK_THRESHOLD", "-5m")), "--stuck-threshold")
                .contains("(from OKAST_TRACKER_STUCK_THRESHOLD)"));
    }

    @Test
    void helpAndVersion() {
        Run help = execute(Map.of(), "-h");
        assertEquals(0, help.exitCode());
        for (String expected : new String[] {
            "Usage: ingest-tracker [-hV]",
            "--http-port=PORT",
            "Default: 8089",
            "Env: OKAST_TRACKER_HTTP_PORT",
            "Env: OKAST_TRACKER_STATE_DIR"
        }) {
            assertTrue(help.out().contains(expected), expected + " in " + help.out());
        }
        Run version = execute(Map.of(), "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("(?s)ingest-tracker \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\RJava .*"), version.out());
    }
}
