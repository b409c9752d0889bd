package io.github.okastconnect.tracker;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.EnvDefaults;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;

/** Command line entry point; {@code --help} lists the options ({@link TrackerCommand}). */
public final class IngestTrackerApp {

    private IngestTrackerApp() {}

    public static void main(String[] args) {
        Cli.main(new TrackerCommand(), EnvDefaults.of(TrackerCommand.ENV_PREFIX, System.getenv()), args);
    }

    /** Serves until Kafka Streams stops; @return the exit code (1 when it failed) */
    static int run(TrackerSettings settings) throws IOException, InterruptedException {
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
        return tracker.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
