package io.github.okastconnect.bench;

import static io.github.okastconnect.bench.Markdown.f;

import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.StatusEntry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Heap retained per tracked entry: an {@code InstanceState} of N entries built through the tracker (one poll with
 * every entry NEW, then one with 1 % changed), measured as used heap after {@code System.gc()} (min of several)
 * before and after, divided by N. Also prints which classes the retained bytes are (class histogram delta).
 * Writes {@code results/heap.md}. Arguments: {@code [--results DIR] [--entries N]}.
 */
public final class HeapPerEntry {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapPerEntry() {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of("results");
        int n = 100_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--entries" -> n = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        byte[] body;
        byte[] changedBody;
        try (OkastSimulator sim = OkastSimulator.builder().build()) {
            List<StatusEntry> entries = Bodies.generate(sim, n, 7);
            body = Bodies.render(sim, "full", entries);
            changedBody = Bodies.render(sim, "changed", Bodies.changed(entries, 0.01));
        }
        InstanceConfig instance = ConnectorParts.instance("heap", java.net.URI.create("http://127.0.0.1:1/x"));
        ConnectorParts.Tracked tracker = ConnectorParts.tracker(instance, 1000);

        long before = usedAfterGc();
        Map<String, long[]> histogramBefore = histogram();

        poll(tracker, body);
        long afterFirst = usedAfterGc();
        Map<String, long[]> histogramAfter = histogram();
        poll(tracker, changedBody);
        long afterChanged = usedAfterGc();
        int tracked = tracker.tracker().state().size();
        Reference.reachabilityFence(body);
        Reference.reachabilityFence(changedBody);

        double perEntry = (double) (afterFirst - before) / tracked;
        double perEntryChanged = (double) (afterChanged - before) / tracked;
        StringBuilder out = new StringBuilder();
        out.append("## Heap retained per tracked entry\n\n");
        out.append(f(
                "InstanceState of %,d entries built through InstanceTracker.onResult (simulator entries, ~60-char"
                        + " paths); used heap after System.gc() (min of 3) before/after, divided by the entries tracked."
                        + " JVM: %s, compressed oops %s. Measured: %s.%n%n",
                tracked, System.getProperty("java.vm.version"), compressedOops(), ConnectorBuild.describe()));
        Markdown table = new Markdown("Measurement", "Bytes per tracked entry", "Target");
        table.row("after the first poll (all NEW)", f("**%.0f**", perEntry), "≤ 150");
        table.row("after a second poll with 1% changed", f("%.0f", perEntryChanged), "≤ 150");
        out.append(table).append('\n');
        out.append("Where it goes (class histogram delta after the first poll, bytes per entry):\n\n");
        Markdown classes = new Markdown("Class", "Instances per entry", "Bytes per entry");
        histogramDelta(histogramBefore, histogramAfter, tracked, 10)
                .forEach(e -> classes.row(
                        "`" + e.getKey() + "`",
                        f("%.2f", (double) e.getValue()[0] / tracked),
                        f("%.1f", (double) e.getValue()[1] / tracked)));
        out.append(classes);
        out.append(f(
                "%nVerdict: %.0f bytes per tracked entry against a target of ≤ 150: %s.%n",
                perEntry, perEntry <= 150 ? "met" : "**not met**"));
        System.out.println();
        System.out.println(out);
        Markdown.write(results.resolve("heap.md"), out.toString());
        // The worker part splits a worker's heap per entry with this figure (the connector's own state).
        java.nio.file.Files.writeString(results.resolve("heap-per-entry.txt"), f("%.1f%n", perEntry));
        Targets.write(
                results,
                "heap",
                List.of(new Targets.Row(
                        "Connector state per tracked entry (InstanceState alone, 100k entries) ≤ 150 B",
                        f("%.0f B", perEntry),
                        perEntry <= 150)));
    }

    /**
     * One poll of a body that changes something, its records then acknowledged as Connect does once they are
     * written, then the same body again (nothing to emit): what an instance's tracker holds between polls once its
     * writes have completed.
     */
    private static void poll(ConnectorParts.Tracked tracked, byte[] body) {
        long now = System.currentTimeMillis();
        List<SourceRecord> records = new ArrayList<>();
        tracked.tracker().onResult(new FetchResult.Success(body, now, 0), now, records);
        if (records.isEmpty()) {
            throw new IllegalStateException("no records");
        }
        tracked.written(records);
        List<SourceRecord> again = new ArrayList<>();
        tracked.tracker().onResult(new FetchResult.Success(body, now, 0), now + 1, again);
        if (!again.isEmpty() || tracked.tracker().pendingBases() != 0) {
            throw new IllegalStateException("the same body again emitted " + again.size() + " records, kept "
                    + tracked.tracker().pendingBases() + " bases");
        }
    }

    public static long usedAfterGc() throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            min = Math.min(min, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    private static String compressedOops() {
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot.getVMOption("UseCompressedOops").getValue();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** Classes whose live bytes grew by more than one byte per entry, largest growth first. */
    public static List<Map.Entry<String, long[]>> histogramDelta(
            Map<String, long[]> before, Map<String, long[]> after, long entries, int limit) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                    e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                    e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]
                }))
                .filter(e -> e.getValue()[1] > entries)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(limit)
                .toList();
    }

    /** class name → {instances, bytes}, live objects only (the histogram runs a full GC). */
    public static Map<String, long[]> histogram() {
        Map<String, long[]> out = new HashMap<>();
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
            out.putAll(parseHistogram(text));
        } catch (Exception e) {
            System.err.println("class histogram unavailable: " + e);
        }
        return out;
    }

    /** class name → {instances, bytes} from a class histogram's text (the MBean's or {@code jcmd}'s, same format). */
    public static Map<String, long[]> parseHistogram(String text) {
        Map<String, long[]> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":")) {
                out.merge(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])}, (a, b) ->
                        new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return out;
    }
}
