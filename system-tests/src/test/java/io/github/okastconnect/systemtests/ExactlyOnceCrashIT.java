package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.systemtests.CrashScenario.Kill;
import io.github.okastconnect.systemtests.CrashScenario.Report;
import io.github.okastconnect.systemtests.CrashScenario.Settings;
import io.github.okastconnect.systemtests.EventAccounting.Result;
import io.github.okastconnect.testkit.LifecycleEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker crashes (SIGKILL) in a 3-worker Connect cluster of real processes, while the connector (from the plugin
 * archive) follows a scripted timeline of hundreds of transitions over 20 simulated instances.
 *
 * <p>With exactly-once support (KIP-618) every transition must be on the topic exactly once, in order, for a
 * {@code read_committed} consumer. Without it (at-least-once), a task killed before its offsets were flushed restarts
 * from older offsets; with {@code recovery.bootstrap.servers} it reads back what it wrote after them, so every
 * transition must still reach the topic under its own changeType, and extra records may only be re-emissions
 * received around a kill, of events written shortly before it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExactlyOnceCrashIT {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    /** Kafka's offset.flush.interval.ms in the stack (5 s) plus slack for a slow flush on a loaded machine. */
    private static final Duration AT_LEAST_ONCE_WINDOW = Duration.ofSeconds(15);

    @TempDir
    static Path tmp;

    private static Path pluginPath;

    @BeforeAll
    static void unzipPlugin() {
        pluginPath = tmp.resolve("plugins");
        PluginArchive.unzipInto(SystemTestSettings.pluginZip(), pluginPath);
    }

    @Test
    @Order(1)
    void exactlyOnceSurvivesWorkerKills() throws Exception {
        Settings settings = new Settings(
                "eos-on", true, false, 3, 4, 20, 10, 32, 25, Set.of(5, 12, 19, 26), 20261128L, STEP_TIMEOUT);
        Report report = new CrashScenario(settings, pluginPath).run();
        Result result = report.result();
        print(settings, report);

        assertTrue(report.kills().size() >= 3, "at least 3 kills");
        assertTrue(report.transitions() >= 500, "hundreds of transitions: " + report.transitions());
        assertEquals(List.of(), head(result.lost()), "lost");
        assertEquals(List.of(), head(result.duplicates()), "duplicated");
        assertEquals(List.of(), head(result.unexpected()), "unexpected");
        assertEquals(0, result.lost().size());
        assertEquals(0, result.duplicates().size());
        assertEquals(result.expected(), result.seen());
        // and each entry's events arrived in the order of its transitions
        assertEquals(Map.of(), report.outOfOrderKeys(), "keys whose events are out of order");
    }

    @Test
    @Order(2)
    void atLeastOnceWithReadBackLosesNothingAndRepeatsOnlyAroundKills() throws Exception {
        Settings settings =
                new Settings("eos-off", false, true, 3, 3, 12, 8, 18, 15, Set.of(4, 10, 16), 4242L, STEP_TIMEOUT);
        Report report = new CrashScenario(settings, pluginPath).run();
        Result result = report.result();
        print(settings, report);

        assertTrue(report.kills().size() >= 3, "at least 3 kills");
        assertTrue(report.transitions() >= 200, "hundreds of transitions: " + report.transitions());
        // A restarted task reads back what was written after its last committed offsets, so it resumes from what
        // downstream has: nothing missing, not even the REMOVED of an entry first seen and purged in that window,
        // and nothing re-emitted under another changeType.
        assertEquals(List.of(), head(result.lostStates()), "lost states");
        assertEquals(List.of(), head(result.lost()), "lost (or re-labelled) transitions");
        assertEquals(0, result.lost().size());
        // Extra records may only come from a task killed between writing a record and committing its offset:
        // they arrive while that kill's step (or the next, for a straggler) is awaited, and their first copy
        // arrived shortly before the kill.
        List<LifecycleEvent> extras = new ArrayList<>(result.duplicates());
        extras.addAll(result.unexpected());
        for (LifecycleEvent extra : extras) {
            Optional<Kill> kill = report.kills().stream()
                    .filter(k -> extra.step() == k.step() || extra.step() == k.step() + 1)
                    .findFirst();
            assertTrue(kill.isPresent(), "extra record not received around a kill: " + extra);
            LifecycleEvent original = result.firstCopies().get(extra.identity());
            if (original != null) {
                long originalStepStart = report.stepStartNanos().get(original.step());
                long before = kill.get().killedAtNanos() - originalStepStart;
                assertTrue(
                        before <= AT_LEAST_ONCE_WINDOW.toNanos(),
                        "duplicate of an event received " + before / 1_000_000 + " ms before the kill: " + extra
                                + ", first copy " + original);
            }
        }
    }

    private static void print(Settings settings, Report report) {
        Result result = report.result();
        Map<Integer, Integer> extrasByStep = new TreeMap<>();
        result.duplicates().forEach(e -> extrasByStep.merge(e.step(), 1, Integer::sum));
        result.unexpected().forEach(e -> extrasByStep.merge(e.step(), 1, Integer::sum));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("exactlyOnce", settings.exactlyOnce());
        figures.put("workers", settings.workers());
        figures.put("tasks.max", settings.tasksMax());
        figures.put("instances", settings.instances());
        figures.put("steps", settings.steps());
        figures.put("transitions", report.transitions());
        figures.put("byType", report.eventsByType());
        figures.put("kills", report.kills().size());
        figures.put("stackStartMs", report.stackStart().toMillis());
        figures.put("scenarioMs", report.scenario().toMillis());
        figures.put("totalMs", report.total().toMillis());
        System.out.println("[" + settings.name() + "] " + figures);
        System.out.println("[" + settings.name() + "] ms per step (0 = initial NEWs): " + report.stepMillis());
        System.out.println("[" + settings.name() + "] " + result.summary());
        if (report.uncommittedView() >= 0) {
            System.out.println("[" + settings.name() + "] read_uncommitted view: " + report.uncommittedView()
                    + " records, i.e. " + (report.uncommittedView() - result.seen())
                    + " record(s) of aborted transactions that read_committed skipped");
        }
        if (!extrasByStep.isEmpty()) {
            System.out.println("[" + settings.name() + "] extra records by step received: " + extrasByStep);
        }
        head(result.duplicates()).forEach(e -> System.out.println("[" + settings.name() + "]   duplicate " + e));
        head(result.unexpected()).forEach(e -> System.out.println("[" + settings.name() + "]   unexpected " + e));
        head(result.lost())
                .forEach(e -> System.out.println("[" + settings.name() + "]   lost " + e.identity()
                        + (result.lostStates().contains(e)
                                ? " (state never delivered)"
                                : " (state delivered otherwise)")));
    }

    private static <T> List<T> head(List<T> list) {
        return list.size() <= 20 ? list : list.subList(0, 20);
    }
}
