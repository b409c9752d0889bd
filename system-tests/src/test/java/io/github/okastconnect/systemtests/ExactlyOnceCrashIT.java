package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import io.github.okastconnect.systemtests.CrashScenario.Kill;
import io.github.okastconnect.systemtests.CrashScenario.Report;
import io.github.okastconnect.systemtests.CrashScenario.Settings;
import io.github.okastconnect.systemtests.EventAccounting.Result;
import io.github.okastconnect.systemtests.LifecycleTimeline.Expected;

/**
 * Worker crashes (SIGKILL) in a 3-worker Connect cluster of real processes, while the connector (from the plugin
 * archive) follows a scripted timeline of hundreds of transitions over 20 simulated instances.
 *
 * <p>With exactly-once support (KIP-618) every transition must be on the topic exactly once, in order, for a
 * {@code read_committed} consumer. Without it (at-least-once), a task killed before its offsets were flushed restarts
 * from older offsets: every state must still reach the topic, possibly under another changeType (a NEW in place of
 * a STATUS_CHANGED), extra records may only be re-emissions received around a kill, of events written shortly
 * before it, and the only thing that may go missing is the REMOVED of an entry that left the queue before the
 * restored task polled while the offsets it restored from predate that entry's last event (nothing the restarted
 * task can read says the entry existed).
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
        Settings settings = new Settings("eos-on", true, 3, 4, 20, 10, 32, 25, Set.of(5, 12, 19, 26), 20261128L,
                STEP_TIMEOUT);
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
    void atLeastOnceLosesNothingAndRepeatsOnlyAroundKills() throws Exception {
        Settings settings = new Settings("eos-off", false, 3, 3, 12, 8, 18, 15, Set.of(4, 10, 16), 4242L,
                STEP_TIMEOUT);
        Report report = new CrashScenario(settings, pluginPath).run();
        Result result = report.result();
        print(settings, report);

        assertTrue(report.kills().size() >= 3, "at least 3 kills");
        // every state of every entry reached the topic (possibly under another changeType, see EventAccounting),
        // except removals a restored task could not know of: the entry's last event was written within the
        // offset-flush window before the kill and the entry left the queue before the restored task polled
        List<Expected> lostStates = new ArrayList<>(result.lostStates());
        lostStates.removeAll(result.unrecoverableRemovals());
        assertEquals(List.of(), head(lostStates), "lost states");
        for (Expected removal : result.unrecoverableRemovals()) {
            Kill kill = report.kills().stream().filter(k -> k.step() == removal.step()).findFirst()
                    .orElseThrow(() -> new AssertionError("removal lost outside a kill step: " + removal));
            LifecycleEvent last = report.received().stream()
                    .filter(e -> e.entryKey().equals(removal.entryKey()) && e.step() < kill.step())
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("never seen: " + removal));
            long before = kill.killedAtNanos() - report.stepStartNanos().get(last.step());
            assertTrue(before <= AT_LEAST_ONCE_WINDOW.toNanos(), "removal of an entry last reported "
                    + before / 1_000_000 + " ms before the kill was lost: " + removal + ", last event " + last);
        }
        // An event missing as such was re-emitted by a restored task under another changeType (its state is among
        // the delivered ones, asserted above). Usually at a kill step or the one after; how long a restored task keeps
        // diffing against older state depends on rebalance timing, so this is reported, not asserted.
        long farFromKills = result.lost().stream().filter(m -> !settings.killSteps().contains(m.step())
                && !settings.killSteps().contains(m.step() - 1)).count();
        System.out.printf("[eos-off] transitions delivered under another changeType: %d (%d not at a kill step or "
                + "the one after)%n", result.lost().size(), farFromKills);
        // extra records come only from a task restored after a kill: they arrive while that kill's step (or the
        // next, for a straggler) is awaited, and a duplicate's first copy arrived shortly before the kill
        List<LifecycleEvent> extras = new ArrayList<>(result.duplicates());
        extras.addAll(result.unexpected());
        for (LifecycleEvent extra : extras) {
            Optional<Kill> kill = report.kills().stream()
                    .filter(k -> extra.step() == k.step() || extra.step() == k.step() + 1).findFirst();
            assertTrue(kill.isPresent(), "extra record not received around a kill: " + extra);
            LifecycleEvent original = result.firstCopies().get(extra.identity());
            if (original != null) {
                long originalStepStart = report.stepStartNanos().get(original.step());
                long before = kill.get().killedAtNanos() - originalStepStart;
                assertTrue(before <= AT_LEAST_ONCE_WINDOW.toNanos(), "duplicate of an event received "
                        + before / 1_000_000 + " ms before the kill: " + extra + ", first copy " + original);
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
        head(result.lost()).forEach(e -> System.out.println("[" + settings.name() + "]   lost " + e.identity()
                + (result.lostStates().contains(e) ? " (state never delivered)" : " (state delivered otherwise)")));
    }

    private static <T> List<T> head(List<T> list) {
        return list.size() <= 20 ? list : list.subList(0, 20);
    }
}
