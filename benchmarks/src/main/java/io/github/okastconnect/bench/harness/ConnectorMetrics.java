package io.github.okastconnect.bench.harness;

import static io.github.okastconnect.bench.Markdown.f;

/** The connector's plugin metrics, read over JMX from the Connect worker {@link LoadHarness} runs in this JVM. */
final class ConnectorMetrics {
    private ConnectorMetrics() {}

    /** A task-level plugin metric of the connector's task 0, formatted, or "n/a". */
    static String taskMetric(String connector, String metric, String format) throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name =
                new javax.management.ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=0");
        return server.isRegistered(name)
                ? f(format, ((Number) server.getAttribute(name, metric)).doubleValue())
                : "n/a";
    }

    /** The sum over the connector's instances of one of its plugin metrics (the worker runs in this JVM). */
    static long instanceMetricSum(String connector, String metric) throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        long sum = 0;
        for (javax.management.ObjectName name : server.queryNames(
                new javax.management.ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null)) {
            if (name.getKeyProperty("instance") != null
                    && name.getKeyPropertyList().size() == 4) {
                sum += Math.round(((Number) server.getAttribute(name, metric)).doubleValue());
            }
        }
        return sum;
    }
}
