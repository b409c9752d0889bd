package io.github.okastconnect.tracker;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the ingest tracker. Start from {@link #defaults()} and adjust with the {@code with*}
 * methods; {@link TrackerCommand} reads them from the command line and environment.
 *
 * @param httpHost          address the HTTP server binds to and advertises to the other tracker instances
 *                          ({@code application.server}); 127.0.0.1 unless deliberately exposed
 * @param httpPort          0 picks a free port
 * @param stuckThreshold    how long an entry may stay in one non-terminal status before it is shown as stuck
 * @param retention         how long an entry is kept after it reached DONE/ERRORED or left the queue
 * @param purgeInterval     how often (wall clock) expired entries are dropped
 * @param maxTimelineSteps  status steps kept per entry; older steps are dropped and counted
 * @param stateDir          Kafka Streams state.dir, null for its default
 */
public record TrackerSettings(
        String bootstrapServers,
        String applicationId,
        String inputTopic,
        String httpHost,
        int httpPort,
        Duration stuckThreshold,
        Duration retention,
        Duration purgeInterval,
        int completionWindowSize,
        int maxTimelineSteps,
        boolean inMemoryStores,
        String stateDir) {

    public static final String DEFAULT_APPLICATION_ID = "okast-ingest-tracker";
    public static final String DEFAULT_INPUT_TOPIC = "okast.ingest.lifecycle";

    public TrackerSettings {
        requireText(bootstrapServers, "bootstrapServers");
        requireText(applicationId, "applicationId");
        requireText(inputTopic, "inputTopic");
        requireText(httpHost, "httpHost");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be in 0..65535: " + httpPort);
        }
        requirePositive(stuckThreshold, "stuckThreshold");
        requirePositive(retention, "retention");
        requirePositive(purgeInterval, "purgeInterval");
        if (completionWindowSize < 1) {
            throw new IllegalArgumentException("completionWindowSize must be at least 1: " + completionWindowSize);
        }
        if (maxTimelineSteps < 2) {
            throw new IllegalArgumentException("maxTimelineSteps must be at least 2: " + maxTimelineSteps);
        }
    }

    public static TrackerSettings defaults() {
        return new TrackerSettings(
                "localhost:9092",
                DEFAULT_APPLICATION_ID,
                DEFAULT_INPUT_TOPIC,
                "127.0.0.1",
                8089,
                Duration.ofMinutes(10),
                Duration.ofDays(7),
                Duration.ofMinutes(1),
                1000,
                50,
                false,
                null);
    }

    public TrackerSettings withBootstrapServers(String value) {
        return edit(b -> b.bootstrapServers = value);
    }

    public TrackerSettings withApplicationId(String value) {
        return edit(b -> b.applicationId = value);
    }

    public TrackerSettings withInputTopic(String value) {
        return edit(b -> b.inputTopic = value);
    }

    public TrackerSettings withHttpHost(String value) {
        return edit(b -> b.httpHost = value);
    }

    public TrackerSettings withHttpPort(int value) {
        return edit(b -> b.httpPort = value);
    }

    public TrackerSettings withStuckThreshold(Duration value) {
        return edit(b -> b.stuckThreshold = value);
    }

    public TrackerSettings withRetention(Duration value) {
        return edit(b -> b.retention = value);
    }

    public TrackerSettings withPurgeInterval(Duration value) {
        return edit(b -> b.purgeInterval = value);
    }

    public TrackerSettings withMaxTimelineSteps(int value) {
        return edit(b -> b.maxTimelineSteps = value);
    }

    public TrackerSettings withInMemoryStores(boolean value) {
        return edit(b -> b.inMemoryStores = value);
    }

    public TrackerSettings withStateDir(String value) {
        return edit(b -> b.stateDir = value);
    }

    /** A copy with what {@code change} sets, validated by the canonical constructor. */
    private TrackerSettings edit(Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    /** The one place that lists every component: what the {@code with*} methods copy. */
    private static final class Builder {
        String bootstrapServers;
        String applicationId;
        String inputTopic;
        String httpHost;
        int httpPort;
        Duration stuckThreshold;
        Duration retention;
        Duration purgeInterval;
        int completionWindowSize;
        int maxTimelineSteps;
        boolean inMemoryStores;
        String stateDir;

        Builder(TrackerSettings from) {
            bootstrapServers = from.bootstrapServers;
            applicationId = from.applicationId;
            inputTopic = from.inputTopic;
            httpHost = from.httpHost;
            httpPort = from.httpPort;
            stuckThreshold = from.stuckThreshold;
            retention = from.retention;
            purgeInterval = from.purgeInterval;
            completionWindowSize = from.completionWindowSize;
            maxTimelineSteps = from.maxTimelineSteps;
            inMemoryStores = from.inMemoryStores;
            stateDir = from.stateDir;
        }

        TrackerSettings build() {
            return new TrackerSettings(
                    bootstrapServers,
                    applicationId,
                    inputTopic,
                    httpHost,
                    httpPort,
                    stuckThreshold,
                    retention,
                    purgeInterval,
                    completionWindowSize,
                    maxTimelineSteps,
                    inMemoryStores,
                    stateDir);
        }
    }

    /**
     * Streams properties; {@code application.server} is left to the caller, who knows the bound port
     * (see {@link IngestTracker}).
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (stateDir != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        return props;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + value);
        }
    }
}
