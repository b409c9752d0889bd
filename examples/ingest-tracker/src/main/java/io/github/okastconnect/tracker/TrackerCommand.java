package io.github.okastconnect.tracker;

import io.github.okastconnect.cli.CommandBase;
import io.github.okastconnect.cli.DurationConverter;
import io.github.okastconnect.streams.AppSettings;
import io.github.okastconnect.streams.StreamsAppOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Command line of {@link IngestTrackerApp}; each option also reads {@code OKAST_TRACKER_<NAME>}. The defaults are
 * those of {@link TrackerSettings#defaults()} (a test holds the two together).
 */
@Command(
        resourceBundle = "io.github.okastconnect.tracker.TrackerCommand",
        name = "ingest-tracker",
        description = {
            "Tracks every ingest of the connector's lifecycle events and serves a page and an HTTP API.",
            "Start several with the same --application-id to spread the state; each answers every query.",
            "Durations: " + DurationConverter.FORMS + ".",
            ""
        })
final class TrackerCommand extends CommandBase implements Callable<Integer> {

    static final String ENV_PREFIX = "OKAST_TRACKER_";

    @Mixin
    StreamsAppOptions kafka;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = TrackerSettings.DEFAULT_APPLICATION_ID)
    String applicationId;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "127.0.0.1")
    String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8089")
    int httpPort;

    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "168h")
    Duration retention;

    @Option(names = "--purge-interval", paramLabel = "DURATION", defaultValue = "1m")
    Duration purgeInterval;

    @Option(names = "--state-dir", paramLabel = "DIR")
    String stateDir;

    @Override
    public Integer call() throws Exception {
        return IngestTrackerApp.run(settings());
    }

    /** The parsed options, checked; names the option at fault. */
    TrackerSettings settings() {
        rejectBlank();
        inRange("--http-port", httpPort, 0, 65535);
        return TrackerSettings.defaults()
                .withBootstrapServers(kafka.bootstrapServers)
                .withApplicationId(applicationId)
                .withInputTopic(kafka.inputTopic)
                .withHttpHost(httpHost)
                .withHttpPort(httpPort)
                .withStuckThreshold(kafka.stuckThreshold)
                .withRetention(retention)
                .withPurgeInterval(purgeInterval)
                .withStateDir(stateDir)
                .withInMemoryStores(kafka.store == AppSettings.StoreType.IN_MEMORY);
    }
}
