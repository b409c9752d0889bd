package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * docs/monitoring.md maps each JMX metric to its Prometheus name (and system-tests MonitoringIT checks those against
     * a real scrape): a metric added here without a row there, hence without an exporter rule, fails.
     */
    @Test
    void everyRegisteredMetricIsInTheMonitoringDocsMetricList() throws Exception {
        String doc = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/monitoring.md"));
        String list = doc.substring(doc.indexOf("<!-- metric-list:start -->"), doc.indexOf("<!-- metric-list:end -->"));
        try (Metrics registry = new Metrics()) {
            InstanceMetrics task = task(registry, "0");
            task.register("paris", new InstanceStats(), Clock.systemUTC());
            task.pollInterval(5_000);
            task.startDelay();
            Set<String> names = new TreeSet<>();
            registry.metrics().keySet().stream()
                    .filter(n -> "okast".equals(n.tags().get("connector")))
                    .forEach(n -> names.add(n.name()));
            assertTrue(names.size() >= 13, names::toString);
            Set<String> missing = new TreeSet<>();
            for (String name : names) {
                if (!list.contains("`" + name + "`")) {
                    missing.add(name);
                }
            }
            assertEquals(Set.of(), missing, "JMX metrics missing from docs/monitoring.md's metric list");
            task.close();
        }
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
