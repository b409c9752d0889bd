package io.github.okastconnect.bench.harness;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures the Connect worker process over one window of {@link WorkerBench}: its CPU ({@code /proc}, the JIT's
 * threads left out) less what the idle worker burns in the same time, the polls the simulator served, and for a ramp
 * step what Kafka's logs grew by and the live heap after GC. Prints each measurement as it is made.
 */
final class WorkerMeter {
    private final long pid;
    /** Processes whose CPU is not "other processes": the broker and this JVM. */
    private final List<Long> own;
    /** The idle worker's CPU, in cores, once {@link #settledIdle} measured it; ramp steps subtract it. */
    private double idleCores = Double.NaN;

    private final PrintStream out;

    WorkerMeter(long pid, List<Long> own, PrintStream out) {
        this.pid = pid;
        this.own = own;
        this.out = out;
    }

    /**
     * The bare worker's own CPU over {@code seconds}, once no task thread is left (the connector was deleted) and two
     * seconds more; later ramp steps subtract it.
     */
    ProcessCpu settledIdle(int seconds) throws Exception {
        Waiting.waitFor(
                java.time.Duration.ofMinutes(2),
                "the task threads to end",
                () -> Jcmd.threadNames(pid).values().stream().noneMatch(name -> name.startsWith("task-thread-")));
        Thread.sleep(2000);
        ProcessCpu idle = new ProcessCpu(pid, own).start();
        Thread.sleep(seconds * 1000L);
        idle.close();
        idleCores = idle.steadySeconds() / idle.wallSeconds();
        return idle;
    }

    /** One CPU window of {@code seconds} over the polls {@code flipper} serves; its idle share is added later. */
    WorkerRun.CpuCase cpuWindow(BodyFlipper flipper, int seconds, int entries, String connector)
            throws InterruptedException {
        String load = loadAverage();
        flipper.startWindow();
        ProcessCpu cpu = new ProcessCpu(pid, own).start();
        Thread.sleep(seconds * 1000L);
        BodyFlipper.Window polls = flipper.endWindow();
        cpu.close();
        return new WorkerRun.CpuCase(
                entries,
                polls.polls(),
                cpu.wallSeconds(),
                cpu.steadySeconds(),
                cpu.jitSeconds(),
                0,
                cpu.threadsSeconds("task-thread-" + connector + "-"),
                cpu.otherProcessesCores(),
                load + " → " + loadAverage(),
                cpu.top(8));
    }

    void print(String label, WorkerRun.CpuCase c) {
        out.printf(
                "  %s: %d polls in %.0f s, worker %.2f ms per poll (steady %.2f s − idle %.2f s; JIT %.2f s left"
                        + " out), task thread %.2f ms per poll; other processes %.2f cores, load %s%n"
                        + "  busiest threads (ms per poll): %s%n",
                label,
                c.polls(),
                c.windowSeconds(),
                c.perPollMs(),
                c.steadySeconds(),
                c.idleSeconds(),
                c.jitSeconds(),
                c.taskThreadPerPollMs(),
                c.otherProcessesCores(),
                c.loadAverage(),
                WorkerReport.threadsPerPoll(c));
    }

    /** A ramp step as measured, and the worker's class histogram after it (the heap split reads the last one). */
    record MeasuredStep(WorkerRun.RampStep step, Map<String, long[]> histogram) {}

    /**
     * One ramp step of {@code instances} instances, every one already polled twice ({@code snapshotSeconds} after
     * the step began): one poll interval more, then the window.
     */
    MeasuredStep rampStep(
            KafkaBytes kafka,
            BodyFlipper flipper,
            WorkerBench.Settings settings,
            String topic,
            int instances,
            double snapshotSeconds)
            throws Exception {
        long interval = settings.rampIntervalMs();
        Thread.sleep(interval);
        String load = loadAverage();
        Map<String, Long> sizesBefore = kafka.topicSizes();
        Map<TopicPartition, Long> endBefore = kafka.endOffsets(topic);
        flipper.startWindow();
        ProcessCpu cpu = new ProcessCpu(pid, own).start();
        Thread.sleep(settings.rampWindowSeconds() * 1000L);
        BodyFlipper.Window window = flipper.endWindow();
        cpu.close();
        // Read after the window: what the broker got in it plus the few ms either side.
        long written = WorkerFigures.growth(sizesBefore, kafka.topicSizes()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long[] events = kafka.recordBytes(endBefore, kafka.endOffsets(topic));
        Map<String, long[]> histogram = Jcmd.histogram(pid);
        WorkerRun.RampStep step = new WorkerRun.RampStep(
                instances,
                settings.rampEntries(),
                interval,
                window.seconds(),
                window.polls(),
                instances * window.seconds() * 1000 / interval,
                window.gapPercentile(50),
                window.gapPercentile(99),
                window.gapPercentile(100),
                (cpu.steadySeconds() - idleCores * cpu.wallSeconds()) / cpu.wallSeconds(),
                cpu.threadsSeconds("task-thread-cap-") / cpu.wallSeconds(),
                cpu.otherProcessesCores(),
                load + " → " + loadAverage(),
                snapshotSeconds,
                Jcmd.total(histogram),
                written,
                events[1],
                cpu.top(6));
        out.printf(
                "ramp %,d × %,d @ %d ms: new instances in and every one polled twice after %.1f s; %,d polls"
                        + " of %,.0f expected (%.1f %%), gap p50 %d p99 %d max %d ms → %s; worker %.2f cores,"
                        + " task thread %.0f %% of a core; live heap %.0f MB; other processes %.2f cores,"
                        + " load %s%n",
                instances,
                settings.rampEntries(),
                interval,
                snapshotSeconds,
                step.polls(),
                step.pollsExpected(),
                100 * step.pollRatio(),
                step.gapP50Ms(),
                step.gapP99Ms(),
                step.gapMaxMs(),
                step.keepsUp() ? "keeps up" : "falls behind",
                step.workerCores(),
                100 * step.taskThreadCores(),
                step.heapBytes() / 1e6,
                step.otherProcessesCores(),
                step.loadAverage());
        return new MeasuredStep(step, histogram);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
