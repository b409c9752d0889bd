package io.github.okastconnect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The conventions themselves, on a small command: variable names, precedence, messages, exit codes. */
class CliConventionsTest {

    @Command(name = "demo")
    static final class Demo extends CommandBase implements Callable<Integer> {
        @Option(names = "--port", description = "a port")
        int port = 1;

        @Option(names = "--dry-run", description = "a flag")
        boolean dryRun;

        @Option(names = "--name", description = "a text")
        String name = "x";

        @Option(names = "--wait", description = "a duration, registered for every command")
        Duration wait = Duration.ofSeconds(1);

        @Option(names = "--fail", description = "what call() throws: bad-value or crash")
        String fail = "none";

        boolean ran;

        @Override
        public Integer call() {
            rejectBlank();
            inRange("--port", port, 0, 10);
            switch (fail) {
                case "bad-value" -> throw new IllegalArgumentException("instance name must be a path segment");
                case "crash" -> throw new IllegalStateException("port already in use");
                default -> ran = true;
            }
            return 0;
        }
    }

    private static EnvDefaults env(Map<String, String> variables) {
        return EnvDefaults.of("OKAST_DEMO_", variables).alsoReading(name -> name.replace("OKAST_DEMO_", "OLD_"));
    }

    @Test
    void eachOptionReadsAVariableNamedAfterIt() {
        CommandLine line = Cli.commandLine(new Demo(), env(Map.of()));
        EnvDefaults env = env(Map.of());
        assertEquals(
                List.of("OKAST_DEMO_DRY_RUN", "OLD_DRY_RUN"),
                env.variables(line.getCommandSpec().findOption("--dry-run")));
        assertEquals(List.of(), env.variables(line.getCommandSpec().findOption("--help")));
        assertEquals(List.of(), env.variables(line.getCommandSpec().findOption("--version")));
    }

    @Test
    void theCommandLineWinsThenTheCurrentNameThenTheFormerOne() {
        Demo demo = new Demo();
        Cli.commandLine(
                        demo,
                        env(Map.of(
                                "OKAST_DEMO_PORT", "5",
                                "OLD_PORT", "6",
                                "OLD_NAME", "old",
                                "OKAST_DEMO_DRY_RUN", " true ",
                                "OKAST_DEMO_FAIL", "  ")))
                .parseArgs();
        assertEquals(5, demo.port);
        assertEquals("old", demo.name);
        assertTrue(demo.dryRun, "values are stripped");
        assertEquals("none", demo.fail, "a blank variable counts as unset");

        Demo typed = new Demo();
        Cli.commandLine(typed, env(Map.of("OKAST_DEMO_PORT", "5"))).parseArgs("--port", "7");
        assertEquals(7, typed.port);
    }

    @Test
    void validInputRunsAndHelpShowsTheVariables() {
        Demo demo = new Demo();
        assertEquals(0, CommandRun.execute(demo, env(Map.of()), "--port=3").exitCode());
        assertTrue(demo.ran);
        CommandRun help = CommandRun.execute(new Demo(), env(Map.of()), "--help");
        help.assertPrinted("Usage: demo [-hV]", "Default: 1", "Env: OKAST_DEMO_PORT or OLD_PORT");
        assertFalse(help.out().contains("OKAST_DEMO_HELP"), help.out());
        CommandRun.execute(new Demo(), env(Map.of()), "-V").assertVersion("demo");
    }

    @Test
    void badInputSaysWhereTheValueCameFrom() {
        String typed =
                CommandRun.execute(new Demo(), env(Map.of()), "--port", "11").assertBadInput("demo", "--port");
        assertTrue(typed.contains("11 is not between 0 and 10"), typed);
        assertFalse(typed.contains("(from"), typed);
        String fromEnv = CommandRun.execute(new Demo(), env(Map.of("OLD_PORT", "eleven")))
                .assertBadInput("demo", "--port");
        assertTrue(fromEnv.contains("(from OLD_PORT)"), fromEnv);
        CommandRun.execute(new Demo(), env(Map.of()), "--name", " ").assertBadInput("demo", "--name");
        CommandRun.execute(new Demo(), env(Map.of()), "--prot", "3").assertBadInput("demo", "--prot");
    }

    @Test
    void durationsAcceptShortFormsAndIsoAndMustBePositive() {
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1500ms"));
        assertEquals(Duration.ofMillis(600000), DurationConverter.parse("600000"));
        assertEquals(Duration.ofSeconds(45), DurationConverter.parse("45s"));
        assertEquals(Duration.ofMinutes(10), DurationConverter.parse("10m"));
        assertEquals(Duration.ofHours(2), DurationConverter.parse("2h"));
        assertEquals(Duration.ofMinutes(10), DurationConverter.parse("PT10M"));
        assertThrows(IllegalArgumentException.class, () -> DurationConverter.parse("ten minutes"));

        Demo demo = new Demo();
        Cli.commandLine(demo, env(Map.of())).parseArgs("--wait", "90s");
        assertEquals(Duration.ofSeconds(90), demo.wait);
        assertTrue(CommandRun.execute(new Demo(), env(Map.of()), "--wait", "0s")
                .assertBadInput("demo", "--wait")
                .contains("must be a positive duration"));
        assertTrue(CommandRun.execute(new Demo(), env(Map.of()), "--wait", "soon")
                .assertBadInput("demo", "--wait")
                .contains("is not a duration"));
    }

    @Test
    void failuresWhileRunningGiveTheirMessageNotAStackTrace() {
        CommandRun badValue = CommandRun.execute(new Demo(), env(Map.of()), "--fail", "bad-value");
        assertEquals(2, badValue.exitCode(), "an IllegalArgumentException is bad input");
        assertEquals(
                "demo: instance name must be a path segment", badValue.err().strip());

        CommandRun crash = CommandRun.execute(new Demo(), env(Map.of()), "--fail", "crash");
        assertEquals(1, crash.exitCode());
        assertEquals("demo: port already in use", crash.err().strip());
    }
}
