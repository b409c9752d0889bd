package io.github.okastconnect.tracker;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.ProjectVersion;
import io.github.okastconnect.streams.AppSettings;
import io.github.okastconnect.streams.DurationConverter;
import io.github.okastconnect.streams.StoreTypeConverter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Command line of {@link IngestTrackerApp}; each option also reads {@code OKAST_TRACKER_<NAME>}. The defaults are
 * those of {@link TrackerSettings#defaults()} (a test holds the two together).
 */
@Command(
        name = "ingest-tracker",
        mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        sortOptions = false,
        showDefaultValues = true,
        usageHelpWidth = 100,
        description = {
            "Tracks every ingest of the connector's lifecycle events and serves a page and an HTTP API.",
            "Start several with the same --application-id to spread the state; each answers every query.",
            "Durations: " + DurationConverter.FORMS + ".",
            ""
        })
final class TrackerCommand implements Callable<Integer> {

    static final String ENV_PREFIX = "OKAST_TRACKER_";

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
            defaultValue = TrackerSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application.id, shared by all tracker instances")
    String applicationId;

    @Option(
            names = "--input-topic",
            paramLabel = "TOPIC",
            defaultValue = TrackerSettings.DEFAULT_INPUT_TOPIC,
            description = "the connector's lifecycle topic")
    String inputTopic;

    @Option(
            names = "--http-host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "address to serve and advertise to the other tracker instances")
    String httpHost;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "8089",
            description = "port of the page and API, 0 picks a free port")
    int httpPort;

    @Option(
            names = "--stuck-threshold",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "time in one non-terminal status before an entry is shown as stuck")
    Duration stuckThreshold;

    @Option(
            names = "--retention",
            paramLabel = "DURATION",
            defaultValue = "168h",
            converter = DurationConverter.class,
            description = "keep finished or removed entries this long (168h = 7 days)")
    Duration retention;

    @Option(
            names = "--purge-interval",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = DurationConverter.class,
            description = "how often expired entries are dropped")
    Duration purgeInterval;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Kafka Streams state.dir (default: Kafka Streams' own)")
    String stateDir;

    @Option(
            names = "--store",
            paramLabel = "persistent|in-memory",
            defaultValue = "persistent",
            converter = StoreTypeConverter.class,
            description = "state store type")
    AppSettings.StoreType store;

    @Override
    public Integer call() throws Exception {
        return IngestTrackerApp.run(settings());
    }

    /** The parsed options, checked; names the option at fault. */
    TrackerSettings settings() {
        Cli.rejectBlank(spec);
        Cli.inRange(spec, "--http-port", httpPort, 0, 65535);
        return TrackerSettings.defaults()
                .withBootstrapServers(bootstrapServers)
                .withApplicationId(applicationId)
                .withInputTopic(inputTopic)
                .withHttpHost(httpHost)
                .withHttpPort(httpPort)
                .withStuckThreshold(stuckThreshold)
                .withRetention(retention)
                .withPurgeInterval(purgeInterval)
                .withStateDir(stateDir)
                .withInMemoryStores(store == AppSettings.StoreType.IN_MEMORY);
    }
}
