package io.github.okastconnect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Time spent in the processing step of a poll (the baseline's readTree, the connector's tracker.onResult), which
 * runs entirely on the benchmark thread, so its thread CPU time is exact; and the body bytes each poll received from
 * the network (compressed bytes for a gzip answer). Read by {@link ClientCpuProfiler}.
 */
public final class PollCounters {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static volatile long ops;
    static volatile long wallNanos;
    static volatile long cpuNanos;
    static volatile long wireBytes;

    private PollCounters() {}

    public static long threadCpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Single benchmark thread: plain read-modify-write is enough. */
    public static void add(long wall, long cpu) {
        ops++;
        wallNanos += wall;
        cpuNanos += cpu;
    }

    /** One operation with no processing step to time (for the per-op figures of a benchmark that is not a poll). */
    public static void countOp() {
        ops++;
    }

    /** Body bytes a poll received from the network, as the client counted them. */
    public static void addWire(long bytes) {
        wireBytes += bytes;
    }

    static void reset() {
        ops = 0;
        wireBytes = 0;
        wallNanos = 0;
        cpuNanos = 0;
    }
}
