package io.github.okastconnect.quickstart;

import io.github.okastconnect.tracker.IngestTracker;
import io.github.okastconnect.tracker.TrackerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The ingest tracker of examples/ingest-tracker (page and API on 127.0.0.1), embedded in the quickstart JVM. */
final class TrackerExample implements AutoCloseable {

    private static final String APPLICATION_ID = "okast-quickstart-tracker";
    private IngestTracker tracker;

    /**
     * @return the page's URL, or empty with the reason printed by the caller when the port is taken
     * @throws IOException when the HTTP port cannot be bound
     */
    synchronized String start(String bootstrapServers, String inputTopic, Path stateDir, int port) throws IOException {
        tracker = IngestTracker.start(
                TrackerSettings.defaults()
                        .withBootstrapServers(bootstrapServers)
                        .withApplicationId(APPLICATION_ID)
                        .withInputTopic(inputTopic)
                        .withHttpPort(port)
                        .withStateDir(stateDir.toAbsolutePath().toString())
                        // the cluster is new at every run: on-disk RocksDB state would only be stale
                        .withInMemoryStores(true),
                new Properties());
        return tracker.url();
    }

    synchronized Optional<String> url() {
        return Optional.ofNullable(tracker).map(IngestTracker::url);
    }

    @Override
    public synchronized void close() {
        if (tracker != null) {
            tracker.close();
        }
    }
}
