package io.github.okastconnect.tracker;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.EnvDefaults;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/** Command line entry point; {@code --help} lists the options ({@link TrackerCommand}). */
public final class IngestTrackerApp {

    private IngestTrackerApp() {}

    public static void main(String[] args) {
        Cli.main(new TrackerCommand(), EnvDefaults.of(TrackerCommand.ENV_PREFIX, System.getenv()), args);
    }

    /**
     * Serves until the JVM shuts down (its hook closes the tracker) or Kafka Streams stops on its own. The state is
     * polled: {@link IngestTracker#start} has started Streams, which takes no state listener after that.
     *
     * @return the exit code (1 when Kafka Streams failed)
     */
    static int run(TrackerSettings settings) throws IOException, InterruptedException {
        IngestTracker tracker = IngestTracker.start(settings, new Properties());
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            tracker.close();
                            closed.countDown();
                        },
                        "tracker-shutdown"));
        System.out.println("Ingest tracker: " + tracker.url() + " (reading " + settings.inputTopic() + " from "
                + settings.bootstrapServers() + ")");
        while (!closed.await(1, TimeUnit.SECONDS)) {
            KafkaStreams.State state = tracker.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                return state == KafkaStreams.State.ERROR ? 1 : 0; // the exit runs the hook, which closes
            }
        }
        return 0;
    }
}
