package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

/** The task-level schedule metrics, on the worker's real metrics registry shared by two tasks. */
class InstanceMetricsTest {
    private static double value(Metrics registry, String name, String task) {
        for (Map.Entry<MetricName, KafkaMetric> metric : registry.metrics().entrySet()) {
            if (metric.getKey().name().equals(name)
                    && task.equals(metric.getKey().tags().get("task"))) {
                return ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name + " for task " + task);
    }

    private static InstanceMetrics task(Metrics registry, String task) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "okast");
        tags.put("task", task);
        return new InstanceMetrics(new PluginMetricsImpl(registry, tags));
    }

    @Test
    void eachTaskRecordsItsOwnStartDelayAndRemovesOnlyItsOwn() {
        try (Metrics registry = new Metrics()) {
            InstanceMetrics task0 = task(registry, "0");
            InstanceMetrics task1 = task(registry, "1");
            LongConsumer delay0 = task0.startDelay();
            LongConsumer delay1 = task1.startDelay();
            delay0.accept(40);
            delay0.accept(10);
            delay1.accept(3);
            assertEquals(40.0, value(registry, "poll-start-delay-max-ms", "0"));
            assertEquals(25.0, value(registry, "poll-start-delay-avg-ms", "0"));
            assertEquals(3.0, value(registry, "poll-start-delay-max-ms", "1"));

            task0.close();
            delay1.accept(7);
            assertEquals(7.0, value(registry, "poll-start-delay-max-ms", "1"), "task 1 still records");
            assertTrue(
                    registry.metrics().keySet().stream()
                            .noneMatch(n ->
                                    "0".equals(n.tags().get("task")) && n.name().startsWith("poll-start-delay")),
                    "task 0's metrics are gone");
            task1.close();
            assertNull(registry.metrics().keySet().stream()
                    .filter(n -> n.name().startsWith("poll-start-delay"))
                    .findAny()
                    .orElse(null));
        }
    }
}
