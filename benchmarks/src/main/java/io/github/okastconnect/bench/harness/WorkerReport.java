package io.github.okastconnect.bench.harness;

import static io.github.okastconnect.bench.Markdown.f;

import io.github.okastconnect.bench.ConnectorBuild;
import io.github.okastconnect.bench.JmhBaseline;
import io.github.okastconnect.bench.JmhReport;
import io.github.okastconnect.bench.MachineCpu;
import io.github.okastconnect.bench.Markdown;
import io.github.okastconnect.bench.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The tables, targets and chart of {@link WorkerBench}. */
final class WorkerReport {
    private WorkerReport() {}

    static void write(Path results, WorkerBench.Settings settings, List<WorkerRun> runs, PrintStream out)
            throws IOException {
        Optional<double[]> baseline =
                JmhBaseline.baselineSteadyCpuUs(results.resolve("jmh.json"), settings.cpuEntries());
        OptionalDouble connectorState = connectorStateBytes(results);
        StringBuilder md = new StringBuilder();
        md.append("## The connector in a real Connect worker process (")
                .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(")\n\n");
        md.append(f(
                "A KRaft broker and one distributed Connect worker, each its own JVM on Kafka 4.4.0's jars (worker"
                        + " -Xmx4g, C2 on), the connector loaded from the packaged plugin on plugin.path, offsets"
                        + " flushed every 60 s (Connect's default), JsonConverter without schemas, one task, compression"
                        + " off (the baseline reads the same uncompressed body), the simulator in the benchmark's JVM."
                        + " Worker CPU = every thread of the worker process (/proc/PID/task, GC, producer, offset"
                        + " threads, REST included) except the JIT compiler threads, minus the bare worker's own idle"
                        + " CPU measured in the same process after the CPU windows (connector deleted, the worker's code"
                        + " warm), per poll; the change path warmed up %d s first. 1 %% changed = the instance's body"
                        + " alternates between two bodies that differ in 1 %% of the entries, swapped after every"
                        + " request, so every poll emits exactly 1 %% of the entries. Other processes = cores the rest of"
                        + " the machine kept busy (machine busy time minus worker, broker and benchmark JVM). Measured:"
                        + " %s on %s.%n%n",
                settings.warmSeconds(), ConnectorBuild.describe(), MachineCpu.describe()));
        List<Targets.Row> targets = new ArrayList<>();

        md.append("### Whole-worker CPU per poll, 1 × ")
                .append(f("%,d", settings.cpuEntries()))
                .append(" entries\n\n");
        md.append(baseline.map(b -> f(
                        "Baseline (JMH, this run, same body from the same simulator): fastest GET + fastest parse ="
                                + " **%s** steady CPU per poll.%n%n",
                        Markdown.micros(b[0])))
                .orElse("No JMH baseline for this body size in results/jmh.json: ratios not available.\n\n"));
        Markdown cpu = new Markdown(
                "Mode",
                "Case",
                "Polls in window",
                "Worker CPU / poll (idle subtracted)",
                "× baseline",
                "Task thread / poll",
                "JIT left out",
                "Idle worker",
                "Other processes",
                "Load average (start → end)");
        for (WorkerRun r : runs) {
            for (WorkerRun.CpuCase c : List.of(r.changed(), r.unchanged())) {
                String name = c == r.changed() ? "1 % changed" : "unchanged body";
                cpu.row(
                        r.mode(),
                        name,
                        f("%d in %.0f s", c.polls(), c.windowSeconds()),
                        f("%.2f ms", c.perPollMs()),
                        baseline.map(b -> f("%.2f ×", 1000 * c.perPollMs() / b[0]))
                                .orElse("n/a"),
                        f("%.2f ms", c.taskThreadPerPollMs()),
                        f("%.2f s", c.jitSeconds()),
                        f("%.3f cores", r.idleCores()),
                        f("%.2f cores", c.otherProcessesCores()),
                        c.loadAverage());
            }
            baseline.ifPresent(b -> {
                double changed = 1000 * r.changed().perPollMs() / b[0];
                double limit = r.exactlyOnce() ? 1.5 : 1.3;
                String size = JmhReport.label(settings.cpuEntries());
                // A figure below zero is noise (the window's CPU was below the idle worker's): no verdict.
                targets.add(new Targets.Row(
                        f("Whole worker, %s, %s entries, 1 %% changed ≤ %.1f × baseline", r.mode(), size, limit),
                        f("%.2f × (%.2f ms vs %s)", changed, r.changed().perPollMs(), Markdown.micros(b[0])),
                        changed < 0 ? null : changed <= limit));
                double same = 1000 * r.unchanged().perPollMs() / b[0];
                targets.add(new Targets.Row(
                        f("Whole worker, %s, %s entries, unchanged body ≤ 0.2 × baseline", r.mode(), size),
                        f("%.3f × (%.2f ms)", same, r.unchanged().perPollMs()),
                        same < 0 ? null : same <= 0.2));
            });
        }
        md.append(cpu).append('\n');
        md.append("Busiest threads of the worker in each window (CPU ms per poll, /proc's 10 ms ticks over the window;"
                + " digits folded to #; idle not subtracted):\n\n");
        for (WorkerRun r : runs) {
            md.append(f("- %s, 1 %% changed: %s%n", r.mode(), threadsPerPoll(r.changed())));
            md.append(f("- %s, unchanged body: %s%n", r.mode(), threadsPerPoll(r.unchanged())));
        }

        md.append("\n### Bytes written to Kafka per poll, 1 % changed\n\n");
        md.append(
                "Growth of every topic's log on the broker during the 1 % window (events, Connect's offsets or any"
                        + " state topic, the transaction log, batch headers and transaction markers included), per poll,"
                        + " against the key + value bytes of the events emitted in the window (read back from the broker).\n\n");
        Markdown bytes = new Markdown(
                "Mode",
                "Polls",
                "Events / poll",
                "Event bytes / poll",
                "Written / poll",
                "By topic / poll",
                "× events");
        for (WorkerRun r : runs) {
            WorkerRun.KafkaWrite w = r.written();
            long polls = Math.max(1, w.polls());
            List<String> byTopic = new ArrayList<>();
            w.topicGrowth().entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> byTopic.add(f("%s %s", e.getKey(), Markdown.bytes((double) e.getValue() / polls))));
            bytes.row(
                    r.mode(),
                    w.polls(),
                    f("%.0f", (double) w.eventRecords() / polls),
                    Markdown.bytes((double) w.eventBytes() / polls),
                    Markdown.bytes((double) w.totalGrowth() / polls),
                    String.join(", ", byTopic),
                    f("%.2f ×", w.ratio()));
            targets.add(new Targets.Row(
                    f("Bytes written to Kafka per poll, %s, 1 %% changed ≤ 3 × the events' bytes", r.mode()),
                    f(
                            "%.2f × (%s vs %s per poll)",
                            w.ratio(),
                            Markdown.bytes((double) w.totalGrowth() / polls),
                            Markdown.bytes((double) w.eventBytes() / polls)),
                    w.ratio() <= 3));
        }
        md.append(bytes).append('\n');

        md.append("### Worker heap per tracked entry\n\n");
        md.append("Live heap of the worker process after a full GC (`jcmd PID GC.class_histogram`): bare worker, then"
                + " at the end of every capacity step (connector running, 1 % changing per poll, offsets committed"
                + " and flushed); the slope over the steps (bare worker included) is the cost per tracked entry, fixed"
                + " costs cancelling. After the last step the connector is stopped (PUT /stop: the task ends, its"
                + " pending offsets flushed) and resumed (the task restores every instance from what was committed and"
                + " polls each twice): resumed − stopped = what the task holds (connector state + pending offsets +"
                + " the task's producer), stopped − bare = what the worker keeps for the connector, mostly Connect's"
                + " offset store (every committed offset, as read from the offsets topic). Under at-least-once a"
                + " step's figure can miss up to one flush interval (60 s) of the newest offsets in the store. The connector's"
                + " own state is the heap part's figure (its InstanceState alone, in isolation, this run); pending"
                + " offsets + other = the task's share minus it.\n\n");
        Markdown heap = new Markdown(
                "Mode",
                "Slope / tracked entry",
                "Tracked at last step",
                "Task (resumed − stopped) / entry",
                "connector state (isolated)",
                "pending offsets + other",
                "Offset store (stopped − bare) / entry",
                "Bare worker");
        for (WorkerRun r : runs) {
            WorkerRun.HeapSplit h = r.heap();
            heap.row(
                    r.mode(),
                    f("**%.0f B**", h.slopeBytesPerEntry()),
                    f("%,d", h.trackedEntries()),
                    f("%.0f B", h.taskPerEntry()),
                    connectorState.isPresent() ? f("%.0f B", connectorState.getAsDouble()) : "n/a",
                    connectorState.isPresent() ? f("%.0f B", h.taskPerEntry() - connectorState.getAsDouble()) : "n/a",
                    f("%.0f B", h.storePerEntry()),
                    f("%.0f MB", h.bareBytes() / 1e6));
            targets.add(new Targets.Row(
                    f("Worker heap per tracked entry, %s ≤ 300 B", r.mode()),
                    f(
                            "%.0f B (slope; task %.0f B, offset store %.0f B at %,d entries)",
                            h.slopeBytesPerEntry(), h.taskPerEntry(), h.storePerEntry(), h.trackedEntries()),
                    h.slopeBytesPerEntry() <= 300));
        }
        md.append(heap).append('\n');
        for (WorkerRun r : runs) {
            md.append(f(
                    "- %s, task's classes (bytes per entry): %s%n",
                    r.mode(), classes(r.heap().taskClasses(), r)));
            md.append(f(
                    "- %s, offset store's classes (bytes per entry): %s%n",
                    r.mode(), classes(r.heap().storeClasses(), r)));
        }

        md.append("\n### Capacity of one task\n\n");
        md.append(f(
                "Instances × %,d entries on one task, every poll 1 %% changed, interval %d ms, ramped up; each step"
                        + " adds instances (the connector's config is updated: the task restarts, restores the others"
                        + " and snapshots the new ones), waits until every instance was polled twice, then measures"
                        + " %d s. Keeps up = p99 of the gap between one instance's consecutive poll starts ≤ interval +"
                        + " 250 ms and ≥ 99 %% of the expected polls. Chart: capacity.png.%n%n",
                settings.rampEntries(), settings.rampIntervalMs(), settings.rampWindowSeconds()));
        Markdown ramp = new Markdown(
                "Mode",
                "Instances",
                "Polls made / expected",
                "Gap p50",
                "p99",
                "max",
                "Keeps up",
                "Worker CPU",
                "Task thread",
                "Live heap",
                "Kafka bytes / s (events' own)",
                "Step set-up",
                "Other processes",
                "Load average");
        for (WorkerRun r : runs) {
            for (WorkerRun.RampStep s : r.ramp()) {
                ramp.row(
                        r.mode(),
                        f("%,d", s.instances()),
                        f("%,d / %,.0f (%.1f %%)", s.polls(), s.pollsExpected(), 100 * s.pollRatio()),
                        f("%d ms", s.gapP50Ms()),
                        f("%d ms", s.gapP99Ms()),
                        f("%d ms", s.gapMaxMs()),
                        s.keepsUp() ? "yes" : "**no**",
                        f("%.2f cores", s.workerCores()),
                        f("%.0f %%", 100 * s.taskThreadCores()),
                        f("%.0f MB", s.heapBytes() / 1e6),
                        f(
                                "%s (%s)",
                                Markdown.bytes(s.writtenBytes() / s.windowSeconds()),
                                Markdown.bytes(s.eventBytes() / s.windowSeconds())),
                        f("%.0f s", s.snapshotSeconds()),
                        f("%.2f cores", s.otherProcessesCores()),
                        s.loadAverage());
            }
            String capacity = capacity(r);
            boolean met =
                    r.ramp().stream().anyMatch(s -> s.keepsUp() && s.instances() >= 1000 && s.intervalMs() == 5000);
            targets.add(new Targets.Row(
                    f("Capacity per task, %s: ≥ 1,000 instances × 1,000 entries at 5 s", r.mode()),
                    capacity,
                    settings.rampIntervalMs() == 5000 ? met : null));
            md.append(f("- %s: %s%n", r.mode(), capacity));
        }
        md.append('\n').append(ramp).append('\n');
        md.append("Busiest threads at each capacity step (CPU seconds):\n\n");
        for (WorkerRun r : runs) {
            for (WorkerRun.RampStep s : r.ramp()) {
                md.append(f("- %s, %,d instances: %s%n", r.mode(), s.instances(), threads(s.topThreads())));
            }
        }
        md.append("\n![capacity](capacity.png)\n");
        md.append(model(runs, settings));

        Markdown.write(results.resolve("worker.md"), md.toString());
        Targets.write(results, "worker", targets);
        Chart.writeCapacity(runs, results.resolve("capacity.png"));
        out.println();
        out.println(md);
        out.println("Wrote " + results.resolve("worker.md") + ", " + results.resolve("capacity.png") + " and "
                + results.resolve("targets-worker.tsv"));
    }

    static final int FLEET_INSTANCES = 10_000;
    /** The measured worker's size: the model packs tasks into workers like it. */
    static final double WORKER_CORES = 2;

    static final double WORKER_HEAP_BYTES = 4e9;

    /**
     * 10,000 instances × 1,000 entries at 5 s on a Connect cluster, every input a figure of this run: instances per
     * task = the largest step that kept up; cores per task = the worker's CPU at that step (idle worker excluded);
     * heap = the slope per tracked entry × entries + the bare worker once per worker; Kafka bytes = the log growth
     * per instance-second at that step.
     */
    static String model(List<WorkerRun> runs, WorkerBench.Settings settings) {
        StringBuilder md = new StringBuilder("\n### Capacity model: 10,000 instances × 1,000 entries at 5 s\n\n");
        if (settings.rampIntervalMs() != 5000 || settings.rampEntries() != 1000) {
            return md.append("Not computed: this run's ramp was not 1,000 entries at 5 s.\n")
                    .toString();
        }
        md.append("Every input is a figure of this run (the rows above): instances per task = the largest ramp step"
                + " that kept up (a lower bound when no step fell behind); cores = the worker's CPU at that step, idle"
                + " worker excluded, per task; heap = the slope per tracked entry × 10,000,000 entries + the bare"
                + " worker's heap once per worker; Kafka = the log growth (all topics) per instance-second at that step"
                + " × 10,000. Workers are sized like the measured one (2 cores, 4 GB heap), loaded to 70 % of their"
                + " cores. Output partitions: at least one per task, so that every task's producer writes in parallel,"
                + " and at least one per 1 MB/s of events (a planning rule, not a figure measured here).\n\n");
        Markdown table = new Markdown(
                "Mode",
                "Instances per task",
                "Tasks",
                "Worker cores (total)",
                "Heap (total)",
                "Workers (2 cores, 4 GB)",
                "Kafka written / s",
                "of which events / s",
                "Output partitions");
        for (WorkerRun r : runs) {
            Optional<WorkerRun.RampStep> kept =
                    r.ramp().stream().filter(WorkerRun.RampStep::keepsUp).reduce((a, b) -> b);
            if (kept.isEmpty()) {
                table.row(r.mode(), "no step kept up", "", "", "", "", "", "", "");
                continue;
            }
            WorkerRun.RampStep k = kept.get();
            int tasks = (int) Math.ceil((double) FLEET_INSTANCES / k.instances());
            double cores = tasks * k.workerCores();
            long entries = (long) FLEET_INSTANCES * k.entries();
            double heapEntries = entries * r.heap().slopeBytesPerEntry();
            int workers = (int) Math.max(
                    Math.ceil(cores / (0.7 * WORKER_CORES)),
                    Math.ceil(heapEntries / (WORKER_HEAP_BYTES - r.heap().bareBytes())));
            workers = Math.max(workers, 1);
            double heap = heapEntries + workers * (double) r.heap().bareBytes();
            double written = FLEET_INSTANCES * k.writtenPerInstanceSecond();
            double events = FLEET_INSTANCES * k.eventBytes() / k.windowSeconds() / k.instances();
            int partitions = (int) Math.max(tasks, Math.ceil(events / 1e6));
            table.row(
                    r.mode(),
                    f("%,d%s", k.instances(), r.ramp().stream().allMatch(WorkerRun.RampStep::keepsUp) ? "+" : ""),
                    f("%,d", tasks),
                    f("%.1f", cores),
                    f("%.1f GB", heap / 1e9),
                    f("%,d", workers),
                    Markdown.bytes(written) + "/s",
                    Markdown.bytes(events) + "/s",
                    f("%,d", partitions));
        }
        return md.append(table).append('\n').toString();
    }

    /** "keeps up with N (largest step kept)", or the first step that fell behind. */
    static String capacity(WorkerRun r) {
        Optional<WorkerRun.RampStep> kept =
                r.ramp().stream().filter(WorkerRun.RampStep::keepsUp).reduce((a, b) -> b);
        Optional<WorkerRun.RampStep> failed =
                r.ramp().stream().filter(s -> !s.keepsUp()).findFirst();
        String keeps = kept.map(s -> f(
                        "keeps up with **%,d** instances (p99 gap %d ms, %.0f %% of a core on the task thread)",
                        s.instances(), s.gapP99Ms(), 100 * s.taskThreadCores()))
                .orElse("kept up with no step");
        return keeps
                + failed.map(s -> f(
                                "; falls behind at %,d (p99 gap %d ms, %.1f %% of the polls)",
                                s.instances(), s.gapP99Ms(), 100 * s.pollRatio()))
                        .orElse("; never fell behind: capacity ≥ the largest step");
    }

    /** A CPU window's busiest threads in milliseconds per poll. */
    static String threadsPerPoll(WorkerRun.CpuCase c) {
        return String.join(
                ", ",
                c.topThreads().stream()
                        .map(e -> f("`%s` %.2f ms", e.getKey(), 1000 * e.getValue() / Math.max(1, c.polls())))
                        .toList());
    }

    static String threads(List<Map.Entry<String, Double>> top) {
        return String.join(
                ", ",
                top.stream().map(e -> f("`%s` %.1f", e.getKey(), e.getValue())).toList());
    }

    private static String classes(List<Map.Entry<String, long[]>> classes, WorkerRun r) {
        return String.join(
                ", ",
                classes.stream()
                        .map(e -> f(
                                "`%s` %.0f",
                                e.getKey(), (double) e.getValue()[1] / r.heap().trackedEntries()))
                        .toList());
    }

    /** The connector's own state per entry, as the heap part measured it in this run ({@code heap-per-entry.txt}). */
    private static OptionalDouble connectorStateBytes(Path results) {
        try {
            return OptionalDouble.of(Double.parseDouble(
                    Files.readString(results.resolve("heap-per-entry.txt")).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
