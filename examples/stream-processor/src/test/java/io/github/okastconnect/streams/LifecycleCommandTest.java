package io.github.okastconnect.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The stream processor's command line: arguments, environment (new and old names), help, version, bad input. */
@Timeout(120) // a command line that wrongly got through would wait for Kafka instead of failing
class LifecycleCommandTest {

    private static AppSettings parse(Map<String, String> env, String... args) {
        LifecycleCommand command = new LifecycleCommand();
        Cli.commandLine(command, LifecycleCommand.env(env)).parseArgs(args);
        return command.settings();
    }

    record Run(int exitCode, String out, String err) {}

    /** As main, for input that ends before Kafka Streams starts (help, version, bad input). */
    private static Run execute(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Cli.commandLine(new LifecycleCommand(), LifecycleCommand.env(env));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return new Run(line.execute(args), out.toString(), err.toString());
    }

    private static String assertBadInput(Run run, String option) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("ingest-lifecycle: "), run.err());
        assertTrue(run.err().contains(option), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out());
        return run.err();
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
    void durationsAcceptShortFormsAndIso() {
        assertEquals(Duration.ofMillis(1500), Durations.parse("1500ms"));
        assertEquals(Duration.ofMillis(600000), Durations.parse("600000"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("PT10M"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("ten minutes"));
    }

    @Test
    void badInputNamesTheOptionAndExitsWith2() {
        assertTrue(assertBadInput(execute(Map.of(), "--nope", "x"), "--nope").contains("Unknown option"));
        assertTrue(assertBadInput(execute(Map.of(), "--input-topic"), "--input-topic")
                .contains("Missing required parameter"));
        assertTrue(assertBadInput(execute(Map.of(), "--stuck-threshold", "0s"), "--stuck-threshold")
                .contains("positive"));
        assertTrue(assertBadInput(execute(Map.of(), "--stuck-threshold", "ten minutes"), "--stuck-threshold")
                .contains("not a duration"));
        assertBadInput(execute(Map.of(), "--completion-window", "0"), "--completion-window");
        assertBadInput(execute(Map.of(), "--completion-window", "many"), "--completion-window");
        assertBadInput(execute(Map.of(), "--store", "disk"), "--store");
        assertBadInput(execute(Map.of(), "--summary-topic", " "), "--summary-topic");
        assertTrue(assertBadInput(execute(Map.of("OKAST_STORE", "disk")), "--store")
                .contains("(from OKAST_STORE)"));
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndBothVariableNames() {
        Run run = execute(Map.of(), "--help");
        assertEquals(0, run.exitCode());
        assertEquals("", run.err());
        for (String expected : new String[] {
            "Usage: ingest-lifecycle [-hV]",
            "--stuck-threshold=DURATION",
            "Default: 10m",
            "Default: okast.ingest.lifecycle",
            "Env: OKAST_STREAMS_STUCK_THRESHOLD or OKAST_STUCK_THRESHOLD",
            "Env: OKAST_STREAMS_STORE or OKAST_STORE"
        }) {
            assertTrue(run.out().contains(expected), expected + " in " + run.out());
        }
        assertFalse(run.out().contains("Env: OKAST_STREAMS_HELP"), run.out());
    }

    @Test
    void versionIsTheProjectVersion() {
        Run run = execute(Map.of(), "--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("(?s)ingest-lifecycle \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\RJava .*"), run.out());
    }
}
