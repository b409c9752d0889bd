package io.github.okastconnect.task;

import io.github.okastconnect.detect.ChangeType;
import io.github.okastconnect.http.FailureCause;
import io.github.okastconnect.parser.SkipReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;

/**
 * Publishes each instance's {@link InstanceStats} through Connect's plugin metrics (KIP-877), which the worker
 * exposes over JMX as {@code kafka.connect:type=plugins,connector=…,task=…,instance=…}, and the task's schedule delay
 * under {@code kafka.connect:type=plugins,connector=…,task=…}. Instance values are read when a reporter asks, so
 * polling costs nothing extra for them.
 */
final class InstanceMetrics {
    private final PluginMetrics metrics;
    private final List<MetricName> registered = new ArrayList<>();
    /** Sensor names are global to the worker's metrics registry (PluginMetrics does not scope them), so each task's
     *  own: another task of the same connector on this worker would otherwise record into, and remove, this one. */
    private final String startDelaySensor = "okast-poll-start-delay-" + java.util.UUID.randomUUID();

    private boolean sensorAdded;

    InstanceMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    void register(String instance, InstanceStats stats, Clock clock) {
        gauge(instance, "polls-total", "Polls of the instance, successful or not", s -> s.polls(), stats);
        gauge(instance, "poll-failures-total", "Failed polls, all causes", s -> s.failures(), stats);
        for (FailureCause cause : FailureCause.values()) {
            LinkedHashMap<String, String> tags = tags(instance);
            tags.put("cause", cause.name().toLowerCase(Locale.ROOT));
            add("poll-failures-by-cause-total", "Failed polls of this cause", tags, s -> s.failures(cause), stats);
        }
        gauge(
                instance,
                "unchanged-bodies-total",
                "Polls whose body was recognised as byte-identical to the last one by its fingerprint and not"
                        + " processed (after a poll that changed something, the next body is expected to change and"
                        + " is compared entry by entry instead)",
                s -> s.unchangedBodies(),
                stats);
        gauge(instance, "bytes-fetched-total", "Response bytes received", s -> s.bytesFetched(), stats);
        gauge(
                instance,
                "refetches-total",
                "Polls that fetched the body a second time: expected unchanged, it "
                        + "differed after the blocks already compared and dropped",
                s -> s.refetches(),
                stats);
        gauge(instance, "entries-tracked", "Live queue entries whose state is tracked", s -> s.entriesTracked(), stats);
        gauge(
                instance,
                "last-poll-duration-ms",
                "Duration of the last poll's HTTP exchange, in milliseconds",
                s -> s.lastPollDurationNanos() / 1e6,
                stats);
        gauge(
                instance,
                "seconds-since-last-success",
                "Seconds since the last successful poll (-1 before the first)",
                s -> s.lastSuccessMs() < 0 ? -1 : (clock.millis() - s.lastSuccessMs()) / 1000.0,
                stats);
        for (ChangeType type : ChangeType.values()) {
            LinkedHashMap<String, String> tags = tags(instance);
            tags.put("change-type", type.name().toLowerCase(Locale.ROOT));
            add("events-total", "Change events emitted of this type", tags, s -> s.events(type), stats);
        }
        for (SkipReason reason : SkipReason.values()) {
            LinkedHashMap<String, String> tags = tags(instance);
            tags.put("reason", reason.name().toLowerCase(Locale.ROOT));
            add(
                    "skipped-entries-total",
                    "Entries left out of otherwise valid responses, by reason",
                    tags,
                    s -> s.skippedEntries(reason),
                    stats);
        }
    }

    private void gauge(
            String instance, String name, String doc, ToDoubleFunction<InstanceStats> read, InstanceStats stats) {
        add(name, doc, tags(instance), read, stats);
    }

    private void add(
            String name,
            String doc,
            LinkedHashMap<String, String> tags,
            ToDoubleFunction<InstanceStats> read,
            InstanceStats stats) {
        MetricName metricName = metrics.metricName(name, doc, tags);
        metrics.addMetric(metricName, (Measurable) (config, now) -> read.applyAsDouble(stats));
        registered.add(metricName);
    }

    private static LinkedHashMap<String, String> tags(String instance) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("instance", instance);
        return tags;
    }

    /**
     * The task's configured poll interval, as a gauge: alert rules compare the age of the last success and the
     * schedule delay with it, so they hold whatever interval each connector is given.
     */
    void pollInterval(long intervalMs) {
        MetricName name = metrics.metricName(
                "poll-interval-ms", "The configured poll.interval.ms of this task's instances", new LinkedHashMap<>());
        metrics.addMetric(name, (Measurable) (config, now) -> intervalMs);
        registered.add(name);
    }

    /**
     * The task's schedule delay: how late each poll starts against its due time, averaged and maximised over the
     * worker's metrics window. Returns what to record each delay (in ms) with.
     */
    LongConsumer startDelay() {
        Sensor sensor = metrics.addSensor(startDelaySensor);
        sensor.add(
                metrics.metricName(
                        "poll-start-delay-avg-ms",
                        "Average delay, in milliseconds, between a poll's "
                                + "due time and its start, over the metrics window",
                        new LinkedHashMap<>()),
                new Avg());
        sensor.add(
                metrics.metricName(
                        "poll-start-delay-max-ms",
                        "Longest delay, in milliseconds, between a poll's "
                                + "due time and its start, over the metrics window: a few ms while the task keeps its schedule",
                        new LinkedHashMap<>()),
                new Max());
        sensorAdded = true;
        return delayMs -> sensor.record(delayMs);
    }

    void close() {
        for (MetricName name : registered) {
            metrics.removeMetric(name);
        }
        registered.clear();
        if (sensorAdded) {
            metrics.removeSensor(startDelaySensor);
            sensorAdded = false;
        }
    }
}
