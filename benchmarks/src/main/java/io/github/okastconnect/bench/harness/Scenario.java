package io.github.okastconnect.bench.harness;

/**
 * One load level.
 *
 * @param instances                   simulated Okast instances, all owned by one task
 * @param entries                     static entries per instance (plus the few live ones the driver adds)
 * @param intervalMs                  poll.interval.ms
 * @param changesPerSecondPerInstance changes the driver makes per instance per second (10 = 1 %/s of 1,000)
 * @param windowSeconds               measurement window
 * @param warmupSeconds               steady-state load before the window
 * @param seedOffsets                 start from stored offsets holding every static entry (a worker that has been
 *                                    running: the restore path) instead of emitting all of them as NEW first
 */
public record Scenario(
        int instances,
        int entries,
        long intervalMs,
        double changesPerSecondPerInstance,
        int windowSeconds,
        int warmupSeconds,
        boolean seedOffsets) {

    public Scenario(
            int instances,
            int entries,
            long intervalMs,
            double changesPerSecondPerInstance,
            int windowSeconds,
            int warmupSeconds) {
        this(instances, entries, intervalMs, changesPerSecondPerInstance, windowSeconds, warmupSeconds, false);
    }

    public String name() {
        return "s" + instances + "x" + entries + "at" + intervalMs;
    }

    public String label() {
        return instances + " × " + (entries % 1000 == 0 ? entries / 1000 + "k" : Integer.toString(entries)) + " @ "
                + (intervalMs % 1000 == 0 ? intervalMs / 1000 + " s" : intervalMs + " ms");
    }

    /** The latency target: one interval (a change waits at most that long for the next poll) + 250 ms. */
    public long latencyTargetMs() {
        return intervalMs + 250;
    }
}
