package io.github.okastconnect.bench.harness;

import static io.github.okastconnect.bench.Markdown.f;
import static io.github.okastconnect.bench.harness.ConnectorMetrics.instanceMetricSum;
import static io.github.okastconnect.bench.harness.ConnectorMetrics.taskMetric;
import static io.github.okastconnect.bench.harness.HarnessReport.report;
import static io.github.okastconnect.bench.harness.SeededOffsets.seededOffsets;

import io.github.okastconnect.bench.Bodies;
import io.github.okastconnect.bench.HeapPerEntry;
import io.github.okastconnect.bench.Markdown;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.LoadProfile;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.testkit.SourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end load: simulated instances (each a static queue of N generated entries plus a {@link ChangeDriver}
 * making 1 %/s of changes at known instants), the connector in a real Connect worker with a real KRaft broker, all
 * in this JVM, and a consumer that timestamps arrivals. Per scenario it reports events/s, change → consumer
 * latency, polls achieved vs expected, CPU per million entries polled and heap growth per tracked entry; writes
 * {@code results/harness.md} and {@code results/latency.png} (run.sh's summary puts it into {@code latest.md}).
 *
 * <p>Arguments: {@code [--results DIR] [--quick | --scenario SPEC]} ({@code --quick}: one tiny scenario, for the
 * smoke test). The report is {@link HarnessReport}'s.
 */
public final class LoadHarness {
    /** Conservative: Connect's default is 60 s; a shorter flush puts the offset serialisation cost in the window. */
    static final long OFFSET_FLUSH_MS = Long.getLong("bench.offsetFlushMs", 10_000);

    static final int PARTITIONS = 3;
    static final Duration RETENTION = Duration.ofSeconds(3);

    public static final List<Scenario> DEFAULT = List.of(
            // One big instance: checks that a 10k-entry state still commits its offset (one record per instance).
            new Scenario(1, 10_000, 1000, 100, 12, 3),
            new Scenario(10, 1000, 1000, 10, 25, 5),
            new Scenario(50, 1000, 1000, 10, 25, 5),
            new Scenario(100, 1000, 1000, 10, 25, 5),
            new Scenario(500, 1000, 5000, 10, 40, 10, true));

    public static final List<Scenario> QUICK = List.of(new Scenario(2, 100, 500, 5, 4, 1));

    private LoadHarness() {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of("results");
        List<Scenario> scenarios = DEFAULT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--quick" -> scenarios = QUICK;
                case "--scenario" -> scenarios = List.of(parse(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<ScenarioResult> measured = run(scenarios, System.out);
        String report = report(measured);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(results);
        Markdown.write(results.resolve("harness.md"), report);
        Chart.write(measured, results.resolve("latency.png"));
        System.out.println("Wrote " + results.resolve("harness.md") + " and " + results.resolve("latency.png"));
        System.exit(0); // Kafka leaves non-daemon threads behind
    }

    /**
     * {@code INSTANCESxENTRIES@INTERVAL_MS[:WINDOW_S][/CHANGES_PER_S][+seed]}, e.g. {@code 1x10000@1000:20},
     * {@code 500x1000@5000:40+seed} or {@code 100x1000@1000:25/0.2} (a quiet fleet: one change per instance every
     * 5 s; the default is 1 % of the entries per second, at least 1).
     */
    static Scenario parse(String spec) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(\\d+)x(\\d+)@(\\d+)(?::(\\d+))?(?:/(\\d+(?:\\.\\d+)?))?(\\+seed)?")
                .matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("scenario must look like 100x1000@1000[:25][/0.2][+seed], not " + spec);
        }
        int entries = Integer.parseInt(m.group(2));
        double changes = m.group(5) == null ? Math.max(1, entries / 100.0) : Double.parseDouble(m.group(5));
        return new Scenario(
                Integer.parseInt(m.group(1)),
                entries,
                Long.parseLong(m.group(3)),
                changes,
                m.group(4) == null ? 25 : Integer.parseInt(m.group(4)),
                5,
                m.group(6) != null);
    }

    public static List<ScenarioResult> run(List<Scenario> scenarios, java.io.PrintStream out) throws Exception {
        List<ScenarioResult> results = new ArrayList<>();
        long t = System.nanoTime();
        try (ConnectStack stack = ConnectStack.start(OFFSET_FLUSH_MS);
                OkastSimulator sim = OkastSimulator.builder().build().start()) {
            out.printf("broker + Connect worker up in %.1f s%n", (System.nanoTime() - t) / 1e9);
            for (Scenario scenario : scenarios) {
                results.add(runScenario(stack, sim, scenario, out));
            }
        }
        return results;
    }

    static ScenarioResult runScenario(ConnectStack stack, OkastSimulator sim, Scenario s, java.io.PrintStream out)
            throws Exception {
        out.printf(
                "%n== %s: %d instances × %,d entries, poll every %d ms, %.3g changes/s per instance%n",
                s.label(), s.instances(), s.entries(), s.intervalMs(), s.changesPerSecondPerInstance());
        InstanceSettings template = InstanceSettings.builder("template")
                .jsonStyle(Bodies.STYLE)
                .retention(RETENTION)
                .load(LoadProfile.perSecond(s.entries(), 0))
                .build();
        List<SimulatedInstance> instances = sim.addInstances(s.name(), s.instances(), template);
        String connector = "okast-" + s.name();
        String topic = "bench." + s.name();
        stack.createTopic(topic, PARTITIONS);
        ChangeLog changes = new ChangeLog();
        // Render every body now: the simulator's own memory must be in the "before" heap, not in the growth.
        instances.forEach(SimulatedInstance::currentBody);

        long heapBefore = HeapPerEntry.usedAfterGc();
        Map<String, long[]> histogramBefore = HeapPerEntry.histogram();
        long snapshotExpected = (long) s.instances() * s.entries();
        ScenarioResult result;
        long heapAfterRunning;
        try (LatencyConsumer consumer =
                new LatencyConsumer(stack.bootstrapServers(), topic, PARTITIONS, changes).start()) {
            Map<String, String> config = new LinkedHashMap<>();
            config.putAll(SourceConfig.of(topic, 1, s.intervalMs()));
            config.put("removal.mode", "event");
            config.put("timestamp.zone", "UTC");
            config.put("state.bootstrap.servers", stack.bootstrapServers());
            config.put(
                    "okast.instances",
                    String.join(
                            ",", instances.stream().map(SimulatedInstance::name).toList()));
            for (SimulatedInstance instance : instances) {
                config.put("okast.instance." + instance.name() + ".url", instance.baseUrl());
            }
            long created = System.nanoTime();
            double snapshotSeconds;
            if (s.seedOffsets()) {
                stack.createConnector(connector, config, true);
                stack.alterOffsets(connector, seededOffsets(instances));
                double seeded = (System.nanoTime() - created) / 1e9;
                created = System.nanoTime();
                stack.rest().resume(connector);
                stack.awaitTaskRunning(connector);
                // One full round of polls: every entry is already known, so nothing may be emitted.
                long requests = Arrays.stream(requestCounts(instances)).sum();
                stack.waitFor(
                        Duration.ofSeconds(120),
                        "first poll of every instance",
                        () -> Arrays.stream(requestCounts(instances)).sum() >= requests + s.instances());
                snapshotSeconds = (System.nanoTime() - created) / 1e9;
                out.printf(
                        "offsets seeded with %,d entries in %.1f s; resumed, restored and polled every instance"
                                + " once in %.1f s; events emitted: %d (expected 0)%n",
                        snapshotExpected, seeded, snapshotSeconds, consumer.events());
            } else {
                stack.createConnector(connector, config);
                stack.awaitTaskRunning(connector);
                stack.waitFor(
                        Duration.ofSeconds(240),
                        "initial snapshot of " + snapshotExpected + " entries",
                        () -> consumer.events() >= snapshotExpected);
                snapshotSeconds = (System.nanoTime() - created) / 1e9;
                out.printf(
                        "initial snapshot: %,d NEW events in %.1f s (connector created → all consumed)%n",
                        consumer.events(), snapshotSeconds);
            }
            long snapshotEvents = consumer.events();

            consumer.startJoining();
            ChangeDriver driver = new ChangeDriver(instances, s.changesPerSecondPerInstance(), changes).start();
            Thread.sleep(s.warmupSeconds() * 1000L);

            long[] requestsBefore = requestCounts(instances);
            long unchangedBefore = instanceMetricSum(connector, "unchanged-bodies-total");
            long refetchesBefore = instanceMetricSum(connector, "refetches-total");
            long windowStart = System.currentTimeMillis();
            consumer.startWindow(windowStart);
            CpuMeter cpu = new CpuMeter(connector).start();
            PollPhases phases = new PollPhases(instances, s.intervalMs()).start();
            Thread.sleep(s.windowSeconds() * 1000L);
            phases.close();
            long windowEnd = System.currentTimeMillis();
            consumer.endWindow(windowEnd);
            cpu.close();
            long[] requestsAfter = requestCounts(instances);
            long unchangedBodies = instanceMetricSum(connector, "unchanged-bodies-total") - unchangedBefore;
            long refetches = instanceMetricSum(connector, "refetches-total") - refetchesBefore;
            String startDelay = taskMetric(connector, "poll-start-delay-avg-ms", "avg %.1f ms") + ", "
                    + taskMetric(connector, "poll-start-delay-max-ms", "max %.0f ms");
            double windowSeconds = (windowEnd - windowStart) / 1e3;

            driver.close();
            long entriesPolled = 0;
            long polls = 0;
            long tracked = 0;
            for (int i = 0; i < instances.size(); i++) {
                SimulatedInstance instance = instances.get(i);
                instance.tick();
                long queue = instance.stats().queueSize();
                long n = requestsAfter[i] - requestsBefore[i];
                polls += n;
                entriesPolled += n * queue;
                tracked += queue;
            }
            // Let the last changes arrive so that duplicates (if any) are counted, then stop measuring events.
            Thread.sleep(s.intervalMs() + 1000);
            long matched = consumer.matched();
            long unmatched = consumer.unmatched();
            LatencyConsumer.Window window = consumer.window();
            consumer.close();
            changes.clear();

            int committed = stack.committedPartitions(connector);
            long heapAfter = HeapPerEntry.usedAfterGc(); // connector still running: its state is live
            heapAfterRunning = heapAfter;
            long trackedFinal = tracked;
            Map<String, long[]> histogramAfter = HeapPerEntry.histogram();
            if (Boolean.getBoolean("bench.debugHeap")) {
                for (String c : List.of(
                        "java.lang.String",
                        "[B",
                        "io.github.okastconnect.detect.EntryKey",
                        "io.github.okastconnect.detect.EntryState",
                        "java.util.HashMap$Node")) {
                    out.printf(
                            "  %s: before %s after %s%n",
                            c, Arrays.toString(histogramBefore.get(c)), Arrays.toString(histogramAfter.get(c)));
                }
            }
            out.println("heap growth by class (bytes per tracked entry): "
                    + HeapPerEntry.histogramDelta(histogramBefore, histogramAfter, tracked, 8).stream()
                            .map(e -> f("%s=%.0f", e.getKey(), (double) e.getValue()[1] / trackedFinal))
                            .toList());
            long[] latencies = window.latencies();
            Arrays.sort(latencies);
            result = new ScenarioResult(
                    s,
                    windowSeconds,
                    polls,
                    s.instances() * windowSeconds * 1000 / s.intervalMs(),
                    window.events(),
                    latencies.length,
                    percentile(latencies, 50),
                    percentile(latencies, 99),
                    latencies.length == 0 ? -1 : latencies[latencies.length - 1],
                    cpu.taskSeconds(),
                    cpu.connectSeconds(),
                    cpu.processSeconds(),
                    entriesPolled,
                    tracked,
                    (double) (heapAfter - heapBefore) / tracked,
                    snapshotSeconds,
                    snapshotEvents,
                    Math.max(0, unmatched - snapshotEvents),
                    driver.submitted(),
                    cpu.otherProcessesCores(),
                    cpu.top(8),
                    Double.NaN,
                    cpu.taskThreadSeconds(),
                    committed);
            out.printf(
                    "window %.1f s: %,d polls (expected %,.0f), %,d events (%,.0f/s), latency p50 %d ms p99 %d ms"
                            + " max %d ms (%,d samples), matched %,d, unmatched-beyond-snapshot %,d%n",
                    windowSeconds,
                    polls,
                    result.pollsExpected(),
                    result.events(),
                    result.eventsPerSecond(),
                    result.p50Ms(),
                    result.p99Ms(),
                    result.maxMs(),
                    result.latencySamples(),
                    matched,
                    result.duplicates());
            out.println(phases.summary());
            out.println("poll start delay (the connector's metric, over Connect's last 30-60 s): " + startDelay);
            out.printf(
                    "answers in window: %,d unchanged bodies (%.0f%% of polls), %,d fetched twice%n",
                    unchangedBodies, polls == 0 ? 0 : 100.0 * unchangedBodies / polls, refetches);
            out.printf(
                    "CPU in window: connector task thread %.1f s (%.0f%% of a core needed at full schedule),"
                            + " task+http %.1f s, producer/offsets %.1f s, whole JVM %.1f s;"
                            + " heap %+.0f MB for %,d tracked entries (%.0f B/entry)%n",
                    result.taskThreadCpuSeconds(),
                    100 * result.taskThreadLoadAtSchedule(),
                    result.taskCpuSeconds(),
                    result.connectCpuSeconds(),
                    result.processCpuSeconds(),
                    (heapAfter - heapBefore) / 1e6,
                    tracked,
                    result.heapPerTrackedEntry());
            out.printf("instances with an offset committed: %d of %d%n", committed, s.instances());
            out.println("busiest threads (CPU s in window): "
                    + result.topThreads().stream()
                            .map(e -> f("%s=%.1f", e.getKey(), e.getValue()))
                            .toList());
        } finally {
            stack.deleteConnector(connector);
        }
        long heapDeleted = HeapPerEntry.usedAfterGc(); // simulator instances still there, as in "before"
        for (SimulatedInstance instance : instances) {
            sim.removeInstance(instance.name());
        }
        out.printf(
                "heap released when the connector was deleted: %.0f MB (%.0f B per tracked entry)%n",
                (heapAfterRunning - heapDeleted) / 1e6,
                (double) (heapAfterRunning - heapDeleted) / result.trackedEntries());
        return result.withReleasedOnDelete((double) (heapAfterRunning - heapDeleted) / result.trackedEntries());
    }

    private static long[] requestCounts(List<SimulatedInstance> instances) {
        long[] out = new long[instances.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = instances.get(i).requestCount();
        }
        return out;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
