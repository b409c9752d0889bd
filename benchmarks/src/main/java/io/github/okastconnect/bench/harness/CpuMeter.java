package io.github.okastconnect.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM, whole and by thread group, sampled every 200 ms so that short-lived threads (the JDK
 * HttpClient's workers) are counted up to their last sample. Groups:
 * <ul>
 *   <li>{@code task}: the connector's task thread ({@code task-thread-<connector>-0}: poll, parse, diff, records,
 *       and Connect's conversion + producer.send of them) and the connector's HTTP threads ({@code okast-http-*});</li>
 *   <li>{@code connect}: the task's producer network thread and the offset commit threads (offset serialisation);</li>
 *   <li>everything else (broker, simulator's HTTP server, change driver, latency consumer) plus GC and JIT, which
 *       only the process total sees.</li>
 * </ul>
 */
public final class CpuMeter implements AutoCloseable {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The connector's HTTP threads (okast-http-*), and the JDK HttpClient's for builds before the switch. */
    private static final Pattern JDK_HTTP_CLIENT =
            Pattern.compile("okast-http-(deadline-)?\\d+|HttpClient-\\d+-(SelectorManager|Worker-\\d+)");

    private final String connector;
    private final Map<Long, Long> lastCpu = new HashMap<>();
    private final Map<String, Long> byThreadName = new HashMap<>();
    private long task;
    private long taskThread;
    private long connect;
    private long processStart;
    private long processEnd = -1;
    private long machineStart;
    private long machineEnd = -1;
    private long wallStart;
    private long wallEnd;
    private final Thread sampler;
    private volatile boolean running = true;

    public CpuMeter(String connector) {
        this.connector = connector;
        this.sampler = new Thread(this::run, "bench-cpu-meter");
        this.sampler.setDaemon(true);
    }

    public CpuMeter start() {
        synchronized (this) {
            sample(true);
            processStart = OS.getProcessCpuTime();
            machineStart = io.github.okastconnect.bench.MachineCpu.busyNanos();
            wallStart = System.nanoTime();
        }
        sampler.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                sample(false);
            }
        }
    }

    private void sample(boolean baselineOnly) {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null || cpu[i] < 0) {
                continue;
            }
            String name = infos[i].getThreadName();
            Long previous = lastCpu.put(ids[i], cpu[i]);
            if (baselineOnly) {
                continue;
            }
            long delta = cpu[i] - (previous == null ? 0 : previous);
            if (delta <= 0) {
                continue;
            }
            byThreadName.merge(name.replaceAll("\\d+", "#"), delta, Long::sum);
            if (name.startsWith("task-thread-" + connector + "-")) {
                task += delta;
                taskThread += delta;
            } else if (JDK_HTTP_CLIENT.matcher(name).matches()) {
                task += delta;
            } else if (name.contains("connector-producer-" + connector + "-")
                    || name.startsWith("SourceTaskOffsetCommitter")
                    || name.contains("-offsets")) {
                connect += delta;
            }
        }
    }

    /** Stops sampling; the totals below are final afterwards. */
    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            sample(false);
            processEnd = OS.getProcessCpuTime();
            machineEnd = io.github.okastconnect.bench.MachineCpu.busyNanos();
            wallEnd = System.nanoTime();
        }
    }

    public synchronized double taskSeconds() {
        return task / 1e9;
    }

    /** The task thread alone: it is single-threaded, so it bounds what one task can poll. */
    public synchronized double taskThreadSeconds() {
        return taskThread / 1e9;
    }

    public synchronized double connectSeconds() {
        return connect / 1e9;
    }

    public synchronized double processSeconds() {
        return (processEnd - processStart) / 1e9;
    }

    /** Cores other processes kept busy during the measurement (machine busy time − this JVM's), NaN if unknown. */
    public synchronized double otherProcessesCores() {
        if (machineStart < 0 || machineEnd < 0) {
            return Double.NaN;
        }
        return Math.max(0, (machineEnd - machineStart) - (processEnd - processStart)) / (double) (wallEnd - wallStart);
    }

    /** Thread groups (digits folded) by CPU seconds, largest first. */
    public synchronized List<Map.Entry<String, Double>> top(int n) {
        return byThreadName.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / 1e9, (a, b) -> a, LinkedHashMap::new))
                .entrySet()
                .stream()
                .toList();
    }
}
