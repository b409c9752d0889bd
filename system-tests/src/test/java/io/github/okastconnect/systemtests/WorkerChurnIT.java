package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.simulator.Fault;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.systemtests.EventAccounting.Result;
import io.github.okastconnect.systemtests.RebalanceWatch.Window;
import io.github.okastconnect.systemtests.ScriptedConnector.Mode;
import io.github.okastconnect.systemtests.SeededKiller.Kill;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import io.github.okastconnect.testkit.rest.ConnectorStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One exactly-once Connect cluster of real worker processes (3 running, a 4th added later) on one broker, through
 * rebalances that move instances and SIGKILLs in the windows {@link ExactlyOnceCrashIT} avoids: before the first
 * commit, between an entry's first sight and its removal (with tombstones), and while an instance is failing. Every
 * scenario has its own connector, instances and topic, judged only by what a {@code read_committed} consumer reads.
 *
 * <p>Kills come at instants drawn from a seed, never after waiting for the events of a step; the seed is printed and
 * {@code -Dokast.churn.seed=<seed>} replays it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerChurnIT {

    private static final int POLL_MS = 1000;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;

    private static long seed;
    private static Path work;
    private static OkastSimulator sim;
    private static LocalKafkaStack stack;

    @BeforeAll
    static void startCluster() {
        seed = Long.getLong("okast.churn.seed", System.currentTimeMillis());
        System.out.println("[churn] seed " + seed + " (replay: -Dokast.churn.seed=" + seed + ")");
        work = SystemTestSettings.workDir("worker-churn");
        sim = OkastSimulator.builder().port(0).build().start();
        stack = SystemTestSettings.stackWithPlugin("worker-churn", tmp)
                .workers(4)
                .standbyWorkers(1)
                .exactlyOnce(true)
                // a departed worker's tasks wait this long for it before going elsewhere (10 s in the stack)
                .workerProperty("scheduled.rebalance.max.delay.ms", "3000")
                .build()
                .start();
    }

    @AfterAll
    static void stopCluster() {
        if (stack != null) {
            stack.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    @Order(1)
    void rebalancesMoveInstancesWithoutLossAndPollsResumeWithinTwoIntervals() throws Exception {
        long t0 = System.nanoTime();
        ScriptedConnector c = connector("churn-rebalance", "rb", 9, seed);
        List<Window> windows;
        try {
            // 4 tasks on 3 workers (2, 1, 1): a 4th worker takes one of them
            startFilled(c, 4, POLL_MS, Map.of());

            CompletableFuture<List<Window>> changes = CompletableFuture.supplyAsync(() -> {
                try {
                    List<Window> w = new ArrayList<>();
                    Thread.sleep(1000);
                    w.add(RebalanceWatch.measure(
                            "worker-3 added", stack, c.name(), 4, () -> stack.startWorker(3), sim, c.instances()));
                    // 9 instances regrouped over 6 tasks: instances move between tasks
                    w.add(RebalanceWatch.measure(
                            "tasks.max 4 -> 6",
                            stack,
                            c.name(),
                            6,
                            () -> liveRest().putConfig(c.name(), c.config(6, POLL_MS, Map.of())),
                            sim,
                            c.instances()));
                    int victim = busiestWorker(c.name());
                    w.add(RebalanceWatch.measure(
                            "worker-" + victim + " removed (SIGTERM)",
                            stack,
                            c.name(),
                            6,
                            () -> stack.stopWorker(victim),
                            sim,
                            c.instances()));
                    return w;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            int steps = 0;
            while (!changes.isDone() || steps < 3) {
                c.next(8);
                c.await(STEP_TIMEOUT, logs());
                steps++;
            }
            windows = changes.get(1, TimeUnit.SECONDS);
            c.next(8);
            c.await(STEP_TIMEOUT, logs());
            c.settle(3, Duration.ofSeconds(30));
        } finally {
            finish(c);
        }
        windows.forEach(w -> System.out.println("[churn-rebalance] " + w));
        System.out.printf("[churn-rebalance] took %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        assertExactlyOnce(c);
        for (Window w : windows) {
            assertTrue(
                    w.worstFirstPollMs() <= 2L * POLL_MS,
                    "every instance polled within two poll intervals of the rebalance's end: " + w);
        }
        assertTrue(windows.get(0).tasksMoved() >= 1, "a task moved to the new worker: " + windows.get(0));
        assertTrue(windows.get(1).tasksMoved() >= 1, "instances moved between tasks: " + windows.get(1));
        assertTrue(windows.get(2).tasksMoved() >= 1, "tasks moved off the removed worker: " + windows.get(2));
    }

    @Test
    @Order(2)
    void killBeforeTheFirstCommit() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed + 2);
        ScriptedConnector c = connector("churn-first-commit", "fc", 4, seed + 2);
        List<Kill> kills;
        long uncommitted;
        try {
            c.fill(10);
            // Transactions every 5 s (instead of one per poll) hold the first commit back for 5 s after the task
            // started; a kill drawn in [0, 4 s) after the creation lands before it: while the task is being started,
            // polls, or has written records of its first, still open, transaction.
            SeededKiller killer = new SeededKiller(stack, c.name(), random);
            c.create(2, 500, Map.of("transaction.boundary", "interval", "transaction.boundary.interval.ms", "5000"));
            killer.start(1, 0, 4000);
            c.await(STEP_TIMEOUT, logs());
            c.next(8);
            c.await(STEP_TIMEOUT, logs());
            kills = killer.await();
            c.next(8);
            c.await(STEP_TIMEOUT, logs());
            c.settle(3, Duration.ofSeconds(30));
            try (TopicReader raw =
                    TopicReader.fromStart(stack.bootstrapServers(), c.reader().topic(), false)) {
                raw.drain(Duration.ofSeconds(3));
                uncommitted = raw.all().size();
            }
        } finally {
            finish(c);
        }
        Instant killedAt = kills.get(0).at();
        Instant firstRecord = c.reader().firstArrival().orElseThrow();
        System.out.printf(
                "[churn-first-commit] %s; first committed record received %d ms after the kill; records of aborted "
                        + "transactions (read_uncommitted minus read_committed): %d; took %d ms%n",
                kills,
                Duration.between(killedAt, firstRecord).toMillis(),
                uncommitted - c.reader().all().size(),
                (System.nanoTime() - t0) / 1_000_000);
        assertTrue(firstRecord.isAfter(killedAt), "the kill came before the first commit: " + firstRecord);
        assertExactlyOnce(c);
    }

    @Test
    @Order(3)
    void killsBetweenFirstSightAndRemovalKeepEventsAndTombstonesExactlyOnce() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed + 3);
        ScriptedConnector c = connector("churn-tombstone", "tb", 6, seed + 3);
        List<Kill> kills;
        try {
            startFilled(c, 2, 500, Map.of("removal.mode", "event_and_tombstone"));
            SeededKiller killer = new SeededKiller(stack, c.name(), random).start(1, 500, 6000);
            int steps = 0;
            while (steps < 8 || !killer.isDone()) {
                c.next(10);
                c.await(STEP_TIMEOUT, logs());
                steps++;
            }
            kills = killer.await();
            c.settle(3, Duration.ofSeconds(30));
        } finally {
            finish(c);
        }
        System.out.printf("[churn-tombstone] %s; took %d ms%n", kills, (System.nanoTime() - t0) / 1_000_000);
        assertExactlyOnce(c);

        // one tombstone per removed entry, right after its REMOVED, and none for an entry still queued
        Map<String, List<String>> byKey = new HashMap<>();
        c.reader()
                .all()
                .forEach(e -> byKey.computeIfAbsent(e.entryKey(), k -> new ArrayList<>())
                        .add(e.isTombstone() ? "TOMBSTONE" : e.changeType()));
        long removed = c.result().firstCopies().values().stream()
                .filter(e -> "REMOVED".equals(e.changeType()))
                .count();
        assertTrue(removed >= 10, "entries removed: " + removed);
        byKey.forEach((key, types) -> {
            int r = types.indexOf("REMOVED");
            List<String> tail = r < 0 ? List.of() : types.subList(r, types.size());
            if (r < 0) {
                assertTrue(!types.contains("TOMBSTONE"), "tombstone of an entry never removed: " + key + " " + types);
            } else {
                assertEquals(List.of("REMOVED", "TOMBSTONE"), tail, key + " " + types);
            }
        });
        System.out.printf("[churn-tombstone] %d removals, each followed by exactly one tombstone%n", removed);
    }

    @Test
    @Order(4)
    void killsWhileInstancesAreFailing() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed + 4);
        ScriptedConnector c = connector("churn-failing", "fl", 6, seed + 4);
        List<String> lines = new ArrayList<>();
        try {
            startFilled(c, 2, 500, Map.of("backoff.initial.ms", "200", "backoff.max.ms", "1000"));
            SeededKiller killer = new SeededKiller(stack, c.name(), random);
            for (int round = 0; round < 1; round++) {
                List<String> failing = new ArrayList<>(c.instances());
                Collections.shuffle(failing, random);
                List<String> down = failing.subList(0, 2);
                down.forEach(id -> sim.instance(id).setFault(new Fault.HttpStatus(503, null, "down", "text/plain")));
                c.next(10);
                Thread.sleep(200 + random.nextInt(2300));
                long clearAfter = 300 + random.nextInt(2500);
                Kill kill = killer.killOne(() -> {
                    Waits.sleep(clearAfter);
                    down.forEach(id -> sim.instance(id).clearFault());
                });
                lines.add("round " + round + ": " + down + " answering 503, " + kill + ", faults cleared " + clearAfter
                        + " ms after the kill");
                c.await(STEP_TIMEOUT, logs());
            }
            c.settle(3, Duration.ofSeconds(30));
        } finally {
            finish(c);
        }
        lines.forEach(l -> System.out.println("[churn-failing] " + l));
        System.out.printf("[churn-failing] took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertExactlyOnce(c);
    }

    /** Fills the instances' queues, creates the connector and waits for its tasks and for the first events. */
    private static void startFilled(ScriptedConnector c, int tasks, int pollMs, Map<String, String> properties) {
        c.fill(6);
        c.create(tasks, pollMs, properties);
        liveRest().awaitRunningAtLeast(c.name(), tasks, Duration.ofSeconds(90));
        c.await(Duration.ofSeconds(90), logs());
    }

    private static ScriptedConnector connector(String name, String prefix, int instances, long timelineSeed) {
        LifecycleTimeline timeline = new LifecycleTimeline(
                timelineSeed,
                LifecycleTimeline.instanceIds(prefix, instances),
                Instant.parse("2026-12-04T08:00:00Z"),
                0.05);
        return new ScriptedConnector(
                name, Mode.EXACTLY_ONCE, timeline, sim, stack.bootstrapServers(), WorkerChurnIT::liveRest);
    }

    /** Prints the figures, dumps the topic and deletes the connector, so that the next scenario runs alone. */
    private static void finish(ScriptedConnector c) {
        try {
            if (c.reader() != null) {
                System.out.println("[churn] " + c.figures());
                c.details(10).forEach(line -> System.out.println("[churn]   " + line));
                c.dump(work, List.of("# seed " + seed));
            }
            ConnectorStatus status = RebalanceWatch.status(stack, c.name());
            if (status != null && status.failure().isPresent()) {
                System.out.println("[churn] " + status.failure().get());
            }
            liveRest().delete(c.name());
        } finally {
            c.close();
        }
    }

    private static void assertExactlyOnce(ScriptedConnector c) {
        Result r = c.result();
        assertEquals(List.of(), r.lost(), c.name() + ": lost");
        assertEquals(List.of(), r.duplicates(), c.name() + ": duplicated");
        assertEquals(List.of(), r.unexpected(), c.name() + ": unexpected");
        assertEquals(r.expected(), r.seen(), c.name());
        assertEquals(Map.of(), c.outOfOrderKeys(), c.name() + ": keys out of order");
    }

    private static int busiestWorker(String connector) {
        ConnectorStatus status = RebalanceWatch.status(stack, connector);
        int best = -1;
        long most = -1;
        for (int i = 0; i < stack.workerCount(); i++) {
            long tasks = status == null ? 0 : status.tasksOn(stack.workerId(i));
            if (stack.isWorkerRunning(i) && tasks > most) {
                best = i;
                most = tasks;
            }
        }
        return best;
    }

    private static ConnectRestClient liveRest() {
        return stack.liveRestClient();
    }

    private static Path logs() {
        return work.resolve("logs");
    }
}
