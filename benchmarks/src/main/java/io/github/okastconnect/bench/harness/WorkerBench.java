package io.github.okastconnect.bench.harness;

import io.github.okastconnect.bench.Bodies;
import io.github.okastconnect.bench.HeapPerEntry;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.LoadProfile;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.simulator.StatusEntry;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The connector in a real Kafka Connect worker process: a KRaft broker and a distributed worker, each its own JVM
 * started from Kafka 4.4.0's jars ({@link LocalKafkaStack}, the testkit's), the connector loaded from the
 * packaged plugin on {@code plugin.path}, offsets flushed at Connect's default interval (60 s), the simulator in
 * this JVM. Once per delivery mode (at-least-once, then a fresh stack with
 * {@code exactly.once.source.support=enabled}):
 *
 * <ol>
 *   <li>idle: the bare worker's own CPU (no connector), and its live heap after GC;</li>
 *   <li>CPU per poll of one instance of 10,000 entries: every thread of the worker process but the JIT compiler's
 *       ({@code /proc}), minus the idle figure, per poll, after a warm-up on the change path; 1 % changed per poll
 *       ({@link BodyFlipper} swaps two bodies after every request), then an unchanged body; the bytes every topic's
 *       log grew by in the 1 % window against the key + value bytes of the events emitted;</li>
 *   <li>capacity: one task, instances × 1,000 entries at a 5 s interval, 1 % changed per poll, ramped up until
 *       polls fall behind (p99 gap between one instance's poll starts > interval + 250 ms, or < 99 % of the polls);
 *       the worker's CPU and live heap after GC at each step;</li>
 *   <li>heap split at the last step: stopping the connector frees the task (connector state, pending offsets); what
 *       stays above the bare worker is Connect's offset store.</li>
 * </ol>
 *
 * <p>Arguments: {@code --results DIR --plugin-path DIR [--quick] [--modes alo,eos]}. Writes
 * {@code results/worker.md}, {@code results/capacity.png} and {@code results/targets-worker.tsv}.
 */
public final class WorkerBench {
    /** Durations and sizes of one run; {@link #QUICK} exercises every step briefly, figures are not comparable. */
    record Settings(
            int cpuEntries,
            long cpuIntervalMs,
            int idleSeconds,
            int settledIdleSeconds,
            int warmSeconds,
            int changedWindowAloSeconds,
            int changedWindowEosSeconds,
            int unchangedWindowSeconds,
            int rampEntries,
            long rampIntervalMs,
            List<Integer> rampSteps,
            int rampWindowSeconds) {}

    /**
     * Polls every 200 ms: an unchanged poll costs about a millisecond, so a slower pace would leave it within the
     * noise of the idle worker's CPU (10 ms ticks). The at-least-once 1 % window is Connect's offset flush interval (60 s): any window that long holds exactly one
     * flush, whatever its phase. Under exactly-once offsets are written in every transaction, so a shorter window
     * sees the same mix.
     */
    static final Settings FULL = new Settings(10_000, 200, 5, 12, 30, 60, 20, 14, 1000, 5000, List.of(1000, 2000), 10);

    static final Settings QUICK = new Settings(1000, 500, 2, 2, 2, 4, 4, 3, 1000, 1000, List.of(5), 3);

    public static void main(String[] args) throws Exception {
        Path results = Path.of("results");
        Path pluginPath = null;
        Settings settings = FULL;
        List<Boolean> modes = List.of(false, true);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--plugin-path" -> pluginPath = Path.of(args[++i]);
                case "--quick" -> settings = QUICK;
                case "--modes" ->
                    modes = java.util.Arrays.stream(args[++i].split(","))
                            .map(m -> switch (m) {
                                case "alo" -> false;
                                case "eos" -> true;
                                default -> throw new IllegalArgumentException("--modes takes alo,eos, not " + m);
                            })
                            .toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (pluginPath == null || !Files.isDirectory(pluginPath)) {
            throw new IllegalArgumentException("--plugin-path must name the connector's plugin directory"
                    + " (connector/target/plugin, built by mvn -pl connector package): " + pluginPath);
        }
        Files.createDirectories(results);
        List<WorkerRun> runs = new ArrayList<>();
        try (OkastSimulator sim = OkastSimulator.builder().threads(4).build().start()) {
            List<StatusEntry> big = Bodies.generate(sim, settings.cpuEntries(), 7);
            List<StatusEntry> small = Bodies.generate(sim, settings.rampEntries(), 11);
            byte[][] cpuBodies = {Bodies.render(sim, "r1", big), Bodies.render(sim, "r2", Bodies.changed(big, 0.01))};
            byte[][] rampBodies = {
                Bodies.render(sim, "r3", small), Bodies.render(sim, "r4", Bodies.changed(small, 0.01))
            };
            for (boolean eos : modes) {
                runs.add(new WorkerBench(sim, settings, pluginPath, results, eos, System.out)
                        .run(cpuBodies, rampBodies));
            }
        }
        WorkerReport.write(results, settings, runs, System.out);
        System.exit(0);
    }

    private final OkastSimulator sim;
    private final Settings settings;
    private final Path pluginPath;
    private final Path workDir;
    private final boolean eos;
    private final PrintStream out;
    /** The stack's broker, where the connector keeps its state topic too. */
    private String bootstrap;

    private WorkerBench(
            OkastSimulator sim, Settings settings, Path pluginPath, Path results, boolean eos, PrintStream out) {
        this.sim = sim;
        this.settings = settings;
        this.pluginPath = pluginPath;
        this.workDir = Path.of(System.getProperty("java.io.tmpdir"), "okast-worker-bench-" + (eos ? "eos" : "alo"));
        this.eos = eos;
        this.out = out;
    }

    private WorkerRun run(byte[][] cpuBodies, byte[][] rampBodies) throws Exception {
        String mode = eos ? "exactly-once" : "at-least-once";
        long t = System.nanoTime();
        try (LocalKafkaStack stack = LocalKafkaStack.builder()
                        .workDir(workDir)
                        .pluginPath(pluginPath)
                        .workers(1)
                        .exactlyOnce(eos)
                        .heap("4g")
                        .fastStartup(false) // C2, as in production: the steady per-poll cost is the point
                        .groupId("bench")
                        // Connect's default; LocalKafkaStack shortens it for tests
                        .workerProperty("offset.flush.interval.ms", "60000")
                        .startupTimeout(Duration.ofMinutes(3))
                        .build()
                        .start();
                KafkaBytes kafka = new KafkaBytes(stack.bootstrapServers())) {
            bootstrap = stack.bootstrapServers();
            long pid = stack.workerPid(0).orElseThrow();
            List<Long> own = List.of(
                    stack.brokerPid().orElseThrow(), ProcessHandle.current().pid());
            ConnectRestClient rest = stack.restClient(0);
            out.printf("%n== %s: broker + worker processes up in %.1f s (worker pid %d)%n", mode, secondsSince(t), pid);

            Thread.sleep(3000);
            ProcessCpu idle = new ProcessCpu(pid, own).start();
            Thread.sleep(settings.idleSeconds() * 1000L);
            idle.close();
            long bare = Jcmd.total(Jcmd.histogram(pid));
            Map<String, long[]> bareHistogram = Jcmd.histogram(pid);
            out.printf(
                    "worker just started: %.3f cores (JIT %.2f s in %.0f s), live heap after GC %.1f MB, other"
                            + " processes %.2f cores%n",
                    idle.steadySeconds() / idle.wallSeconds(),
                    idle.jitSeconds(),
                    idle.wallSeconds(),
                    bare / 1e6,
                    idle.otherProcessesCores());

            WorkerMeter meter = new WorkerMeter(pid, own, out);
            CpuPart measured = cpuPart(rest, kafka, meter, cpuBodies);
            // The bare worker's own CPU, subtracted from every window: measured once its code is warm (the CPU
            // windows ran it) and the connector is gone. Measured just after start, it swung between 0.012 and 0.02
            // cores from run to run, which at 5 polls a second is ±1.5 ms per poll.
            ProcessCpu settled = meter.settledIdle(settings.settledIdleSeconds());
            double idleCores = settled.steadySeconds() / settled.wallSeconds();
            out.printf(
                    "idle worker (connector deleted, warm): %.3f cores (JIT %.2f s in %.0f s), other processes %.2f"
                            + " cores%n",
                    idleCores, settled.jitSeconds(), settled.wallSeconds(), settled.otherProcessesCores());
            CpuPart cpu = measured.withIdle(idleCores);
            meter.print("1 % changed", cpu.changed());
            meter.print("unchanged body", cpu.unchanged());
            RampPart ramp = rampPart(rest, kafka, meter, rampBodies);

            // The split: stopping the connector ends the task (connector state, pending offsets); Connect's offset
            // store keeps every offset it read.
            Map<String, long[]> running = ramp.lastHistogram();
            rest.stop("cap");
            rest.awaitStatus("cap", s -> "STOPPED".equals(s.state()), "STOPPED", Duration.ofMinutes(2));
            // STOPPED is reported before the task has finished: its final offset flush (every pending offset
            // serialised) and its state stay live until its thread ends, which measured the stopped worker above the
            // resumed one.
            Waiting.waitFor(
                    Duration.ofMinutes(2),
                    "the task thread to end",
                    () -> Jcmd.threadNames(pid).values().stream()
                            .noneMatch(name -> name.startsWith("task-thread-cap-")));
            Thread.sleep(2000);
            Map<String, long[]> stopped = Jcmd.histogram(pid);
            // Resumed, the task restores every instance from what was committed and polls each twice (pending
            // offsets build up again): resumed − stopped is the task's share with Connect's offset store complete on
            // both sides. (Running − stopped would not do: under at-least-once the store lags up to one flush.)
            Map<String, long[]> resumed = resumed(rest, pid, ramp.instances()).orElse(running);
            rest.delete("cap");
            ramp.instances().forEach(i -> sim.removeInstance(i.name()));
            WorkerRun.RampStep last = ramp.steps().get(ramp.steps().size() - 1);
            long tracked = last.trackedEntries();
            WorkerRun.HeapSplit heap = new WorkerRun.HeapSplit(
                    bare,
                    Jcmd.total(resumed),
                    Jcmd.total(stopped),
                    tracked,
                    WorkerFigures.slope(ramp.steps(), bare),
                    HeapPerEntry.histogramDelta(stopped, resumed, tracked, 8),
                    HeapPerEntry.histogramDelta(bareHistogram, stopped, tracked, 8));
            out.printf(
                    "heap at %,d entries: resumed %.0f MB, stopped %.0f MB, bare %.0f MB; task %.0f B/entry,"
                            + " offset store %.0f B/entry, slope over the ramp %.0f B/entry%n",
                    tracked,
                    heap.runningBytes() / 1e6,
                    heap.stoppedBytes() / 1e6,
                    bare / 1e6,
                    heap.taskPerEntry(),
                    heap.storePerEntry(),
                    heap.slopeBytesPerEntry());
            return new WorkerRun(
                    eos,
                    idleCores,
                    settled.otherProcessesCores(),
                    cpu.changed(),
                    cpu.unchanged(),
                    cpu.written(),
                    ramp.steps(),
                    heap);
        }
    }

    private record CpuPart(WorkerRun.CpuCase changed, WorkerRun.CpuCase unchanged, WorkerRun.KafkaWrite written) {
        CpuPart withIdle(double idleCores) {
            return new CpuPart(changed.withIdle(idleCores), unchanged.withIdle(idleCores), written);
        }
    }

    private CpuPart cpuPart(ConnectRestClient rest, KafkaBytes kafka, WorkerMeter meter, byte[][] bodies)
            throws Exception {
        int entries = settings.cpuEntries();
        String topic = "bench.cpu";
        List<SimulatedInstance> instances = addInstances("cpu-" + (eos ? "eos" : "alo") + "-", 1);
        try (BodyFlipper flipper = new BodyFlipper(bodies[0], bodies[1])) {
            flipper.add(instances);
            long t = System.nanoTime();
            rest.createConnector("cpu", connectorConfig(topic, settings.cpuIntervalMs(), instances));
            rest.awaitRunningAtLeast("cpu", 1, Duration.ofMinutes(2));
            Waiting.waitFor(
                    Duration.ofMinutes(3),
                    "snapshot of " + entries + " entries",
                    () -> WorkerFigures.sum(kafka.endOffsets(topic)) >= entries);
            out.printf(
                    "1 × %,d entries every %d ms: snapshot emitted in %.1f s; warming the change path %d s%n",
                    entries, settings.cpuIntervalMs(), secondsSince(t), settings.warmSeconds());
            Thread.sleep(settings.warmSeconds() * 1000L);

            int window = eos ? settings.changedWindowEosSeconds() : settings.changedWindowAloSeconds();
            // The log sizes and end offsets are read around the CPU window (reading them takes time): the polls
            // they cover are counted at the same instants.
            long requestsBefore = flipper.requests();
            Map<String, Long> sizesBefore = kafka.topicSizes();
            Map<TopicPartition, Long> endBefore = kafka.endOffsets(topic);
            WorkerRun.CpuCase changed = meter.cpuWindow(flipper, window, entries, "cpu");
            Map<String, Long> sizesAfter = kafka.topicSizes();
            Map<TopicPartition, Long> endAfter = kafka.endOffsets(topic);
            long pollsCovered = flipper.requests() - requestsBefore;
            long[] events = kafka.recordBytes(endBefore, endAfter);
            Map<String, Long> growth = WorkerFigures.growth(sizesBefore, sizesAfter);
            WorkerRun.KafkaWrite written = new WorkerRun.KafkaWrite(pollsCovered, growth, events[0], events[1]);
            out.printf(
                    "  written to Kafka: %s; events %,d records, %,d key+value bytes: %.2f × the events' bytes%n",
                    growth, events[0], events[1], written.ratio());

            flipper.mode(BodyFlipper.Mode.SAME);
            Thread.sleep(3 * settings.cpuIntervalMs() + 2000);
            WorkerRun.CpuCase unchanged = meter.cpuWindow(flipper, settings.unchangedWindowSeconds(), entries, "cpu");
            rest.delete("cpu");
            instances.forEach(i -> sim.removeInstance(i.name()));
            return new CpuPart(changed, unchanged, written);
        }
    }

    private record RampPart(
            List<WorkerRun.RampStep> steps, Map<String, long[]> lastHistogram, List<SimulatedInstance> instances) {}

    /** The live heap once the stopped connector is resumed and every instance polled twice; empty if it never is. */
    private java.util.Optional<Map<String, long[]>> resumed(
            ConnectRestClient rest, long pid, List<SimulatedInstance> instances) throws Exception {
        long[] before =
                instances.stream().mapToLong(SimulatedInstance::requestCount).toArray();
        rest.resume("cap");
        try {
            rest.awaitRunningAtLeast("cap", 1, Duration.ofMinutes(2));
            Waiting.waitFor(Duration.ofMinutes(3), "every instance polled twice after the resume", () -> {
                for (int i = 0; i < before.length; i++) {
                    if (instances.get(i).requestCount() < before[i] + 2) {
                        return false;
                    }
                }
                return true;
            });
        } catch (IllegalStateException e) {
            out.println("heap split: " + e.getMessage() + "; the running figure stands in");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Jcmd.histogram(pid));
    }

    private RampPart rampPart(ConnectRestClient rest, KafkaBytes kafka, WorkerMeter meter, byte[][] bodies)
            throws Exception {
        List<WorkerRun.RampStep> steps = new ArrayList<>();
        List<SimulatedInstance> instances = new ArrayList<>();
        Map<String, long[]> histogram = Map.of();
        long interval = settings.rampIntervalMs();
        try (BodyFlipper flipper = new BodyFlipper(bodies[0], bodies[1])) {
            for (int n : settings.rampSteps()) {
                long t = System.nanoTime();
                List<SimulatedInstance> added =
                        addInstances("cap-" + (eos ? "eos" : "alo") + "-" + n + "-", n - instances.size());
                instances.addAll(added);
                flipper.add(added);
                long[] before = instances.stream()
                        .mapToLong(SimulatedInstance::requestCount)
                        .toArray();
                Map<String, String> config = connectorConfig("bench.cap", interval, instances);
                if (steps.isEmpty()) {
                    rest.createConnector("cap", config);
                } else {
                    rest.putConfig("cap", config);
                }
                rest.awaitRunningAtLeast("cap", 1, Duration.ofMinutes(2));
                // Every instance polled twice since the step began: the new ones' snapshot is out, and the restarted
                // task has restored the others.
                try {
                    Waiting.waitFor(Duration.ofMinutes(5), n + " instances polled twice", () -> {
                        for (int i = 0; i < before.length; i++) {
                            if (instances.get(i).requestCount() < before[i] + 2) {
                                return false;
                            }
                        }
                        return true;
                    });
                } catch (IllegalStateException e) {
                    if (steps.isEmpty()) {
                        throw e;
                    }
                    // The task could not even get every instance polled twice: capacity is below this step.
                    out.printf("ramp %,d: %s; the ramp ends here%n", n, e.getMessage());
                    break;
                }
                WorkerMeter.MeasuredStep measured =
                        meter.rampStep(kafka, flipper, settings, "bench.cap", n, secondsSince(t));
                WorkerRun.RampStep step = measured.step();
                histogram = measured.histogram();
                steps.add(step);
                if (!step.keepsUp()) {
                    break;
                }
            }
        }
        return new RampPart(steps, histogram, instances);
    }

    private List<SimulatedInstance> addInstances(String prefix, int count) {
        if (count <= 0) {
            return List.of();
        }
        InstanceSettings template = InstanceSettings.builder("template")
                .jsonStyle(Bodies.STYLE)
                .load(LoadProfile.perSecond(0, 0))
                .build();
        return sim.addInstances(prefix, count, template);
    }

    /**
     * One task, UTC, removal events; compression off, so the worker reads the same bytes as the baseline (gzip is
     * measured apart).
     */
    private Map<String, String> connectorConfig(String topic, long intervalMs, List<SimulatedInstance> instances) {
        Map<String, String> config = new LinkedHashMap<>();
        config.putAll(SourceConfig.of(topic, 1, intervalMs));
        config.put("removal.mode", "event");
        config.put("timestamp.zone", "UTC");
        config.put("http.compression.enabled", "false");
        config.put("state.bootstrap.servers", bootstrap);
        config.put(
                "okast.instances",
                String.join(",", instances.stream().map(SimulatedInstance::name).toList()));
        for (SimulatedInstance instance : instances) {
            config.put("okast.instance." + instance.name() + ".url", instance.baseUrl());
        }
        return config;
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
