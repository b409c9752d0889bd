package io.github.okastconnect.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command of the project shares: {@code --help} and {@code --version} ({@link ProjectVersion}), options
 * listed in declaration order with their defaults, and the checks a {@code call()} runs, before it starts anything,
 * on what picocli cannot check (ranges, blank text, combinations). A command extends this and adds its name,
 * description and options (picocli merges the {@code @Command} attributes of the class hierarchy).
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        sortOptions = false,
        showDefaultValues = true,
        usageHelpWidth = 110)
public abstract class CommandBase {

    @Spec
    protected CommandSpec spec;

    /** The error for a value picocli accepted but the command cannot use: exit code 2, the option named. */
    protected ParameterException invalid(String option, String problem) {
        return new ParameterException(
                spec.commandLine(),
                "Invalid value for option '" + option + "': " + problem,
                spec.findOption(option),
                null);
    }

    /** @return value, when it lies in [min, max] */
    protected long inRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(option, value + " is not between " + min + " and " + max);
        }
        return value;
    }

    /** Refuses an empty or blank value for any text option (a topic, a host, a directory). */
    protected void rejectBlank() {
        for (OptionSpec option : spec.options()) {
            if (option.getValue() instanceof String text && text.isBlank()) {
                throw invalid(option.longestName(), "must not be blank");
            }
        }
    }
}
