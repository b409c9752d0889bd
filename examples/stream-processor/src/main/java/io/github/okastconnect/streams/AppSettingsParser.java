package io.github.okastconnect.streams;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@link AppSettings} from {@code --option value} / {@code --option=value} arguments and
 * {@code OKAST_*} environment variables; arguments win so a one-off run can override a container's env.
 */
final class AppSettingsParser {

    /** Each option's environment variable is {@code OKAST_} plus its constant name. */
    enum Option {
        BOOTSTRAP_SERVERS("bootstrap-servers", "Kafka bootstrap servers", AppSettings::bootstrapServers),
        APPLICATION_ID("application-id", "Kafka Streams application.id", AppSettings::applicationId),
        INPUT_TOPIC("input-topic", "lifecycle events topic", AppSettings::inputTopic),
        SUMMARY_TOPIC("summary-topic", "per-instance summaries topic", AppSettings::summaryTopic),
        ALERTS_TOPIC("alerts-topic", "stuck entry alerts topic", AppSettings::alertsTopic),
        STUCK_THRESHOLD(
                "stuck-threshold",
                "time in one non-terminal status before alerting",
                s -> Durations.format(s.stuckThreshold().toMillis())),
        PUNCTUATE_INTERVAL(
                "punctuate-interval",
                "how often to look for stuck entries",
                s -> Durations.format(s.punctuationInterval().toMillis())),
        COMPLETION_WINDOW(
                "completion-window",
                "recent completions per instance used for p50/p95",
                s -> Integer.toString(s.completionWindowSize())),
        STORE(
                "store",
                "state store type: persistent or in-memory",
                s -> s.storeType().name().toLowerCase(Locale.ROOT).replace('_', '-'));

        final String flag;
        final String description;
        /** Shown in the usage text; read from {@link AppSettings#defaults()} so the two cannot drift. */
        final Function<AppSettings, String> defaultValue;

        Option(String flag, String description, Function<AppSettings, String> defaultValue) {
            this.flag = flag;
            this.description = description;
            this.defaultValue = defaultValue;
        }

        String envVar() {
            return "OKAST_" + name();
        }
    }

    private AppSettingsParser() {}

    static AppSettings parse(String[] args, Map<String, String> env) {
        Map<Option, String> values = new EnumMap<>(Option.class);
        for (Option option : Option.values()) {
            String fromEnv = env.get(option.envVar());
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(option, fromEnv.trim());
            }
        }
        readArgs(args, values);

        AppSettings settings = AppSettings.defaults();
        for (Map.Entry<Option, String> entry : values.entrySet()) {
            settings = apply(settings, entry.getKey(), entry.getValue());
        }
        return settings;
    }

    static String usage() {
        AppSettings defaults = AppSettings.defaults();
        StringBuilder text = new StringBuilder("Usage: IngestLifecycleApp [--option value]...\n");
        for (Option option : Option.values()) {
            text.append(String.format(
                    Locale.ROOT,
                    "  --%-20s %s (env %s, default %s)%n",
                    option.flag,
                    option.description,
                    option.envVar(),
                    option.defaultValue.apply(defaults)));
        }
        text.append("Durations: 90s, 10m, 1h, 1500ms, a plain number of milliseconds, or ISO-8601 (PT10M).\n");
        return text.toString();
    }

    private static void readArgs(String[] args, Map<Option, String> values) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            String flag = arg.substring(2);
            String value;
            int equals = flag.indexOf('=');
            if (equals >= 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Missing value for --" + flag);
            }
            values.put(option(flag), value.trim());
        }
    }

    private static Option option(String flag) {
        for (Option option : Option.values()) {
            if (option.flag.equals(flag)) {
                return option;
            }
        }
        throw new IllegalArgumentException("Unknown option: --" + flag);
    }

    private static AppSettings apply(AppSettings settings, Option option, String value) {
        return switch (option) {
            case BOOTSTRAP_SERVERS -> settings.withBootstrapServers(value);
            case APPLICATION_ID -> settings.withApplicationId(value);
            case INPUT_TOPIC -> settings.withInputTopic(value);
            case SUMMARY_TOPIC -> settings.withSummaryTopic(value);
            case ALERTS_TOPIC -> settings.withAlertsTopic(value);
            case STUCK_THRESHOLD -> settings.withStuckThreshold(Durations.parse(value));
            case PUNCTUATE_INTERVAL -> settings.withPunctuationInterval(Durations.parse(value));
            case COMPLETION_WINDOW -> settings.withCompletionWindowSize(parseInt(value, option));
            case STORE -> settings.withStoreType(parseStoreType(value));
        };
    }

    private static int parseInt(String value, Option option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option.flag + " must be a number: " + value, e);
        }
    }

    private static AppSettings.StoreType parseStoreType(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "persistent", "rocksdb" -> AppSettings.StoreType.PERSISTENT;
            case "in-memory", "memory", "in_memory" -> AppSettings.StoreType.IN_MEMORY;
            default -> throw new IllegalArgumentException("--store must be persistent or in-memory: " + value);
        };
    }
}
