package io.github.okastconnect.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option falls back on an environment variable named after it: the command's prefix, then the long name in
 * upper case with '-' as '_' ({@code --port} of the simulator reads {@code OKAST_SIM_PORT}). A value on the command
 * line wins; a blank variable counts as unset. The names are derived here only, so the help text
 * ({@link Cli#commandLine}) shows exactly the variables that are read.
 */
public final class EnvDefaults implements IDefaultValueProvider {

    private final String prefix;
    private final Map<String, String> env;
    private final UnaryOperator<String> formerName;

    private EnvDefaults(String prefix, Map<String, String> env, UnaryOperator<String> formerName) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.env = Map.copyOf(env);
        this.formerName = formerName;
    }

    /** @param env the process's environment ({@code System.getenv()}) or, in tests, any map */
    public static EnvDefaults of(String prefix, Map<String, String> env) {
        return new EnvDefaults(prefix, env, name -> null);
    }

    /**
     * Also reads an older name of each variable (when the new one is unset), so scripts written before the
     * current names keep working.
     *
     * @param formerName the older name of a variable, or null where it has none
     */
    public EnvDefaults alsoReading(UnaryOperator<String> formerName) {
        return new EnvDefaults(prefix, env, formerName);
    }

    /** The variables an option reads, the current name first; empty for --help and --version. */
    public List<String> variables(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return List.of();
        }
        String name = prefix
                + option.longestName()
                        .replaceFirst("^-+", "")
                        .toUpperCase(Locale.ROOT)
                        .replace('-', '_');
        List<String> names = new ArrayList<>(List.of(name));
        Optional.ofNullable(formerName.apply(name)).ifPresent(names::add);
        return List.copyOf(names);
    }

    /** The variable that gives this option its default, if one is set. */
    public Optional<String> source(ArgSpec arg) {
        return variables(arg).stream()
                .filter(name -> env.get(name) != null && !env.get(name).isBlank())
                .findFirst();
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return source(arg).map(name -> env.get(name).strip()).orElse(null);
    }
}
