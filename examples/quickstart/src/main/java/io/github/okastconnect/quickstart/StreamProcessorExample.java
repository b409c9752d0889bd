package io.github.okastconnect.quickstart;

import io.github.okastconnect.streams.AppSettings;
import io.github.okastconnect.streams.ConsoleFormat;
import io.github.okastconnect.streams.IngestLifecycleApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/** The Kafka Streams application of examples/stream-processor, embedded in the quickstart JVM. */
final class StreamProcessorExample implements StreamsExample {

    private static final String APPLICATION_ID = "okast-quickstart-streams";

    /** Summaries arrive on every change; the console shows only the latest per instance, every interval. */
    private final Map<String, String> latest = new ConcurrentSkipListMap<>();

    private KafkaStreams streams;
    private AppSettings settings;

    @Override
    public synchronized void start(String bootstrapServers, String inputTopic, Path stateDir, Consumer<String> alerts) {
        settings = AppSettings.defaults()
                .withBootstrapServers(bootstrapServers)
                .withApplicationId(APPLICATION_ID)
                .withInputTopic(inputTopic)
                .withPunctuationInterval(Duration.ofSeconds(10))
                // the cluster is new at every run: on-disk RocksDB state would only be stale
                .withStoreType(AppSettings.StoreType.IN_MEMORY);
        Topology topology = IngestLifecycleApp.buildTopology(
                settings,
                summary -> latest.put(summary.instance(), "  " + ConsoleFormat.summaryLine(summary)),
                alert -> alerts.accept(ConsoleFormat.alertLine(alert)));
        Properties props = settings.streamsProperties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            alerts.accept("Kafka Streams example stopped after an error: " + e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    @Override
    public List<String> summaryLines() {
        return List.copyOf(latest.values());
    }

    @Override
    public String description() {
        return settings == null
                ? "Kafka Streams example (examples/stream-processor)"
                : "Kafka Streams example " + APPLICATION_ID + " reading " + settings.inputTopic() + ", writing "
                        + settings.summaryTopic() + " and " + settings.alertsTopic();
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(15));
        }
    }
}
