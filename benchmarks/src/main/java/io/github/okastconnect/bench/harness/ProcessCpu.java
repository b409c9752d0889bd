package io.github.okastconnect.bench.harness;

import io.github.okastconnect.bench.MachineCpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of another process (a Connect worker started as its own JVM), whole and by thread, from Linux
 * {@code /proc/<pid>/stat} and {@code /proc/<pid>/task/<tid>/stat} (10 ms ticks). The process figure counts every
 * thread, those that ended during the window included; threads are sampled every 250 ms so that the JIT compiler
 * threads' share can be taken out and the busiest threads named. Thread names come from the JVM
 * ({@code jcmd <pid> Thread.print}: native id → Java name) when available, else from the kernel's 15-character
 * {@code comm}.
 *
 * <p>Also keeps the CPU of the other processes the caller names (broker, this JVM), so that "other processes" means
 * what the rest of the machine did: busy time of the whole machine minus all of these.
 */
final class ProcessCpu implements AutoCloseable {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long pid;
    private final List<Long> ownProcesses;
    private final Map<Integer, long[]> firstTicks = new HashMap<>();
    private final Map<Integer, long[]> lastTicks = new HashMap<>();
    private final Map<Integer, String> comms = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private long processStart;
    private long processEnd;
    private long ownStart;
    private long ownEnd;
    private long machineStart;
    private long machineEnd;
    private long wallStart;
    private long wallEnd;
    private Map<Integer, String> javaNames = Map.of();

    /**
     * @param pid          the process measured
     * @param ownProcesses other processes of the benchmark (broker, this JVM), not "other work on the machine"
     */
    ProcessCpu(long pid, List<Long> ownProcesses) {
        this.pid = pid;
        this.ownProcesses = List.copyOf(ownProcesses);
        this.sampler = new Thread(this::run, "bench-process-cpu");
        sampler.setDaemon(true);
    }

    ProcessCpu start() {
        synchronized (this) {
            sampleThreads(true);
            processStart = processTicks(pid);
            ownStart = ownTicks();
            machineStart = MachineCpu.busyNanos();
            wallStart = System.nanoTime();
        }
        sampler.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                sampleThreads(false);
            }
        }
    }

    private void sampleThreads(boolean first) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                int tid = Integer.parseInt(task.getFileName().toString());
                long[] ticks = statTicks(task.resolve("stat"));
                if (ticks == null) {
                    continue;
                }
                if (first) {
                    firstTicks.put(tid, ticks);
                } else {
                    firstTicks.putIfAbsent(tid, new long[] {0});
                }
                lastTicks.put(tid, ticks);
                comms.computeIfAbsent(tid, t -> readComm(task));
            }
        } catch (IOException | RuntimeException e) {
            // the process ended: the last samples stand
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            sampleThreads(false);
            processEnd = processTicks(pid);
            ownEnd = ownTicks();
            machineEnd = MachineCpu.busyNanos();
            wallEnd = System.nanoTime();
            javaNames = Jcmd.threadNames(pid);
        }
    }

    synchronized double wallSeconds() {
        return (wallEnd - wallStart) / 1e9;
    }

    /** Every thread of the process, JIT compiler threads included. */
    synchronized double processSeconds() {
        return (processEnd - processStart) * NANOS_PER_TICK / 1e9;
    }

    /** The JIT compiler threads (C1/C2): a warm-up cost, left out of the steady figures. */
    synchronized double jitSeconds() {
        return byThread().entrySet().stream()
                        .filter(e -> isCompiler(comms.getOrDefault(e.getKey(), "")))
                        .mapToLong(Map.Entry::getValue)
                        .sum()
                * NANOS_PER_TICK
                / 1e9;
    }

    synchronized double steadySeconds() {
        return processSeconds() - jitSeconds();
    }

    /** CPU seconds of the threads whose Java name starts with {@code prefix}. */
    synchronized double threadsSeconds(String prefix) {
        return byThread().entrySet().stream()
                        .filter(e -> name(e.getKey()).startsWith(prefix))
                        .mapToLong(Map.Entry::getValue)
                        .sum()
                * NANOS_PER_TICK
                / 1e9;
    }

    /** Cores the rest of the machine kept busy: machine busy time minus this process and the caller's own. */
    synchronized double otherProcessesCores() {
        if (machineStart < 0 || machineEnd < 0) {
            return Double.NaN;
        }
        long ours = (processEnd - processStart + ownEnd - ownStart) * NANOS_PER_TICK;
        return Math.max(0, machineEnd - machineStart - ours) / (double) (wallEnd - wallStart);
    }

    /** Thread groups (digits folded to #) by CPU seconds, largest first, compiler threads excluded. */
    synchronized List<Map.Entry<String, Double>> top(int n) {
        Map<String, Long> groups = new HashMap<>();
        byThread().forEach((tid, ticks) -> {
            if (!isCompiler(comms.getOrDefault(tid, ""))) {
                groups.merge(name(tid).replaceAll("\\d+", "#"), ticks, Long::sum);
            }
        });
        return groups.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(n)
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue() * NANOS_PER_TICK / 1e9, (a, b) -> a, LinkedHashMap::new))
                .entrySet()
                .stream()
                .toList();
    }

    private Map<Integer, Long> byThread() {
        Map<Integer, Long> out = new HashMap<>();
        lastTicks.forEach((tid, last) -> out.put(tid, last[0] - firstTicks.getOrDefault(tid, new long[] {0})[0]));
        return out;
    }

    private String name(int tid) {
        String java = javaNames.get(tid);
        return java != null ? java : comms.getOrDefault(tid, "?");
    }

    private static boolean isCompiler(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    private long ownTicks() {
        long sum = 0;
        for (long p : ownProcesses) {
            sum += Math.max(0, processTicks(p));
        }
        return sum;
    }

    /** utime + stime of a whole process (ended threads included), in ticks; -1 if unreadable. */
    static long processTicks(long pid) {
        long[] ticks = statTicks(Path.of("/proc/" + pid + "/stat"));
        return ticks == null ? -1 : ticks[0];
    }

    private static long[] statTicks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12])}; // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String readComm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
