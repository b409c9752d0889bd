package io.github.okastconnect.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.CommandRun;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stream processor's command line: arguments, environment (new and old names), help, version, bad input. */
@Timeout(120) // a command line that wrongly got through would wait for Kafka instead of failing
class LifecycleCommandTest {

    private static AppSettings parse(Map<String, String> env, String... args) {
        LifecycleCommand command = new LifecycleCommand();
        Cli.commandLine(command, LifecycleCommand.env(env)).parseArgs(args);
        return command.settings();
    }

    private static CommandRun execute(Map<String, String> env, String... args) {
        return CommandRun.execute(new LifecycleCommand(), LifecycleCommand.env(env), args);
    }

    @Test
    void defaultsAreThoseOfAppSettings() {
        AppSettings settings = parse(Map.of());
        assertEquals(AppSettings.defaults(), settings);
        assertEquals("localhost:9092", settings.bootstrapServers());
        assertEquals("okast.ingest.summary", settings.summaryTopic());
        assertEquals(Duration.ofMinutes(10), settings.stuckThreshold());
        assertEquals(Duration.ofSeconds(30), settings.punctuationInterval());
        assertEquals(1000, settings.completionWindowSize());
        assertEquals(AppSettings.StoreType.PERSISTENT, settings.storeType());
    }

    @Test
    void argumentsOverrideEnvironmentAndTheOldVariableNamesStillWork() {
        Map<String, String> env = Map.of(
                "OKAST_STREAMS_BOOTSTRAP_SERVERS", "env:9092",
                "OKAST_INPUT_TOPIC", "old-name.lifecycle",
                "OKAST_STREAMS_ALERTS_TOPIC", "new.alerts",
                "OKAST_ALERTS_TOPIC", "old.alerts",
                "OKAST_STREAMS_STUCK_THRESHOLD", "5m",
                "OKAST_STORE", "in-memory");
        AppSettings settings =
                parse(env, "--bootstrap-servers", "arg:9092", "--stuck-threshold=90s", "--application-id", "demo");

        assertEquals("arg:9092", settings.bootstrapServers());
        assertEquals("old-name.lifecycle", settings.inputTopic());
        assertEquals("new.alerts", settings.alertsTopic(), "the new name wins over the old one");
        assertEquals("demo", settings.applicationId());
        assertEquals(Duration.ofSeconds(90), settings.stuckThreshold());
        assertEquals(AppSettings.StoreType.IN_MEMORY, settings.storeType());
        assertEquals("arg:9092", settings.streamsProperties().get("bootstrap.servers"));
        assertEquals(Duration.ofMinutes(5), parse(env).stuckThreshold());
    }

    @Test
    void everyOptionParses() {
        AppSettings settings = parse(
                Map.of(),
                "--summary-topic",
                "s",
                "--alerts-topic",
                "a",
                "--input-topic",
                "i",
                "--punctuate-interval",
                "PT5S",
                "--completion-window",
                "7",
                "--store",
                "ROCKSDB");
        assertEquals("s", settings.summaryTopic());
        assertEquals("a", settings.alertsTopic());
        assertEquals("i", settings.inputTopic());
        assertEquals(Duration.ofSeconds(5), settings.punctuationInterval());
        assertEquals(7, settings.completionWindowSize());
        assertEquals(AppSettings.StoreType.PERSISTENT, settings.storeType());
        assertEquals(
                AppSettings.StoreType.IN_MEMORY,
                parse(Map.of(), "--store", "memory").storeType());
    }

    @Test
    void badInputNamesTheOptionAndExitsWith2() {
        assertTrue(execute(Map.of(), "--nope", "x")
                .assertBadInput("ingest-lifecycle", "--nope")
                .contains("Unknown option"));
        assertTrue(execute(Map.of(), "--input-topic")
                .assertBadInput("ingest-lifecycle", "--input-topic")
                .contains("Missing required parameter"));
        assertTrue(execute(Map.of(), "--stuck-threshold", "0s")
                .assertBadInput("ingest-lifecycle", "--stuck-threshold")
                .contains("positive"));
        assertTrue(execute(Map.of(), "--stuck-threshold", "ten minutes")
                .assertBadInput("ingest-lifecycle", "--stuck-threshold")
                .contains("not a duration"));
        execute(Map.of(), "--completion-window", "0").assertBadInput("ingest-lifecycle", "--completion-window");
        execute(Map.of(), "--completion-window", "many").assertBadInput("ingest-lifecycle", "--completion-window");
        execute(Map.of(), "--store", "disk").assertBadInput("ingest-lifecycle", "--store");
        execute(Map.of(), "--summary-topic", " ").assertBadInput("ingest-lifecycle", "--summary-topic");
        assertTrue(execute(Map.of("OKAST_STORE", "disk"))
                .assertBadInput("ingest-lifecycle", "--store")
                .contains("(from OKAST_STORE)"));
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndBothVariableNames() {
        CommandRun.assertEveryOptionDescribed(new LifecycleCommand());
        CommandRun help = execute(Map.of(), "--help");
        help.assertPrinted(
                "Usage: ingest-lifecycle [-hV]",
                "--stuck-threshold=DURATION",
                "Default: 10m",
                "Default: okast.ingest.lifecycle",
                "Env: OKAST_STREAMS_STUCK_THRESHOLD or OKAST_STUCK_THRESHOLD",
                "Env: OKAST_STREAMS_STORE or OKAST_STORE");
        assertFalse(help.out().contains("Env: OKAST_STREAMS_HELP"), help.out());
    }

    @Test
    void versionIsTheProjectVersion() {
        execute(Map.of(), "--version").assertVersion("ingest-lifecycle");
    }
}
