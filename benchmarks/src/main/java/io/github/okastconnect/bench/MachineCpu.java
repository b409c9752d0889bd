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

    private MachineCpu() {
    }

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

    /** This JVM's CPU time in nanoseconds. */
    public static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
