package io.github.okastconnect.bench.harness;

import io.github.okastconnect.simulator.SimulatedInstance;
import java.util.List;

/**
 * When the connector's polls reach the instances, as a phase within the poll interval: a sampler thread watches every
 * instance's request counter and notes the instant it moves. Polls spread over the interval arrive evenly; polls that
 * fell into step (launched in the same task loop) arrive in bursts that the task thread then works through one after
 * another, which lengthens the latency tail.
 */
final class PollPhases implements AutoCloseable {
    private static final long SAMPLE_NANOS = 5_000_000;
    private static final int BINS = 20;

    private final List<SimulatedInstance> instances;
    private final long intervalMs;
    private final long[] bins = new long[BINS];
    private final Thread sampler;
    private volatile boolean running = true;
    private long arrivals;
    private long[] gaps = new long[1 << 12];
    private int gapCount;

    PollPhases(List<SimulatedInstance> instances, long intervalMs) {
        this.instances = instances;
        this.intervalMs = intervalMs;
        this.sampler = new Thread(this::sample, "bench-poll-phases");
        sampler.setDaemon(true);
    }

    PollPhases start() {
        sampler.start();
        return this;
    }

    private void sample() {
        long[] last = new long[instances.size()];
        long[] lastAtMs = new long[instances.size()];
        for (int i = 0; i < last.length; i++) {
            last[i] = instances.get(i).requestCount();
        }
        while (running) {
            long nowMs = System.currentTimeMillis();
            for (int i = 0; i < last.length; i++) {
                long count = instances.get(i).requestCount();
                if (count != last[i]) {
                    last[i] = count;
                    synchronized (this) {
                        bins[(int) ((nowMs % intervalMs) * BINS / intervalMs)]++;
                        arrivals++;
                        if (lastAtMs[i] != 0) {
                            if (gapCount == gaps.length) {
                                gaps = java.util.Arrays.copyOf(gaps, gaps.length * 2);
                            }
                            gaps[gapCount++] = nowMs - lastAtMs[i];
                        }
                    }
                    lastAtMs[i] = nowMs;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(SAMPLE_NANOS);
        }
    }

    /** e.g. "busiest 5 % of the interval took 31 % of the polls (even: 5 %)". */
    synchronized String summary() {
        long max = 0;
        for (long b : bins) {
            max = Math.max(max, b);
        }
        return String.format(
                        "poll arrivals by phase of the %d ms interval (%d bins of %d ms, %,d arrivals): busiest bin"
                                + " %.0f %% of them (evenly spread: %.0f %%); bins: %s",
                        intervalMs,
                        BINS,
                        intervalMs / BINS,
                        arrivals,
                        arrivals == 0 ? 0 : 100.0 * max / arrivals,
                        100.0 / BINS,
                        java.util.Arrays.toString(bins))
                + gapSummary();
    }

    /** How far apart one instance's polls reach it: a gap longer than the interval delays the changes it holds. */
    private String gapSummary() {
        if (gapCount == 0) {
            return "";
        }
        long[] sorted = java.util.Arrays.copyOf(gaps, gapCount);
        java.util.Arrays.sort(sorted);
        return String.format(
                "; gap between one instance's polls (±%d ms): p50 %d, p99 %d, max %d ms",
                SAMPLE_NANOS / 1_000_000, sorted[gapCount / 2], sorted[(int) (gapCount * 0.99)], sorted[gapCount - 1]);
    }

    @Override
    public void close() {
        running = false;
    }
}
