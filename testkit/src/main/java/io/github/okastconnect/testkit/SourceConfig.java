package io.github.okastconnect.testkit;

import java.util.HashMap;
import java.util.Map;

/** The keys every Okast source connector config of the tests and benchmarks starts with. */
public final class SourceConfig {
    public static final String CONNECTOR_CLASS = "io.github.okastconnect.OkastSourceConnector";

    private SourceConfig() {}

    /** {@code connector.class}, {@code tasks.max}, {@code topic} and {@code poll.interval.ms}; mutable, for the rest. */
    public static Map<String, String> of(String topic, int tasks, long pollIntervalMs) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topic", topic);
        config.put("poll.interval.ms", Long.toString(pollIntervalMs));
        return config;
    }
}
