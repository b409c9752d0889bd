package io.github.okastconnect.quickstart;

import io.github.okastconnect.testkit.LifecycleEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per-instance view rebuilt from the events alone (the latest status of every entry key), which is what a
 * downstream consumer can know: it does not ask the Okast instances anything.
 */
public final class InstanceSummaries {

    private final Map<String, PerInstance> instances = new TreeMap<>();

    private static final class PerInstance {
        final Map<String, String> statusByEntry = new HashMap<>();
        long total;
        long sinceLastReport;
    }

    public synchronized void record(LifecycleEvent event) {
        if (event.isTombstone() || event.instance() == null) {
            return;
        }
        PerInstance p = instances.computeIfAbsent(event.instance(), id -> new PerInstance());
        p.total++;
        p.sinceLastReport++;
        if (event.removesEntry()) {
            p.statusByEntry.remove(event.entryKey());
        } else {
            p.statusByEntry.put(event.entryKey(), event.status() == null ? "UNKNOWN" : event.status());
        }
    }

    /** One line per instance; resets the per-interval event counters. */
    public synchronized List<String> report(Duration interval) {
        List<String> lines = new ArrayList<>();
        double seconds = Math.max(1e-3, interval.toMillis() / 1000.0);
        instances.forEach((id, p) -> {
            Map<String, Long> byStatus = p.statusByEntry.values().stream()
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            lines.add(String.format(
                    "  %-8s %4d entries %-40s %6.2f events/s (last %d s), %d events in all",
                    id, p.statusByEntry.size(), byStatus, p.sinceLastReport / seconds, interval.toSeconds(), p.total));
            p.sinceLastReport = 0;
        });
        if (lines.isEmpty()) {
            lines.add("  (no event yet)");
        }
        return lines;
    }
}
