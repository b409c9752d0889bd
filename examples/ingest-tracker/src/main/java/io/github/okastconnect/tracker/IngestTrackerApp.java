package io.github.okastconnect.tracker;

import io.github.okastconnect.streams.Durations;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;

/** Command line entry point; {@code --help} lists the options. */
public final class IngestTrackerApp {

    private static final String USAGE = """
      Usage: ingest-tracker [options]
        --bootstrap-servers HOST:PORT   Kafka (default localhost:9092)
        --application-id ID             Kafka Streams application.id, shared by all tracker instances
                                        (default okast-ingest-tracker)
        --input-topic NAME              the connector's lifecycle topic (default okast.ingest.lifecycle)
        --http-host HOST                address to serve and advertise (default 127.0.0.1)
        --http-port PORT                0 picks a free port (default 8089)
        --stuck-threshold DURATION      default 10m
        --retention DURATION            keep finished or removed entries this long (default 168h, i.e. 7 days)
        --purge-interval DURATION       default 1m
        --state-dir DIR                 Kafka Streams state.dir
        --store persistent|in-memory    default persistent
      Durations: 90s, 10m, 1h, 1500ms, plain milliseconds, or ISO-8601 (PT10M, P7D).
      """;

    private IngestTrackerApp() {}

    public static void main(String[] args) throws Exception {
        TrackerSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (settings == null) {
            System.out.print(USAGE);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        IngestTracker tracker = IngestTracker.start(settings, new Properties());
        tracker.streams().setStateListener((now, before) -> {
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(tracker::close, "tracker-shutdown"));
        System.out.println("Ingest tracker: " + tracker.url() + " (reading " + settings.inputTopic() + " from "
                + settings.bootstrapServers() + ")");
        stopped.await();
    }

    /** @return null when help was asked for */
    static TrackerSettings parse(String[] args) {
        TrackerSettings s = TrackerSettings.defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            s = switch (name) {
                case "--bootstrap-servers" -> s.withBootstrapServers(value);
                case "--application-id" -> s.withApplicationId(value);
                case "--input-topic" -> s.withInputTopic(value);
                case "--http-host" ->
                    new TrackerSettings(
                            s.bootstrapServers(),
                            s.applicationId(),
                            s.inputTopic(),
                            value,
                            s.httpPort(),
                            s.stuckThreshold(),
                            s.retention(),
                            s.purgeInterval(),
                            s.completionWindowSize(),
                            s.maxTimelineSteps(),
                            s.inMemoryStores(),
                            s.stateDir());
                case "--http-port" -> s.withHttpPort(parsePort(value));
                case "--stuck-threshold" -> s.withStuckThreshold(duration(value));
                case "--retention" -> s.withRetention(duration(value));
                case "--purge-interval" -> s.withPurgeInterval(duration(value));
                case "--state-dir" -> s.withStateDir(value);
                case "--store" ->
                    s.withInMemoryStores(
                            switch (value) {
                                case "persistent" -> false;
                                case "in-memory" -> true;
                                default ->
                                    throw new IllegalArgumentException(
                                            "--store must be persistent or in-memory: " + value);
                            });
                default -> throw new IllegalArgumentException("unknown option " + name);
            };
        }
        return s;
    }

    private static java.time.Duration duration(String value) {
        return Durations.parse(value);
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http-port must be a number: " + value);
        }
    }
}
