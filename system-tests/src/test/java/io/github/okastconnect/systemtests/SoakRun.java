package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.simulator.Fault;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.systemtests.EventAccounting.Result;
import io.github.okastconnect.systemtests.ScriptedConnector.Mode;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak (not part of CI: its name matches no failsafe pattern; {@code system-tests/soak.sh} runs it): an
 * exactly-once connector on 3 worker processes polls 50 instances every second for 30 minutes while their queues
 * change every 2 s, one instance misbehaves for 20 s every minute, three workers are SIGKILLed and the broker is
 * SIGKILLed and restarted once. Each minute it prints what was expected and seen and each worker's heap after a full
 * GC, threads and open file descriptors, and it fails when nothing was lost or repeated is false, or when those
 * figures grow from the start to the end. The report goes to {@code okast.soak.results} (system-tests/results).
 */
class SoakRun {

    private static final int POLL_MS = 1000;
    private static final Duration STEP_EVERY = Duration.ofSeconds(2);
    private static final Duration FAULT_FOR = Duration.ofSeconds(20);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    static Path tmp;

    @Test
    void soak() throws Exception {
        int minutes = Integer.getInteger("okast.soak.minutes", 30);
        int instanceCount = Integer.getInteger("okast.soak.instances", 50);
        long seed = Long.getLong("okast.soak.seed", System.currentTimeMillis());
        Path results = Path.of(System.getProperty("okast.soak.results", "results"));
        Random random = new Random(seed);
        Duration length = Duration.ofMinutes(minutes);
        // three worker kills spread over the first two thirds, the broker restart after them, quiet minutes at the end
        List<Duration> kills = List.of(length.multipliedBy(1).dividedBy(6), length.dividedBy(3), length.dividedBy(2));
        Duration brokerRestart = length.multipliedBy(2).dividedBy(3);
        List<String> report = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<MinuteSample> samples = new ArrayList<>();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        log(report, "# Soak " + LocalDate.now() + "\n");
        log(
                report,
                "Command: `system-tests/soak.sh` (" + minutes + " min, " + instanceCount + " instances at "
                        + POLL_MS + " ms, a step of 10 transitions every " + STEP_EVERY.toSeconds()
                        + " s, a fault for " + FAULT_FOR.toSeconds() + " s every minute, worker kills at " + kills
                        + ", broker kill -9 + restart at " + brokerRestart + "), seed " + seed + ".");
        log(
                report,
                "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, shared with other engineers' "
                        + "builds and tests during the run; load average at start: " + loadBefore + ".\n");

        Files.deleteIfExists(SystemTestSettings.workDir("soak").resolve("soak-live.log"));
        Path work = SystemTestSettings.workDir("soak");
        try (OkastSimulator sim = OkastSimulator.builder().port(0).build().start();
                LocalKafkaStack stack = SystemTestSettings.stackWithPlugin("soak", tmp)
                        .workers(3)
                        .exactlyOnce(true)
                        .workerProperty("scheduled.rebalance.max.delay.ms", "3000")
                        .build()
                        .start()) {
            LifecycleTimeline timeline = new LifecycleTimeline(
                    seed,
                    LifecycleTimeline.instanceIds("soak", instanceCount),
                    Instant.parse("2026-12-04T08:00:00Z"),
                    0.05);
            ScriptedConnector c = new ScriptedConnector(
                    "soak", Mode.EXACTLY_ONCE, timeline, sim, stack.bootstrapServers(), stack::liveRestClient);
            try {
                c.fill(10);
                c.create(3, POLL_MS, Map.of("backoff.initial.ms", "500", "backoff.max.ms", "5000"));
                c.await(Duration.ofSeconds(120), work.resolve("logs"));
                SeededKiller killer = new SeededKiller(stack, c.name(), random);
                long start = System.nanoTime();
                Instant startedAt = Instant.now();
                long end = start + length.toNanos();
                int nextKill = 0;
                boolean brokerDone = false;
                CompletableFuture<?> background = CompletableFuture.completedFuture(null);
                Map<String, Long> faultedUntil = new HashMap<>();
                int minute = 0;
                samples.add(MinuteSample.take(0, stack, c.result()));
                live("[soak] " + samples.get(0).line());
                while (System.nanoTime() < end) {
                    long stepAt = System.nanoTime();
                    Duration elapsed = Duration.ofNanos(stepAt - start);
                    // faults: one instance per minute, for FAULT_FOR; its queue stays as it is meanwhile
                    faultedUntil.entrySet().removeIf(f -> {
                        if (f.getValue() <= stepAt) {
                            sim.instance(f.getKey()).clearFault();
                            return true;
                        }
                        return false;
                    });
                    if (elapsed.toMinutes() > minute) {
                        minute = (int) elapsed.toMinutes();
                        String victim = timeline.instances().get(random.nextInt(instanceCount));
                        Fault fault = fault(random.nextInt(5));
                        sim.instance(victim).setFault(fault);
                        faultedUntil.put(victim, stepAt + FAULT_FOR.toNanos());
                        event(
                                events,
                                String.format(
                                        "%5.1f min: %s answers %s for %d s",
                                        minutes(elapsed), victim, fault, FAULT_FOR.toSeconds()));
                        samples.add(MinuteSample.take(minute, stack, c.result()));
                        live("[soak] " + samples.get(samples.size() - 1).line());
                    }
                    if (nextKill < kills.size() && elapsed.compareTo(kills.get(nextKill)) >= 0 && background.isDone()) {
                        nextKill++;
                        background = CompletableFuture.runAsync(() -> {
                            SeededKiller.Kill kill = killer.killOne(() -> {});
                            event(
                                    events,
                                    String.format(
                                            "%5.1f min: worker-%d SIGKILLed (%d task(s)), back in %d ms",
                                            minutes(Duration.between(startedAt, kill.at())),
                                            kill.worker(),
                                            kill.tasksOnWorker(),
                                            kill.restartMs()));
                        });
                    }
                    if (!brokerDone && elapsed.compareTo(brokerRestart) >= 0 && background.isDone()) {
                        brokerDone = true;
                        background = CompletableFuture.runAsync(() -> {
                            long k = System.nanoTime();
                            stack.killBroker();
                            Waits.sleep(10_000);
                            stack.startBroker();
                            event(
                                    events,
                                    String.format(
                                            "%5.1f min: broker SIGKILLed, restarted 10 s later, up " + "after %d ms",
                                            minutes(Duration.ofNanos(k - start)), (System.nanoTime() - k) / 1_000_000));
                        });
                    }
                    Set<String> healthy = new LinkedHashSet<>(timeline.instances());
                    healthy.removeAll(faultedUntil.keySet());
                    c.next(10, List.copyOf(healthy), false);
                    c.await(STEP_TIMEOUT, work.resolve("logs"));
                    Waits.sleep(Math.max(0, (stepAt + STEP_EVERY.toNanos() - System.nanoTime()) / 1_000_000));
                }
                background.get();
                faultedUntil.keySet().forEach(id -> sim.instance(id).clearFault());
                c.settle(3, Duration.ofSeconds(60));
                samples.add(MinuteSample.take(minutes, stack, c.result()));
                live("[soak] " + samples.get(samples.size() - 1).line());
            } finally {
                c.dump(work, List.of("# soak seed " + seed));
                c.close();
            }

            Result result = c.result();
            log(report, "## What happened\n");
            synchronized (events) {
                events.forEach(e -> log(report, "- " + e));
            }
            log(report, "\n## Each minute (workers: heap after a full GC, threads, open file descriptors)\n");
            log(report, MinuteSample.HEADER);
            samples.forEach(s -> log(report, s.row()));
            MinuteSample.Trend trend =
                    MinuteSample.Trend.of(samples, (int) kills.get(0).toMinutes());
            log(report, "\n## Result\n");
            log(report, "- " + c.figures());
            log(report, "- " + trend.verdict());
            log(
                    report,
                    "- load average at the end: "
                            + Files.readString(Path.of("/proc/loadavg")).trim());
            write(results, report);

            assertEquals(List.of(), result.lost(), "lost");
            assertEquals(List.of(), result.duplicates(), "duplicated");
            assertEquals(List.of(), result.unexpected(), "unexpected");
            assertEquals(Map.of(), c.outOfOrderKeys(), "out of order");
            assertTrue(trend.flat(), trend.verdict());
        }
    }

    private static Fault fault(int kind) {
        return switch (kind) {
            case 0 -> new Fault.HttpStatus(503, "1", "maintenance", "text/plain");
            case 1 -> new Fault.Latency(Duration.ofSeconds(3));
            case 2 -> new Fault.TruncatedJson(0.5);
            case 3 -> new Fault.HtmlPage("<html><body>Login</body></html>", "text/html");
            default -> new Fault.HttpStatus(500, null, "Internal Server Error", "text/plain");
        };
    }

    private static double minutes(Duration d) {
        return d.toMillis() / 60_000.0;
    }

    private static void event(List<String> events, String line) {
        synchronized (events) {
            events.add(line);
        }
        live("[soak] " + line);
    }

    private static void log(List<String> report, String line) {
        report.add(line);
        live("[soak] " + line);
    }

    /** Failsafe shows a test's output only once it ended: a 30-minute run also writes it to soak-live.log. */
    private static void live(String line) {
        System.out.println(line);
        try {
            Path file = SystemTestSettings.workDir("soak").resolve("soak-live.log");
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    line + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("cannot append to soak-live.log: " + e);
        }
    }

    private static void write(Path dir, List<String> report) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("soak-" + LocalDate.now() + ".md");
        Files.write(file, report);
        System.out.println("[soak] report written to " + file.toAbsolutePath());
    }
}
