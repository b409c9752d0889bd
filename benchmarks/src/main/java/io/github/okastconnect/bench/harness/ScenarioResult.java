package io.github.okastconnect.bench.harness;

import java.util.List;
import java.util.Map;

/** What one scenario measured; see {@link LoadHarness} for how. */
public record ScenarioResult(
        Scenario scenario,
        double windowSeconds,
        long pollsAchieved,
        double pollsExpected,
        long events,
        long latencySamples,
        long p50Ms,
        long p99Ms,
        long maxMs,
        double taskCpuSeconds,
        double connectCpuSeconds,
        double processCpuSeconds,
        long entriesPolled,
        long trackedEntries,
        double heapPerTrackedEntry,
        double snapshotSeconds,
        long snapshotEvents,
        long duplicates,
        long submissions,
        double otherProcessesCores,
        List<Map.Entry<String, Double>> topThreads,
        double releasedOnDeletePerEntry,
        double taskThreadCpuSeconds,
        int committedInstances) {

    public ScenarioResult withReleasedOnDelete(double bytesPerEntry) {
        return new ScenarioResult(
                scenario,
                windowSeconds,
                pollsAchieved,
                pollsExpected,
                events,
                latencySamples,
                p50Ms,
                p99Ms,
                maxMs,
                taskCpuSeconds,
                connectCpuSeconds,
                processCpuSeconds,
                entriesPolled,
                trackedEntries,
                heapPerTrackedEntry,
                snapshotSeconds,
                snapshotEvents,
                duplicates,
                submissions,
                otherProcessesCores,
                topThreads,
                bytesPerEntry,
                taskThreadCpuSeconds,
                committedInstances);
    }

    public double eventsPerSecond() {
        return events / windowSeconds;
    }

    public double pollRatio() {
        return pollsAchieved / pollsExpected;
    }

    /** Connector task + Connect's producer/offset threads, per million entries polled. */
    public double connectorCpuPerMillionEntries() {
        return (taskCpuSeconds + connectCpuSeconds) / (entriesPolled / 1e6);
    }

    public double processCpuPerMillionEntries() {
        return processCpuSeconds / (entriesPolled / 1e6);
    }

    public double connectorCores() {
        return (taskCpuSeconds + connectCpuSeconds) / windowSeconds;
    }

    public double processCores() {
        return processCpuSeconds / windowSeconds;
    }

    /**
     * Share of one core the task thread needs to poll on schedule: its CPU per poll achieved × the polls expected
     * per second. Contention on the machine delays polls but hardly changes CPU per poll, so this is the
     * machine-independent answer to "can one task keep up" (it must stay well below 1).
     */
    public double taskThreadLoadAtSchedule() {
        return pollsAchieved == 0 ? Double.NaN : taskThreadCpuSeconds / pollsAchieved * pollsExpected / windowSeconds;
    }

    public boolean latencyMet() {
        return latencySamples > 0 && p99Ms <= scenario.latencyTargetMs();
    }

    /** Keeps up: at least 95 % of the expected polls, and latency p99 within one interval + 250 ms. */
    public boolean keepsUp() {
        return pollRatio() >= 0.95 && latencyMet();
    }
}
