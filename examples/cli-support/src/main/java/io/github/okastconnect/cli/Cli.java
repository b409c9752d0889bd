package io.github.okastconnect.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.IOptionRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The conventions of every command line of the project, on top of picocli: options in kebab-case, each with an
 * environment-variable fallback ({@link EnvDefaults}) listed under it in {@code --help}; {@code --version} from
 * {@link ProjectVersion}; bad input answered with one line that names the option and exit code 2, never a stack
 * trace. A command extends {@link CommandBase}.
 */
public final class Cli {

    /** Exit code of bad input (picocli's default for parse errors, used for our own checks too). */
    public static final int BAD_INPUT = CommandLine.ExitCode.USAGE;

    private Cli() {}

    /** Runs a main: exits with the command's code unless it is 0 (a server's main returns once it stopped). */
    public static void main(Object command, EnvDefaults env, String[] args) {
        int code = commandLine(command, env).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line of {@code command} with the project's conventions; tests call execute or parseArgs on it. */
    public static CommandLine commandLine(Object command, EnvDefaults env) {
        CommandLine line = new CommandLine(command);
        line.setDefaultValueProvider(env);
        line.registerConverter(Duration.class, new DurationConverter());
        line.setHelpFactory((spec, colors) -> new EnvHelp(spec, colors, env));
        line.setParameterExceptionHandler((e, args) -> badInput(e, env));
        line.setExecutionExceptionHandler((e, failed, parseResult) -> failed(e, failed));
        return line;
    }

    private static int badInput(ParameterException e, EnvDefaults env) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println(line.getCommandName() + ": " + e.getMessage() + fromEnvironment(e, env));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + line.getCommandName() + " --help' for the options.");
        err.flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Says which variable the bad value came from when it was not typed on the command line. */
    private static String fromEnvironment(ParameterException e, EnvDefaults env) {
        ArgSpec arg = e.getArgSpec();
        if (arg == null) {
            return "";
        }
        ParseResult parsed = e.getCommandLine().getParseResult();
        boolean typed = parsed != null && arg instanceof OptionSpec option && parsed.hasMatchedOption(option);
        return typed ? "" : env.source(arg).map(name -> " (from " + name + ")").orElse("");
    }

    /**
     * A failure while running: its messages, no stack trace. An IllegalArgumentException means a value passed the
     * parser but not what it configures (e.g. an instance name that is not a URL path segment): bad input, 2.
     */
    private static int failed(Exception e, CommandLine line) {
        PrintWriter err = line.getErr();
        StringBuilder text = new StringBuilder(line.getCommandName()).append(": ");
        text.append(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause);
        }
        err.println(text);
        err.flush();
        return e instanceof IllegalArgumentException
                ? BAD_INPUT
                : line.getCommandSpec().exitCodeOnExecutionException();
    }

    /** Adds "Env: NAME" under each option's description. */
    private static final class EnvHelp extends Help {
        private final EnvDefaults env;

        EnvHelp(CommandSpec spec, ColorScheme colors, EnvDefaults env) {
            super(spec, colors);
            this.env = env;
        }

        @Override
        public IOptionRenderer createDefaultOptionRenderer() {
            IOptionRenderer plain = super.createDefaultOptionRenderer();
            return (option, labels, scheme) -> {
                Text[][] rows = plain.render(option, labels, scheme);
                List<String> names = env.variables(option);
                if (names.isEmpty()) {
                    return rows;
                }
                Text empty = scheme.text("");
                Text[][] withEnv = Arrays.copyOf(rows, rows.length + 1);
                withEnv[rows.length] =
                        new Text[] {empty, empty, empty, empty, scheme.text("  Env: " + String.join(" or ", names))};
                return withEnv;
            };
        }
    }
}
