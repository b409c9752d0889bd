package io.github.okastconnect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy (Linux {@code /proc/stat}: user + nice + system + irq + softirq + steal),
 * in nanoseconds, or -1 elsewhere. Minus this JVM's own CPU time it tells how much <em>other</em> work competed with
 * a measurement, which the load average cannot (it also counts this JVM's own runnable threads).
 */
public final class MachineCpu {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private MachineCpu() {}

    public static long busyNanos() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system (idle iowait) irq softirq steal
                busy += Long.parseLong(f[i]);
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time of this JVM's JIT compiler threads in nanoseconds ({@code /proc/self/task}, 10 ms resolution), or -1
     * elsewhere. Compiling is a warm-up cost: code that runs once per poll reaches C2 only after ~10,000 polls, far
     * more than a JMH warm-up of a few seconds covers, so a per-poll CPU figure that includes it depends on how long
     * the benchmark ran rather than on what a poll costs in a worker that has been running for a while.
     */
    public static long jitNanos() {
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            long ticks = 0;
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Cores, CPU model and JVM, for a report's header. */
    public static String describe() {
        String model = "unknown CPU";
        try (java.util.stream.Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            model = lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(model);
        } catch (IOException | RuntimeException e) {
            // not Linux: the core count and the JVM still say something
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    /** This JVM's CPU time in nanoseconds. */
    public static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
