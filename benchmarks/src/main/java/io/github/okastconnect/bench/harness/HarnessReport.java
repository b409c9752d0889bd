package io.github.okastconnect.bench.harness;

import static io.github.okastconnect.bench.Markdown.f;

import io.github.okastconnect.bench.ConnectorBuild;
import io.github.okastconnect.bench.Markdown;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code results/harness.md}: {@link LoadHarness}'s scenarios as a table, the targets they meet and their outliers. */
final class HarnessReport {
    private HarnessReport() {}

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
                LoadHarness.OFFSET_FLUSH_MS / 1000,
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
