package io.github.okastconnect.streams;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options the stream processor and the ingest tracker share (a picocli {@code @Mixin}): where the lifecycle
 * events are, when an entry counts as stuck, and where the state stores keep their data. Its fields are what
 * picocli parsed. Its help text stays here, not in the commands' resource bundles, so that it is written once.
 */
public final class StreamsAppOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers")
    public String bootstrapServers;

    @Option(
            names = "--input-topic",
            paramLabel = "TOPIC",
            defaultValue = AppSettings.DEFAULT_INPUT_TOPIC,
            description = "the connector's lifecycle events topic")
    public String inputTopic;

    @Option(
            names = "--stuck-threshold",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "time in one non-terminal status before an entry counts as stuck")
    public Duration stuckThreshold;

    @Option(
            names = "--store",
            paramLabel = "persistent|in-memory",
            defaultValue = "persistent",
            converter = StoreTypeConverter.class,
            description = "state store type (in-memory restores from the changelog at every start)")
    public AppSettings.StoreType store;
}
