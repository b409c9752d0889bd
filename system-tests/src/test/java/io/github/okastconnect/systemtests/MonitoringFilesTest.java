package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Metric names are told from label names in the queries MonitoringIT checks. */
class MonitoringFilesTest {
    @Test
    void labelNamesGroupingAndVariablesAreNotMetricNames() {
        assertEquals(
                Set.of("okast_polls_total"),
                MonitoringFiles.metricsIn("sum by (okast_instance) (rate(okast_polls_total"
                        + "{connector=~\"$connector\", okast_instance=~\"$okast_instance\"}[$__rate_interval]))"));
        assertEquals(
                Set.of("okast_time_since_last_success_seconds", "okast_poll_interval_seconds", "okast_polls_total"),
                MonitoringFiles.metricsIn("okast_time_since_last_success_seconds > on (connector, task) group_left ()"
                        + " (3 * okast_poll_interval_seconds) or okast_time_since_last_success_seconds < 0"
                        + " and on (connector, task, okast_instance) okast_polls_total >= 3"));
        assertEquals(
                Set.of("okast_polls_total"),
                MonitoringFiles.metricsIn(
                        "label_values(okast_polls_total{connector=~\"$connector\"}, okast_instance)"));
        assertEquals(
                Set.of("kafka_connect_task_status"),
                MonitoringFiles.metricsIn("kafka_connect_task_status{status!=\"running\"} == 1"));
    }
}
