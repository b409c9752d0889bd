package io.github.okastconnect.quickstart;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Kafka Streams example as the quickstart sees it: an application reading the lifecycle topic that has a
 * summary line per instance to show, and alerts to show at once.
 */
public interface StreamsExample extends AutoCloseable {

    /** Starts the application; {@code alerts} is called from its own threads. */
    void start(String bootstrapServers, String inputTopic, Path stateDir, Consumer<String> alerts);

    /** Its latest summary line per instance, printed with the console's own summary. */
    List<String> summaryLines();

    String description();

    @Override
    void close();

    /** Used with --no-streams. */
    static StreamsExample none() {
        return new StreamsExample() {
            @Override
            public void start(String bootstrapServers, String inputTopic, Path stateDir, Consumer<String> alerts) {
                // nothing to run
            }

            @Override
            public List<String> summaryLines() {
                return List.of();
            }

            @Override
            public String description() {
                return "Kafka Streams example not started (--no-streams)";
            }

            @Override
            public void close() {
                // nothing runs
            }
        };
    }
}
