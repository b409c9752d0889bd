package io.github.okastconnect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One run of a command line as its main runs it (same handlers, same exit codes), with what it printed. For the
 * tests of each command (this module's test jar); use it for input that ends before the command starts serving.
 */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun execute(Object command, EnvDefaults env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Cli.commandLine(command, env);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /**
     * Bad input as the convention wants it: exit code 2, nothing on stdout, a message that starts with the command's
     * name and names the option, the hint to --help, and no stack trace.
     *
     * @return the message, for more specific checks
     */
    public String assertBadInput(String commandName, String option) {
        assertEquals(2, exitCode, err);
        assertEquals("", out);
        assertTrue(err.startsWith(commandName + ": "), err);
        assertTrue(err.contains(option), option + " in " + err);
        assertTrue(err.contains("Try '" + commandName + " --help'"), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        return err;
    }

    /** Exit code 0, nothing on stderr, and each of {@code expected} on stdout (e.g. lines of --help). */
    public void assertPrinted(String... expected) {
        assertEquals(0, exitCode, err);
        assertEquals("", err);
        for (String text : expected) {
            assertTrue(out.contains(text), text + " in " + out);
        }
    }

    /** Every option of {@code command} has help text (its resource bundle holds a line for each). */
    public static void assertEveryOptionDescribed(Object command) {
        for (OptionSpec option : new CommandLine(command).getCommandSpec().options()) {
            assertTrue(
                    option.description().length > 0 && !option.description()[0].isBlank(),
                    option.longestName() + " has no help text");
        }
    }

    /** {@code --version}: the command's name and a release or snapshot version, then the Java line. */
    public void assertVersion(String commandName) {
        assertEquals(0, exitCode, err);
        assertTrue(
                out.matches("(?s)" + java.util.regex.Pattern.quote(commandName)
                        + " \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\RJava .*"),
                out);
    }
}
