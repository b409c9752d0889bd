package io.github.okastconnect.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the lifecycle application. Build from {@link #defaults()} with the {@code with*}
 * methods; {@link LifecycleCommand} reads them from the command line and environment.
 *
 * @param stuckThreshold       how long an entry may stay in one non-terminal status before it is alerted
 * @param punctuationInterval  how often (wall clock) entries are checked for being stuck; bounds alert
 *                             latency
 * @param completionWindowSize how many of an instance's most recent completions feed p50/p95
 */
public record AppSettings(
        String bootstrapServers,
        String applicationId,
        String inputTopic,
        String summaryTopic,
        String alertsTopic,
        Duration stuckThreshold,
        Duration punctuationInterval,
        int completionWindowSize,
        StoreType storeType) {

    public static final String DEFAULT_INPUT_TOPIC = "okast.ingest.lifecycle";
    public static final String DEFAULT_SUMMARY_TOPIC = "okast.ingest.summary";
    public static final String DEFAULT_ALERTS_TOPIC = "okast.ingest.alerts";

    /** Where the two state stores keep their data; see {@link LifecycleStores}. */
    public enum StoreType {
        PERSISTENT,
        IN_MEMORY
    }

    public AppSettings {
        requireText(bootstrapServers, "bootstrapServers");
        requireText(applicationId, "applicationId");
        requireText(inputTopic, "inputTopic");
        requireText(summaryTopic, "summaryTopic");
        requireText(alertsTopic, "alertsTopic");
        requirePositive(stuckThreshold, "stuckThreshold");
        requirePositive(punctuationInterval, "punctuationInterval");
        if (completionWindowSize < 1) {
            throw new IllegalArgumentException("completionWindowSize must be at least 1: " + completionWindowSize);
        }
        Objects.requireNonNull(storeType, "storeType");
    }

    public static AppSettings defaults() {
        return new AppSettings(
                "localhost:9092",
                "okast-ingest-lifecycle",
                DEFAULT_INPUT_TOPIC,
                DEFAULT_SUMMARY_TOPIC,
                DEFAULT_ALERTS_TOPIC,
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                1000,
                StoreType.PERSISTENT);
    }

    public AppSettings withBootstrapServers(String value) {
        return edit(b -> b.bootstrapServers = value);
    }

    public AppSettings withApplicationId(String value) {
        return edit(b -> b.applicationId = value);
    }

    public AppSettings withInputTopic(String value) {
        return edit(b -> b.inputTopic = value);
    }

    public AppSettings withSummaryTopic(String value) {
        return edit(b -> b.summaryTopic = value);
    }

    public AppSettings withAlertsTopic(String value) {
        return edit(b -> b.alertsTopic = value);
    }

    public AppSettings withStuckThreshold(Duration value) {
        return edit(b -> b.stuckThreshold = value);
    }

    public AppSettings withPunctuationInterval(Duration value) {
        return edit(b -> b.punctuationInterval = value);
    }

    public AppSettings withCompletionWindowSize(int value) {
        return edit(b -> b.completionWindowSize = value);
    }

    public AppSettings withStoreType(StoreType value) {
        return edit(b -> b.storeType = value);
    }

    /** A copy with what {@code change} sets, validated by the canonical constructor. */
    private AppSettings edit(Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    /** The one place that lists every component: what the {@code with*} methods copy. */
    private static final class Builder {
        String bootstrapServers;
        String applicationId;
        String inputTopic;
        String summaryTopic;
        String alertsTopic;
        Duration stuckThreshold;
        Duration punctuationInterval;
        int completionWindowSize;
        StoreType storeType;

        Builder(AppSettings from) {
            bootstrapServers = from.bootstrapServers;
            applicationId = from.applicationId;
            inputTopic = from.inputTopic;
            summaryTopic = from.summaryTopic;
            alertsTopic = from.alertsTopic;
            stuckThreshold = from.stuckThreshold;
            punctuationInterval = from.punctuationInterval;
            completionWindowSize = from.completionWindowSize;
            storeType = from.storeType;
        }

        AppSettings build() {
            return new AppSettings(
                    bootstrapServers,
                    applicationId,
                    inputTopic,
                    summaryTopic,
                    alertsTopic,
                    stuckThreshold,
                    punctuationInterval,
                    completionWindowSize,
                    storeType);
        }
    }

    /** Minimal Kafka Streams properties; callers may add more (e.g. state.dir, processing.guarantee). */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + value);
        }
    }
}
