package io.github.okastconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's command line: arguments, environment (new and old names), help, version, bad input. */
@Timeout(120) // a command line that wrongly got through would start Kafka instead of failing
class QuickstartCommandTest {

    @TempDir
    Path dir;

    private QuickstartOptions parse(Map<String, String> env, String... args) {
        QuickstartCommand command = new QuickstartCommand(dir);
        Cli.commandLine(command, QuickstartCommand.env(env)).parseArgs(args);
        return command.options();
    }

    private CommandRun execute(Map<String, String> env, String... args) {
        return CommandRun.execute(new QuickstartCommand(dir), QuickstartCommand.env(env), args);
    }

    @Test
    void withoutInstancesItRunsTheSimulatorWithEverything() {
        QuickstartOptions options = parse(Map.of());
        assertTrue(options.useSimulator());
        assertTrue(options.streams());
        assertTrue(options.exactlyOnce());
        assertEquals(8089, options.trackerPort());
        assertEquals(Duration.ofSeconds(2), options.feedInterval());
        assertEquals(Duration.ofSeconds(10), options.summaryInterval());
        assertEquals(List.of(), options.simulatorInstances());
        Path root = QuickstartCommand.findRepoRoot(dir);
        assertEquals(root.resolve("config/quickstart-connector.json"), options.connectorTemplate());
        assertEquals(root.resolve("examples/quickstart/target/quickstart-run"), options.workDir());
    }

    @Test
    void everyOptionParses() throws Exception {
        Path properties = Files.writeString(dir.resolve("real.properties"), "poll.interval.ms=1000\n");
        QuickstartOptions options = parse(
                Map.of(),
                "--instance",
                "paris=https://paris.example.com,bob:p:w",
                "--instance=lyon=https://lyon.example.com",
                "--config",
                "real.properties",
                "--connector-config",
                "c.json",
                "--plugin-path",
                "plugins",
                "--work-dir",
                "/tmp/qs",
                "--sim-instances",
                "a, b",
                "--feed-interval",
                "500ms",
                "--summary-interval",
                "PT1M",
                "--no-streams",
                "--no-exactly-once",
                "--tracker-port",
                "0",
                "--no-build");

        assertEquals(
                List.of("paris", "lyon"),
                options.instances().stream().map(InstanceEndpoint::id).toList());
        assertEquals("p:w", options.instances().get(0).basicAuth().orElseThrow().password());
        assertEquals(Optional.of(properties), options.connectorProperties());
        assertEquals(dir.resolve("c.json"), options.connectorTemplate());
        assertEquals(dir.resolve("plugins"), options.pluginPath());
        assertEquals(Path.of("/tmp/qs"), options.workDir());
        assertEquals(List.of("a", "b"), options.simulatorInstances());
        assertEquals(Duration.ofMillis(500), options.feedInterval());
        assertEquals(Duration.ofMinutes(1), options.summaryInterval());
        assertFalse(options.streams());
        assertFalse(options.exactlyOnce());
        assertEquals(0, options.trackerPort());
        assertFalse(options.useSimulator());
        assertEquals(-1, parse(Map.of(), "--no-tracker").trackerPort());
    }

    @Test
    void instancesFromTheEnvironmentUnderTheNewAndTheOldName() {
        Map<String, String> old = Map.of("OKAST_INSTANCES", "a=http://a:1,u:p;b=http://b:2");
        assertEquals(
                List.of("a", "b"),
                parse(old).instances().stream().map(InstanceEndpoint::id).toList());
        assertFalse(parse(old).useSimulator());
        assertEquals(
                List.of("c"),
                parse(old, "--instance", "c=http://c:3").instances().stream()
                        .map(InstanceEndpoint::id)
                        .toList(),
                "the command line replaces the environment's instances");
        Map<String, String> both = Map.of(
                "OKAST_QUICKSTART_INSTANCE", "n=http://n:1 m=http://m:2",
                "OKAST_INSTANCES", "old=http://old:1",
                "OKAST_QUICKSTART_NO_STREAMS", "true",
                "OKAST_QUICKSTART_TRACKER_PORT", "9090");
        QuickstartOptions options = parse(both);
        assertEquals(
                List.of("n", "m"),
                options.instances().stream().map(InstanceEndpoint::id).toList());
        assertFalse(options.streams());
        assertEquals(9090, options.trackerPort());
    }

    @Test
    void badInputNamesTheOptionAndExitsWith2() {
        assertTrue(execute(Map.of(), "--bogus")
                .assertBadInput("quickstart.sh", "--bogus")
                .contains("Unknown option"));
        for (String bad : new String[] {"x", "-1", "70000"}) {
            execute(Map.of(), "--tracker-port", bad).assertBadInput("quickstart.sh", "--tracker-port");
        }
        assertTrue(execute(Map.of(), "--config", "missing.properties")
                .assertBadInput("quickstart.sh", "--config")
                .contains("no such file"));
        execute(Map.of(), "--feed-interval", "fast").assertBadInput("quickstart.sh", "--feed-interval");
        execute(Map.of(), "--tracker-port").assertBadInput("quickstart.sh", "--tracker-port");
        execute(Map.of(), "--connector-config", "missing.json").assertBadInput("quickstart.sh", "--connector-config");
        String badInstance =
                execute(Map.of(), "--instance", "paris,bob:s3cr3t").assertBadInput("quickstart.sh", "--instance");
        assertFalse(badInstance.contains("s3cr3t"), "a password is never echoed: " + badInstance);
        assertTrue(execute(Map.of("OKAST_INSTANCES", "paris=ftp://x"))
                .assertBadInput("quickstart.sh", "--instance")
                .contains("(from OKAST_INSTANCES)"));
    }

    @Test
    void helpAndVersion() {
        CommandRun.assertEveryOptionDescribed(new QuickstartCommand(dir));
        execute(Map.of(), "--help")
                .assertPrinted(
                        "Usage: quickstart.sh [-hV]",
                        "--no-build",
                        "--tracker-port=PORT",
                        "Default: 8089",
                        "Env: OKAST_QUICKSTART_INSTANCE or OKAST_INSTANCES",
                        "Env: OKAST_QUICKSTART_NO_TRACKER");
        CommandRun withSecret = execute(Map.of("OKAST_INSTANCES", "p=https://p,u:secret-in-env"), "--help");
        assertFalse(withSecret.out().contains("secret-in-env"), "help never shows a secret default");
        execute(Map.of(), "-V").assertVersion("quickstart.sh");
    }
}
