package io.github.okastconnect.streams;

import io.github.okastconnect.cli.CommandBase;
import io.github.okastconnect.cli.DurationConverter;
import io.github.okastconnect.cli.EnvDefaults;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Command line of {@link IngestLifecycleApp}. Each option also reads {@code OKAST_STREAMS_<NAME>}, and the name it
 * had before, {@code OKAST_<NAME>}; the command line wins so a one-off run can override a container's env. The
 * defaults are those of {@link AppSettings#defaults()} (a test holds the two together).
 */
@Command(
        resourceBundle = "io.github.okastconnect.streams.LifecycleCommand",
        name = "ingest-lifecycle",
        description = {
            "Per-instance ingest summaries and stuck-entry alerts from the connector's lifecycle events.",
            "Durations: " + DurationConverter.FORMS + ".",
            ""
        })
final class LifecycleCommand extends CommandBase implements Callable<Integer> {

    static final String ENV_PREFIX = "OKAST_STREAMS_";

    /** The variables read: {@code OKAST_STREAMS_X}, then the older {@code OKAST_X}. */
    static EnvDefaults env(Map<String, String> env) {
        return EnvDefaults.of(ENV_PREFIX, env).alsoReading(name -> "OKAST_" + name.substring(ENV_PREFIX.length()));
    }

    @Mixin
    StreamsAppOptions kafka;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = "okast-ingest-lifecycle")
    String applicationId;

    @Option(names = "--summary-topic", paramLabel = "TOPIC", defaultValue = AppSettings.DEFAULT_SUMMARY_TOPIC)
    String summaryTopic;

    @Option(names = "--alerts-topic", paramLabel = "TOPIC", defaultValue = AppSettings.DEFAULT_ALERTS_TOPIC)
    String alertsTopic;

    @Option(names = "--punctuate-interval", paramLabel = "DURATION", defaultValue = "30s")
    Duration punctuateInterval;

    @Option(names = "--completion-window", paramLabel = "N", defaultValue = "1000")
    int completionWindow;

    @Override
    public Integer call() throws InterruptedException {
        return IngestLifecycleApp.run(settings());
    }

    /** The parsed options, checked; names the option at fault. */
    AppSettings settings() {
        rejectBlank();
        inRange("--completion-window", completionWindow, 1, Integer.MAX_VALUE);
        return AppSettings.defaults()
                .withBootstrapServers(kafka.bootstrapServers)
                .withApplicationId(applicationId)
                .withInputTopic(kafka.inputTopic)
                .withSummaryTopic(summaryTopic)
                .withAlertsTopic(alertsTopic)
                .withStuckThreshold(kafka.stuckThreshold)
                .withPunctuationInterval(punctuateInterval)
                .withCompletionWindowSize(completionWindow)
                .withStoreType(kafka.store);
    }
}
