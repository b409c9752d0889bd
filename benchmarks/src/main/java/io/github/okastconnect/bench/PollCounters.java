package io.github.okastconnect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Time spent in the processing step of a poll (the baseline's readTree, the connector's tracker.onResult), which
 * runs entirely on the benchmark thread, so its thread CPU time is exact. Read by {@link ClientCpuProfiler}.
 */
public final class PollCounters {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static volatile long ops;
    static volatile long wallNanos;
    static volatile long cpuNanos;

    private PollCounters() {
    }

    public static long threadCpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Single benchmark thread: plain read-modify-write is enough. */
    public static void add(long wall, long cpu) {
        ops++;
        wallNanos += wall;
        cpuNanos += cpu;
    }

    static void reset() {
        ops = 0;
        wallNanos = 0;
        cpuNanos = 0;
    }
}
