package io.github.okastconnect.streams;

import io.github.okastconnect.cli.Cli;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Entry point: per-instance ingest summaries and stuck-entry alerts from the connector's lifecycle
 * events. Run with {@code --help} for options; every summary and alert is also printed as one line.
 *
 * <p>To embed it (e.g. in the quickstart), build the topology with {@link #buildTopology(AppSettings,
 * Consumer)} and run it with {@code new KafkaStreams(topology, settings.streamsProperties())}.
 */
public final class IngestLifecycleApp {

    private IngestLifecycleApp() {}

    /** Topology that only writes to the summary and alerts topics. */
    public static Topology buildTopology(AppSettings settings) {
        return buildTopology(settings, summary -> {}, alert -> {});
    }

    /**
     * @param summaryListener called on the stream thread with every summary also written to the summary
     *                        topic; it should return quickly, and its exceptions are logged and ignored
     */
    public static Topology buildTopology(AppSettings settings, Consumer<Summary> summaryListener) {
        return buildTopology(settings, summaryListener, alert -> {});
    }

    /** As {@link #buildTopology(AppSettings, Consumer)}, with a listener for stuck alerts as well. */
    public static Topology buildTopology(
            AppSettings settings, Consumer<Summary> summaryListener, Consumer<StuckAlert> alertListener) {
        return IngestLifecycleTopology.build(settings, summaryListener, alertListener);
    }

    /** {@code --help} lists the options ({@link LifecycleCommand}). */
    public static void main(String[] args) {
        Cli.main(new LifecycleCommand(), LifecycleCommand.env(System.getenv()), args);
    }

    /** Runs until the application stops; @return the exit code (1 when Kafka Streams failed) */
    static int run(AppSettings settings) throws InterruptedException {
        Topology topology = buildTopology(
                settings,
                summary -> System.out.println(ConsoleFormat.summaryLine(summary)),
                alert -> System.out.println(ConsoleFormat.alertLine(alert)));
        CountDownLatch stopped = new CountDownLatch(1);
        KafkaStreams streams = new KafkaStreams(topology, settings.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            System.err.println("Stopping after unexpected error: " + e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(30)), "okast-streams-shutdown"));

        System.out.printf(
                "Reading %s from %s; summaries -> %s, alerts -> %s (stuck after %s)%n",
                settings.inputTopic(),
                settings.bootstrapServers(),
                settings.summaryTopic(),
                settings.alertsTopic(),
                Durations.format(settings.stuckThreshold().toMillis()));
        streams.start();
        stopped.await();
        return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
