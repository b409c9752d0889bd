package io.github.okastconnect.bench.harness;

import static io.github.okastconnect.bench.Markdown.f;

import io.github.okastconnect.bench.Bodies;
import io.github.okastconnect.bench.ConnectorBuild;
import io.github.okastconnect.bench.HeapPerEntry;
import io.github.okastconnect.bench.Markdown;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.LoadProfile;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.OkastTime;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.simulator.StatusEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * smoke test).
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

    /** A task-level plugin metric of the connector's task 0, formatted, or "n/a". */
    static String taskMetric(String connector, String metric, String format) throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName name =
                new javax.management.ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=0");
        return server.isRegistered(name)
                ? f(format, ((Number) server.getAttribute(name, metric)).doubleValue())
                : "n/a";
    }

    /** The sum over the connector's instances of one of its plugin metrics (the worker runs in this JVM). */
    static long instanceMetricSum(String connector, String metric) throws Exception {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        long sum = 0;
        for (javax.management.ObjectName name : server.queryNames(
                new javax.management.ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null)) {
            if (name.getKeyProperty("instance") != null
                    && name.getKeyPropertyList().size() == 4) {
                sum += Math.round(((Number) server.getAttribute(name, metric)).doubleValue());
            }
        }
        return sum;
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
            config.put("connector.class", "io.github.okastconnect.OkastSourceConnector");
            config.put("tasks.max", "1");
            config.put("topic", topic);
            config.put("poll.interval.ms", Long.toString(s.intervalMs()));
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
                stack.resumeConnector(connector);
                stack.waitFor(Duration.ofSeconds(60), connector + " running", () -> stack.taskRunning(connector));
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
                stack.waitFor(Duration.ofSeconds(60), connector + " running", () -> stack.taskRunning(connector));
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

    /** The offsets the connector would have stored after emitting every static entry of each instance. */
    static List<Map<String, Object>> seededOffsets(List<SimulatedInstance> instances) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SimulatedInstance instance : instances) {
            List<Map<String, Object>> shards = new ArrayList<>();
            for (int shard = 0; shard < OffsetCodec.SHARDS; shard++) {
                Map<String, Object> offset = new LinkedHashMap<>();
                offset.put(OffsetCodec.VERSION_KEY, OffsetCodec.VERSION);
                shards.add(offset);
            }
            for (StatusEntry e : instance.entries()) {
                EntryKey key = new EntryKey(
                        e.request().filePath().orElse(null), OkastTime.format(e.requestTime(), ZoneOffset.UTC), 0);
                EntryState state = new EntryState(e.status(), OkastTime.format(e.lastStatusUpdate(), ZoneOffset.UTC));
                String encoded = OffsetCodec.encodeKey(key);
                shards.get(OffsetCodec.shardOf(encoded)).put(encoded, OffsetCodec.encodeState(state));
            }
            for (int shard = 0; shard < OffsetCodec.SHARDS; shard++) {
                out.add(Map.of(
                        "partition", OffsetCodec.partition(instance.name(), shard), "offset", shards.get(shard)));
            }
        }
        return out;
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

    static String report(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("## End to end: simulator → connector in a real Connect worker → Kafka → consumer (")
                .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(")\n\n");
        out.append(f(
                "One KRaft broker, one distributed worker (JsonConverter, schemas off, offset flush every %d s),"
                        + " one task, the simulator and the consumer, all in one JVM on %d cores. Each instance lists N static"
                        + " entries plus the driver's live ones; the driver makes 1 %%/s of changes (new entry → 3 status"
                        + " changes → removal, at exact instants). Latency = consumer arrival − the instant the simulator made"
                        + " the change. CPU per million entries polled: connector = task thread + its HTTP threads + its"
                        + " producer and offset threads; JVM = the whole process (broker, simulator, consumer, GC"
                        + " included). Task thread load at full schedule = the task thread's CPU per poll × the polls the"
                        + " schedule asks for per second, as a share of one core: one task polls on one thread, so this must"
                        + " stay well below 100 %%, and unlike latency it hardly depends on other load on the machine."
                        + " Other processes = cores the rest of the machine kept busy during the window (0 = undisturbed)."
                        + " Heap = used heap after GC with the connector running minus before it was created, per"
                        + " tracked entry (the connector's state plus Connect's own copies of the offsets). Measured: "
                        + ConnectorBuild.describe() + ".%n%n",
                OFFSET_FLUSH_MS / 1000,
                Runtime.getRuntime().availableProcessors()));
        Markdown table = new Markdown(
                "Scenario",
                "Offsets committed",
                "Polls achieved / expected",
                "Events/s",
                "Latency p50",
                "p99",
                "max",
                "p99 target",
                "Connector CPU (cores)",
                "CPU s / M entries (connector)",
                "CPU s / M entries (JVM)",
                "Task thread load at full schedule",
                "Heap growth / tracked entry",
                "Start",
                "Other processes (cores)");
        for (ScenarioResult r : results) {
            table.row(
                    r.scenario().label(),
                    f(
                            "%d / %d instances%s",
                            r.committedInstances(),
                            r.scenario().instances(),
                            r.committedInstances() < r.scenario().instances() ? " ✗" : ""),
                    f("%,d / %,.0f (%.0f%%)", r.pollsAchieved(), r.pollsExpected(), 100 * r.pollRatio()),
                    f("%,.0f", r.eventsPerSecond()),
                    f("%d ms", r.p50Ms()),
                    f("%d ms", r.p99Ms()),
                    f("%d ms", r.maxMs()),
                    f("≤ %d ms %s", r.scenario().latencyTargetMs(), r.latencyMet() ? "✓" : "✗"),
                    f("%.2f", r.connectorCores()),
                    f("%.2f", r.connectorCpuPerMillionEntries()),
                    f("%.2f", r.processCpuPerMillionEntries()),
                    f("%.0f%% of a core", 100 * r.taskThreadLoadAtSchedule()),
                    f("%.0f B", r.heapPerTrackedEntry()),
                    r.scenario().seedOffsets()
                            ? f(
                                    "restored %,d entries from offsets (%,d events), all polled in %.1f s",
                                    (long) r.scenario().instances()
                                            * r.scenario().entries(),
                                    r.snapshotEvents(),
                                    r.snapshotSeconds())
                            : f("snapshot: %,d NEW events in %.1f s", r.snapshotEvents(), r.snapshotSeconds()),
                    f("%.2f", r.otherProcessesCores()));
        }
        out.append(table).append('\n');
        for (ScenarioResult r : results) {
            if (r.committedInstances() < r.scenario().instances()) {
                out.append(f(
                        "- %s: **only %d of %d instances got an offset committed** in the run (the worker logs"
                                + " why, e.g. RecordTooLargeException); after a restart the others would re-emit"
                                + " their entries.%n",
                        r.scenario().label(),
                        r.committedInstances(),
                        r.scenario().instances()));
            }
            if (r.duplicates() > 0) {
                out.append(f(
                        "- %s: %,d events matched no change (duplicates?)%n",
                        r.scenario().label(), r.duplicates()));
            }
        }
        results.stream()
                .filter(r -> r.scenario().instances() == 100 && r.scenario().intervalMs() == 1000)
                .findFirst()
                .ifPresent(r -> out.append(f(
                        "- Target, 100 instances × 1,000 entries at 1 s: latency"
                                + " p99 **%d ms** (≤ %d ms): %s on this run (other processes kept %.2f cores busy).%n",
                        r.p99Ms(),
                        r.scenario().latencyTargetMs(),
                        r.latencyMet() ? "met" : "**not met**",
                        r.otherProcessesCores())));
        results.stream()
                .filter(r -> r.scenario().instances() >= 500)
                .findFirst()
                .ifPresent(r -> out.append(f(
                        "- Target, one task with %d instances × %,d entries at %d s: %,d of %,.0f expected polls (%.0f%%),"
                                + " latency p99 %d ms (≤ %d ms): %s on this run (other processes kept %.2f cores busy); its task thread needs"
                                + " %.0f%% of a core to poll on schedule.%n",
                        r.scenario().instances(),
                        r.scenario().entries(),
                        r.scenario().intervalMs() / 1000,
                        r.pollsAchieved(),
                        r.pollsExpected(),
                        100 * r.pollRatio(),
                        r.p99Ms(),
                        r.scenario().latencyTargetMs(),
                        r.keepsUp() ? "keeps up" : "**does not keep up**",
                        r.otherProcessesCores(),
                        100 * r.taskThreadLoadAtSchedule())));
        if (results.size() >= 2) {
            // Least-squares slope of heap growth vs tracked entries: the fixed part (Kafka clients' buffer pools,
            // broker, worker) cancels out, what grows with the entries remains.
            double n = results.size();
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (ScenarioResult r : results) {
                double x = r.trackedEntries();
                double y = r.heapPerTrackedEntry() * r.trackedEntries();
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            out.append(f(
                    "- Marginal worker heap per tracked entry (slope of heap growth vs tracked entries over the"
                            + " scenarios; the fixed Kafka buffers cancel out): **%.0f B** (connector state + Connect's"
                            + " offset copies + anything else that grows with the entries).%n",
                    slope));
        }
        out.append("\n![latency and CPU vs instances](latency.png)\n");
        out.append("\nBusiest threads per scenario (CPU seconds in the window; digits folded to #):\n\n");
        for (ScenarioResult r : results) {
            out.append("- ")
                    .append(r.scenario().label())
                    .append(": ")
                    .append(String.join(
                            ", ",
                            r.topThreads().stream()
                                    .map(e -> f("`%s` %.1f", e.getKey(), e.getValue()))
                                    .toList()))
                    .append('\n');
        }
        return out.toString();
    }
}
