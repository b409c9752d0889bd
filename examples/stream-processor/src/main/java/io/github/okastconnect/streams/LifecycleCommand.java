package io.github.okastconnect.streams;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.EnvDefaults;
import io.github.okastconnect.cli.ProjectVersion;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Command line of {@link IngestLifecycleApp}. Each option also reads {@code OKAST_STREAMS_<NAME>}, and the name it
 * had before, {@code OKAST_<NAME>}; the command line wins so a one-off run can override a container's env. The
 * defaults are those of {@link AppSettings#defaults()} (a test holds the two together).
 */
@Command(
        name = "ingest-lifecycle",
        mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        sortOptions = false,
        showDefaultValues = true,
        usageHelpWidth = 100,
        description = {
            "Per-instance ingest summaries and stuck-entry alerts from the connector's lifecycle events.",
            "Durations: " + DurationConverter.FORMS + ".",
            ""
        })
final class LifecycleCommand implements Callable<Integer> {

    static final String ENV_PREFIX = "OKAST_STREAMS_";

    /** The variables read: {@code OKAST_STREAMS_X}, then the older {@code OKAST_X}. */
    static EnvDefaults env(Map<String, String> env) {
        return EnvDefaults.of(ENV_PREFIX, env).alsoReading(name -> "OKAST_" + name.substring(ENV_PREFIX.length()));
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers")
    String bootstrapServers;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            defaultValue = "okast-ingest-lifecycle",
            description = "Kafka Streams application.id")
    String applicationId;

    @Option(
            names = "--input-topic",
            paramLabel = "TOPIC",
            defaultValue = AppSettings.DEFAULT_INPUT_TOPIC,
            description = "lifecycle events topic")
    String inputTopic;

    @Option(
            names = "--summary-topic",
            paramLabel = "TOPIC",
            defaultValue = AppSettings.DEFAULT_SUMMARY_TOPIC,
            description = "per-instance summaries topic")
    String summaryTopic;

    @Option(
            names = "--alerts-topic",
            paramLabel = "TOPIC",
            defaultValue = AppSettings.DEFAULT_ALERTS_TOPIC,
            description = "stuck entry alerts topic")
    String alertsTopic;

    @Option(
            names = "--stuck-threshold",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "time in one non-terminal status before alerting")
    Duration stuckThreshold;

    @Option(
            names = "--punctuate-interval",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "how often to look for stuck entries")
    Duration punctuateInterval;

    @Option(
            names = "--completion-window",
            paramLabel = "N",
            defaultValue = "1000",
            description = "recent completions per instance used for p50/p95")
    int completionWindow;

    @Option(
            names = "--store",
            paramLabel = "persistent|in-memory",
            defaultValue = "persistent",
            converter = StoreTypeConverter.class,
            description = "state store type")
    AppSettings.StoreType store;

    @Override
    public Integer call() throws InterruptedException {
        return IngestLifecycleApp.run(settings());
    }

    /** The parsed options, checked; names the option at fault. */
    AppSettings settings() {
        Cli.rejectBlank(spec);
        Cli.inRange(spec, "--completion-window", completionWindow, 1, Integer.MAX_VALUE);
        return AppSettings.defaults()
                .withBootstrapServers(bootstrapServers)
                .withApplicationId(applicationId)
                .withInputTopic(inputTopic)
                .withSummaryTopic(summaryTopic)
                .withAlertsTopic(alertsTopic)
                .withStuckThreshold(stuckThreshold)
                .withPunctuationInterval(punctuateInterval)
                .withCompletionWindowSize(completionWindow)
                .withStoreType(store);
    }
}
