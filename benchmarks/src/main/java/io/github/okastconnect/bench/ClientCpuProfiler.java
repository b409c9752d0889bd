package io.github.okastconnect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU and allocation per poll of the HTTP <em>client</em> side: the whole process's CPU time (benchmark thread,
 * HttpClient threads, GC, JIT) minus the CPU of the in-process HTTP server's threads (the simulator's handler pool
 * and the JDK server's dispatcher), which serve identical bytes to the baseline and to the connector and are not
 * part of what either costs. Run with {@code -prof io.github.okastconnect.bench.ClientCpuProfiler}.
 *
 * <p>Reported per operation: {@code cpu.client} (µs), {@code cpu.server} (µs, for information),
 * {@code cpu.jit} (µs of JIT compiler threads, part of {@code cpu.client}; see {@link MachineCpu#jitNanos()}),
 * {@code alloc.client} (bytes allocated by non-server threads), {@code proc.cpu} / {@code proc.wall} (µs spent in
 * the processing step alone, see {@link PollCounters}), {@code wire.bytes} (body bytes received from the network,
 * compressed when the answer was), and {@code machine.others} (cores busy with other
 * processes during the iteration: a measure of how disturbed it was).
 */
public final class ClientCpuProfiler implements InternalProfiler {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long processCpuBefore;
    private long machineBusyBefore;
    private long jitBefore;
    private long wallBefore;
    private Map<Long, long[]> threadsBefore;

    @Override
    public String getDescription() {
        return "process CPU and allocation per op, excluding the in-process HTTP server's threads";
    }

    static boolean isServerThread(String name) {
        return name.startsWith("okast-sim-http-") || name.startsWith("HTTP-Dispatcher");
    }

    /** id → {isServer ? 1 : 0, cpuNanos, allocatedBytes} of every live thread. */
    private static Map<Long, long[]> threads() {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] alloc = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, long[]> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && cpu[i] >= 0) {
                out.put(ids[i], new long[] {isServerThread(infos[i].getThreadName()) ? 1 : 0, cpu[i], alloc[i]});
            }
        }
        return out;
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        threadsBefore = threads();
        processCpuBefore = OS.getProcessCpuTime();
        machineBusyBefore = MachineCpu.busyNanos();
        jitBefore = MachineCpu.jitNanos();
        wallBefore = System.nanoTime();
        PollCounters.reset();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long processCpu = OS.getProcessCpuTime() - processCpuBefore;
        long machineBusy = MachineCpu.busyNanos() - machineBusyBefore;
        long jitAfter = MachineCpu.jitNanos();
        double wall = System.nanoTime() - wallBefore;
        long ops = PollCounters.ops;
        long procWall = PollCounters.wallNanos;
        long procCpu = PollCounters.cpuNanos;
        long wireBytes = PollCounters.wireBytes;
        Map<Long, long[]> after = threads();
        long serverCpu = 0;
        long clientAlloc = 0;
        for (Map.Entry<Long, long[]> e : after.entrySet()) {
            long[] now = e.getValue();
            long[] before = threadsBefore.getOrDefault(e.getKey(), new long[] {now[0], 0, 0});
            if (now[0] == 1) {
                serverCpu += now[1] - before[1];
            } else {
                clientAlloc += Math.max(0, now[2] - before[2]);
            }
        }
        List<Result> out = new ArrayList<>();
        if (ops > 0) {
            out.add(new ScalarResult(
                    "cpu.client", (processCpu - serverCpu) / 1e3 / ops, "us/op", AggregationPolicy.AVG));
            out.add(new ScalarResult("cpu.server", serverCpu / 1e3 / ops, "us/op", AggregationPolicy.AVG));
            if (jitBefore >= 0 && jitAfter >= 0) {
                out.add(new ScalarResult(
                        "cpu.jit", (jitAfter - jitBefore) / 1e3 / ops, "us/op", AggregationPolicy.AVG));
            }
            out.add(new ScalarResult("alloc.client", (double) clientAlloc / ops, "B/op", AggregationPolicy.AVG));
            out.add(new ScalarResult("proc.cpu", procCpu / 1e3 / ops, "us/op", AggregationPolicy.AVG));
            out.add(new ScalarResult("proc.wall", procWall / 1e3 / ops, "us/op", AggregationPolicy.AVG));
            out.add(new ScalarResult("wire.bytes", (double) wireBytes / ops, "B/op", AggregationPolicy.AVG));
        }
        if (machineBusyBefore >= 0) {
            // Cores busy with other processes while this iteration ran (the JMH host JVM only waits meanwhile).
            out.add(new ScalarResult(
                    "machine.others", Math.max(0, machineBusy - processCpu) / wall, "cores", AggregationPolicy.AVG));
        }
        return out;
    }
}
