package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.systemtests.EventAccounting.Result;
import io.github.okastconnect.systemtests.ScriptedConnector.Mode;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.rest.ConnectorStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker process SIGKILLed while instances keep changing, and started again 30 s later on the same data dir and
 * port: every connector must recover by itself (nobody restarts a connector or a task) and deliver what its mode
 * promises.
 *
 * <p>One broker serves two Connect clusters: worker-0 with exactly-once support, worker-1 without it, running one
 * connector with the output read-back and one on offsets alone. During the outage each step changes one instance
 * per connector and no instance changes twice, so every change stays in its queue until the connector can see it,
 * however long the connector's polls are held up by the missing broker.
 */
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int POLL_MS = 500;
    private static final int INSTANCES = 4;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    @Test
    void connectorsRecoverFromABrokerKillByThemselves() throws Exception {
        long t0 = System.nanoTime();
        long seed = Long.getLong("okast.outage.seed", 20261204L);
        System.out.println("[outage] seed " + seed + " (replay: -Dokast.outage.seed=" + seed + ")");
        Path work = SystemTestSettings.workDir("kafka-outage");
        try (OkastSimulator sim = OkastSimulator.builder().port(0).build().start();
                LocalKafkaStack stack = SystemTestSettings.stackWithPlugin("kafka-outage", tmp)
                        .workers(2)
                        .workerProperty(0, "exactly.once.source.support", "enabled")
                        .workerProperty(1, "group.id", "connect-alo")
                        .workerProperty(1, "config.storage.topic", "connect-alo-configs")
                        .workerProperty(1, "offset.storage.topic", "connect-alo-offsets")
                        .workerProperty(1, "status.storage.topic", "connect-alo-status")
                        .build()
                        .start()) {
            long tStack = System.nanoTime();
            String bootstrap = stack.bootstrapServers();
            List<ScriptedConnector> connectors = List.of(
                    new ScriptedConnector(
                            "outage-eos",
                            Mode.EXACTLY_ONCE,
                            timeline(seed, "eos"),
                            sim,
                            bootstrap,
                            () -> stack.restClient(0)),
                    new ScriptedConnector(
                            "outage-readback",
                            Mode.READ_BACK,
                            timeline(seed + 1, "rb"),
                            sim,
                            bootstrap,
                            () -> stack.restClient(1)),
                    new ScriptedConnector(
                            "outage-offsets",
                            Mode.OFFSETS_ONLY,
                            timeline(seed + 2, "off"),
                            sim,
                            bootstrap,
                            () -> stack.restClient(1)));
            Map<String, Long> recoveredMs = new LinkedHashMap<>();
            Set<String> statesDuringRecovery = new LinkedHashSet<>();
            long brokerDownMs;
            long brokerStartMs;
            try {
                for (ScriptedConnector c : connectors) {
                    c.fill(8);
                    c.create(2, POLL_MS, Map.of());
                }
                awaitAll(connectors, Duration.ofSeconds(90), work);
                for (int s = 0; s < 2; s++) {
                    connectors.forEach(c -> c.next(10));
                    awaitAll(connectors, STEP_TIMEOUT, work);
                }

                long killedAt = System.nanoTime();
                stack.killBroker();
                System.out.printf("[outage] broker SIGKILLed at %s%n", Instant.now());
                for (int k = 0; k < INSTANCES; k++) {
                    Waits.sleepUntil(killedAt + Duration.ofSeconds(3 + 6L * k).toNanos());
                    int instance = k;
                    connectors.forEach(c -> c.next(6, List.of(c.instances().get(instance)), true));
                }
                Waits.sleepUntil(killedAt + OUTAGE.toNanos());
                long restartAt = System.nanoTime();
                stack.startBroker();
                long upAt = System.nanoTime();
                brokerDownMs = (restartAt - killedAt) / 1_000_000;
                brokerStartMs = (upAt - restartAt) / 1_000_000;
                System.out.printf(
                        "[outage] broker down %d ms, restarted (same data dir and port) in %d ms%n",
                        brokerDownMs, brokerStartMs);

                // nobody touches the connectors: they must deliver the outage's changes by themselves
                long deadline = upAt + RECOVERY_TIMEOUT.toNanos();
                long nextStatus = 0;
                while (recoveredMs.size() < connectors.size() && System.nanoTime() < deadline) {
                    for (ScriptedConnector c : connectors) {
                        if (!recoveredMs.containsKey(c.name()) && c.poll(Duration.ofMillis(100))) {
                            recoveredMs.put(c.name(), (System.nanoTime() - upAt) / 1_000_000);
                        }
                    }
                    if (System.nanoTime() > nextStatus) {
                        nextStatus = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                        connectors.forEach(c -> statesDuringRecovery.add(states(stack, c)));
                    }
                }
                awaitAll(connectors, Duration.ofSeconds(1), work); // fails with what is missing
                System.out.println(
                        "[outage] every change of the outage delivered, ms after the broker was up: " + recoveredMs);
                System.out.println("[outage] connector/task states seen meanwhile: " + statesDuringRecovery);

                for (int s = 0; s < 2; s++) {
                    connectors.forEach(c -> c.next(10));
                    awaitAll(connectors, STEP_TIMEOUT, work);
                }
                for (ScriptedConnector c : connectors) {
                    c.settle(3, Duration.ofSeconds(30));
                }
            } finally {
                connectors.forEach(c -> {
                    c.dump(work, List.of("# " + c.mode()));
                    c.close();
                });
            }

            long tEnd = System.nanoTime();
            System.out.printf(
                    "[outage] stack start %d ms, scenario %d ms, total %d ms%n",
                    (tStack - t0) / 1_000_000, (tEnd - tStack) / 1_000_000, (tEnd - t0) / 1_000_000);
            for (ScriptedConnector c : connectors) {
                System.out.println("[outage] " + c.figures());
                c.details(10).forEach(line -> System.out.println("[outage]   " + line));
            }
            for (ScriptedConnector c : connectors) {
                ConnectorStatus status =
                        stack.restClient(c.mode().exactlyOnce() ? 0 : 1).getStatus(c.name());
                assertTrue(status.isRunning(2), "still running without any restart: " + status.summary());
            }

            ScriptedConnector eos = connectors.get(0);
            Result exact = eos.result();
            assertTrue(eos.transitions() >= 100, "transitions: " + eos.transitions());
            assertEquals(List.of(), exact.lost(), "exactly-once: lost");
            assertEquals(List.of(), exact.duplicates(), "exactly-once: duplicated");
            assertEquals(List.of(), exact.unexpected(), "exactly-once: unexpected");
            assertEquals(exact.expected(), exact.seen());
            assertEquals(Map.of(), eos.outOfOrderKeys(), "exactly-once: keys out of order");

            Result readBack = connectors.get(1).result();
            assertEquals(List.of(), readBack.lost(), "at-least-once + read-back: lost (or re-labelled)");
            assertEquals(List.of(), readBack.lostStates(), "at-least-once + read-back: states lost");

            // offsets alone: no worker died, so the task's memory carries it through; what it did is printed above
            // and recorded in docs/guarantees.md, and no state may go missing
            Result offsets = connectors.get(2).result();
            assertEquals(List.of(), offsets.lostStates(), "at-least-once on offsets: states lost");
        }
    }

    private static LifecycleTimeline timeline(long seed, String prefix) {
        return new LifecycleTimeline(
                seed, LifecycleTimeline.instanceIds(prefix, INSTANCES), Instant.parse("2026-12-04T08:00:00Z"), 0.05);
    }

    private static void awaitAll(List<ScriptedConnector> connectors, Duration timeout, Path work) {
        for (ScriptedConnector c : connectors) {
            c.await(timeout, work.resolve("logs"));
        }
    }

    private static String states(LocalKafkaStack stack, ScriptedConnector c) {
        try {
            ConnectorStatus s = stack.restClient(c.mode().exactlyOnce() ? 0 : 1).getStatus(c.name());
            List<String> tasks = new ArrayList<>();
            s.tasks().forEach(t -> tasks.add(t.state()));
            return c.name() + "=" + s.state() + tasks;
        } catch (RuntimeException e) {
            return c.name() + "=REST error " + e.getClass().getSimpleName();
        }
    }
}
