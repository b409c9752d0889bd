package io.github.okastconnect.systemtests;

import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.systemtests.LifecycleTimeline.Step;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.SecretScan;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import io.github.okastconnect.testkit.rest.ConnectorStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Drives a {@link LifecycleTimeline} through the simulator into the connector running in a real multi-worker Connect
 * cluster, one step at a time, SIGKILLing a worker that runs tasks right after some steps are published.
 *
 * <p>Each step's new queues are published, then the test waits until the consumer has received the step's
 * expected events before the next step: no queue state is replaced before the connector could observe it, so every
 * transition must show up as its own event. A kill step changes every instance, so every task, restored or not,
 * must poll and report before the step counts as complete.
 */
final class CrashScenario {

    /** What to run. */
    /** @param readBack whether the connector reads its topic back at task start (recovery.bootstrap.servers) */
    record Settings(
            String name,
            boolean exactlyOnce,
            boolean readBack,
            int workers,
            int tasksMax,
            int instances,
            int entriesPerInstance,
            int steps,
            int transitionsPerStep,
            Set<Integer> killSteps,
            long seed,
            Duration stepTimeout) {}

    /** One SIGKILL: when (script step), whom, how long after the step was published, and what it cost. */
    record Kill(
            int step,
            int worker,
            int tasksOnWorker,
            long delayMs,
            long killedAtNanos,
            long restartMs,
            long stepCompleteMs) {}

    record Report(
            EventAccounting.Result result,
            Map<String, List<String>> outOfOrderKeys,
            List<Kill> kills,
            List<Long> stepStartNanos,
            List<Long> stepMillis,
            int transitions,
            Map<String, Long> eventsByType,
            long uncommittedView,
            Duration stackStart,
            Duration scenario,
            Duration total,
            List<LifecycleEvent> received) {}

    private static final String TOPIC_PREFIX = "okast.system.";
    private static final String CONNECTOR = "okast-crash";
    /** Every instance requires it (basic auth), through a config provider as the docs recommend. */
    private static final String INSTANCE_PASSWORD = "cr4sh-pa55-never-logged";

    private final Settings settings;
    private final Path pluginPath;

    CrashScenario(Settings settings, Path pluginPath) {
        this.settings = settings;
        this.pluginPath = pluginPath;
    }

    Report run() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(settings.seed() ^ 0x5DEECE66DL);
        String topic = TOPIC_PREFIX + settings.name();
        LifecycleTimeline timeline = new LifecycleTimeline(
                settings.seed(),
                LifecycleTimeline.instanceIds("inst", settings.instances()),
                Instant.parse("2026-11-28T08:00:00Z"),
                0.05);
        EventAccounting accounting = new EventAccounting(settings.exactlyOnce());
        List<Kill> kills = new ArrayList<>();
        List<Long> stepStarts = new ArrayList<>();
        List<Long> stepMillis = new ArrayList<>();
        Map<String, Long> byType = new LinkedHashMap<>();

        Path workDir = SystemTestSettings.workDir(settings.name());
        Files.createDirectories(workDir);
        Path secrets = Files.writeString(workDir.resolve("okast-secrets.properties"), "password=" + INSTANCE_PASSWORD);
        try (OkastSimulator sim = OkastSimulator.builder().port(0).build().start()) {
            Step initial = timeline.initial(settings.entriesPerInstance());
            for (String id : timeline.instances()) {
                sim.addInstance(InstanceSettings.builder(id)
                                .basicAuth("ops", INSTANCE_PASSWORD)
                                .build())
                        .setEntries(timeline.statusEntries(id));
            }
            try (LocalKafkaStack stack = LocalKafkaStack.builder()
                    .workDir(workDir)
                    .pluginPath(pluginPath)
                    .workers(settings.workers())
                    .exactlyOnce(settings.exactlyOnce())
                    // a killed worker's tasks wait this long for it to come back before going elsewhere (10 s)
                    .workerProperty("scheduled.rebalance.max.delay.ms", "3000")
                    .workerProperty("config.providers", "file")
                    .workerProperty(
                            "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider")
                    .build()
                    .start()) {
                long tStack = System.nanoTime();
                TopicReader.createTopic(stack.bootstrapServers(), topic, 6);
                Map<String, String> config = new LinkedHashMap<>();
                config.put("connector.class", SystemTestSettings.CONNECTOR_CLASS);
                config.put("tasks.max", Integer.toString(settings.tasksMax()));
                config.put("topic", topic);
                config.put("poll.interval.ms", "500");
                config.put("okast.instances", String.join(",", timeline.instances()));
                config.put("state.bootstrap.servers", stack.bootstrapServers());
                for (String id : timeline.instances()) {
                    config.put("okast.instance." + id + ".url", sim.baseUrl(id));
                    config.put("okast.instance." + id + ".auth.type", "basic");
                    config.put("okast.instance." + id + ".auth.username", "ops");
                    config.put("okast.instance." + id + ".auth.password", "${file:" + secrets + ":password}");
                }
                if (settings.exactlyOnce()) {
                    config.put("exactly.once.support", "required");
                }
                if (settings.readBack()) {
                    config.put("recovery.bootstrap.servers", stack.bootstrapServers());
                }
                ConnectRestClient rest = stack.restClient(0);
                rest.createConnector(CONNECTOR, config);
                rest.awaitRunningAtLeast(CONNECTOR, settings.tasksMax(), Duration.ofSeconds(90));

                TopicReader reader = TopicReader.fromStart(stack.bootstrapServers(), topic, settings.exactlyOnce());
                try (reader) {
                    stepStarts.add(System.nanoTime());
                    reader.step(0);
                    accounting.expect(initial.events());
                    tally(byType, initial);
                    await(accounting, reader, stack, initial, Duration.ofSeconds(90));
                    stepMillis.add((System.nanoTime() - stepStarts.get(0)) / 1_000_000);
                    if (settings.readBack()) {
                        // Read-back starts from an instance's committed offsets; before the first commit a restarted
                        // task cannot tell a crash from a first start (docs/operations.md: Delivery guarantees), so
                        // kills come after it.
                        awaitFirstOffsetCommit(rest, timeline.instances());
                    }

                    int transitions = initial.events().size();
                    for (int s = 1; s <= settings.steps(); s++) {
                        boolean kill = settings.killSteps().contains(s);
                        Step step = timeline.next(settings.transitionsPerStep(), kill);
                        transitions += step.events().size();
                        tally(byType, step);
                        accounting.expect(step.events());
                        reader.step(s);
                        long start = System.nanoTime();
                        stepStarts.add(start);
                        for (String id : step.changedInstances()) {
                            sim.instance(id).setEntries(timeline.statusEntries(id));
                        }
                        if (!kill) {
                            await(accounting, reader, stack, step, settings.stepTimeout());
                            stepMillis.add((System.nanoTime() - start) / 1_000_000);
                            continue;
                        }
                        long delay = random.nextInt(250);
                        Thread.sleep(delay);
                        int[] victim = pickWorkerWithTasks(stack, random);
                        long killedAt = System.nanoTime();
                        stack.killWorker(victim[0]);
                        CompletableFuture<Long> restart = CompletableFuture.supplyAsync(() -> {
                            long r0 = System.nanoTime();
                            stack.startWorker(victim[0]);
                            return (System.nanoTime() - r0) / 1_000_000;
                        });
                        awaitAfterKill(accounting, reader, stack, sim, timeline, step, settings.stepTimeout());
                        long completeMs = (System.nanoTime() - killedAt) / 1_000_000;
                        stepMillis.add((System.nanoTime() - start) / 1_000_000);
                        long restartMs = restart.get(120, TimeUnit.SECONDS);
                        kills.add(new Kill(s, victim[0], victim[1], delay, killedAt, restartMs, completeMs));
                        System.out.printf(
                                "[%s] step %d: killed worker-%d (%d task(s)) %d ms after publishing; "
                                        + "restarted in %d ms; step complete %d ms after the kill%n",
                                settings.name(), s, victim[0], victim[1], delay, restartMs, completeMs);
                    }

                    // late copies (re-emissions of a restarted task) would come now: let every instance be
                    // polled a few more times, then read what is left
                    reader.step(settings.steps() + 1);
                    awaitPolls(sim, timeline.instances(), 3, Duration.ofSeconds(30));
                    reader.drain(Duration.ofSeconds(2));
                    long tScenario = System.nanoTime();

                    long uncommittedView = -1;
                    if (settings.exactlyOnce()) {
                        // the same topic read_uncommitted: records of transactions that crashes aborted show up too
                        try (TopicReader raw = TopicReader.fromStart(stack.bootstrapServers(), topic, false)) {
                            raw.pollUntil(all -> all.size() >= reader.all().size(), Duration.ofSeconds(20));
                            raw.drain(Duration.ofSeconds(1));
                            uncommittedView = raw.all().size();
                        }
                    }
                    EventAccounting.Result result = accounting.result(reader.all());
                    long tEnd = System.nanoTime();
                    return new Report(
                            result,
                            accounting.outOfOrderKeys(reader.all()),
                            kills,
                            stepStarts,
                            stepMillis,
                            transitions,
                            byType,
                            uncommittedView,
                            Duration.ofNanos(tStack - t0),
                            Duration.ofNanos(tScenario - tStack),
                            Duration.ofNanos(tEnd - t0),
                            reader.all());
                } finally {
                    dump(reader.all(), kills);
                }
            }
        } finally {
            // Every worker and broker log, killed workers' included, from their start to their shutdown.
            int files = SecretScan.of(INSTANCE_PASSWORD).assertAbsentInFiles(workDir.resolve("logs"));
            System.out.printf("[%s] no secret in %d log file(s)%n", settings.name(), files);
        }
    }

    /** Every record as received (and the kills), for a post-mortem: target/system-tests/<name>/topic-dump.txt. */
    private void dump(List<LifecycleEvent> events, List<Kill> kills) {
        List<String> lines = new ArrayList<>();
        kills.forEach(k -> lines.add("# " + k));
        events.forEach(e -> lines.add(e.toString()));
        try {
            Files.write(SystemTestSettings.workDir(settings.name()).resolve("topic-dump.txt"), lines);
        } catch (IOException e) {
            System.out.println("cannot write the topic dump: " + e);
        }
    }

    private static void awaitFirstOffsetCommit(ConnectRestClient rest, List<String> instances)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            java.util.Set<String> committed = new java.util.HashSet<>();
            rest.getOffsets(CONNECTOR)
                    .path("offsets")
                    .forEach(o ->
                            committed.add(o.path("partition").path("instance").asText()));
            if (committed.containsAll(instances)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("offsets of " + instances + " not all committed within 60 s: " + committed);
            }
            Thread.sleep(250);
        }
    }

    private static void tally(Map<String, Long> byType, Step step) {
        for (String type : List.of("NEW", "STATUS_CHANGED", "UPDATED", "REMOVED")) {
            byType.merge(type, step.count(type), Long::sum);
        }
    }

    /**
     * Like {@link #await}; without exactly-once, removals that a task restored from older offsets cannot see are
     * given up on once everything else has arrived and every instance has been polled 3 more times (a kill step
     * changes every instance, so by then every restored task has read the current queues).
     */
    private void awaitAfterKill(
            EventAccounting accounting,
            TopicReader reader,
            LocalKafkaStack stack,
            OkastSimulator sim,
            LifecycleTimeline timeline,
            Step step,
            Duration timeout)
            throws InterruptedException {
        if (settings.exactlyOnce() || settings.readBack()) {
            await(accounting, reader, stack, step, timeout);
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        reader.pollUntil(events -> accounting.complete(events) || accounting.onlyRemovalsPending(), timeout);
        if (accounting.complete(reader.all())) {
            return;
        }
        if (accounting.onlyRemovalsPending()) {
            Map<String, Long> polls = new LinkedHashMap<>();
            timeline.instances().forEach(id -> polls.put(id, sim.instance(id).requestCount()));
            BooleanSupplier polledAgain = () -> timeline.instances().stream()
                    .allMatch(id -> sim.instance(id).requestCount() >= polls.get(id) + 3);
            reader.pollUntil(
                    events -> accounting.complete(events) || polledAgain.getAsBoolean(),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            reader.drain(Duration.ofSeconds(1));
            if (!accounting.complete(reader.all()) && accounting.onlyRemovalsPending() && polledAgain.getAsBoolean()) {
                List<String> abandoned = accounting.abandonPendingRemovals();
                System.out.printf(
                        "[%s] step %d: %d removal(s) never reported after the kill: %s%n",
                        settings.name(), step.number(), abandoned.size(), abandoned);
                return;
            }
        }
        await(accounting, reader, stack, step, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    private void await(
            EventAccounting accounting, TopicReader reader, LocalKafkaStack stack, Step step, Duration timeout) {
        if (reader.pollUntil(accounting::complete, timeout)) {
            return;
        }
        String status;
        String offsets;
        try {
            status = stack.liveRestClient().getStatus(CONNECTOR).summary();
            offsets = stack.liveRestClient().getOffsets(CONNECTOR).toString();
        } catch (RuntimeException e) {
            status = "status unavailable: " + e;
            offsets = "";
        }
        StringBuilder history = new StringBuilder();
        for (String pending : accounting.pending(10)) {
            String key = entryKeyOf(pending);
            history.append("\n  ").append(pending).append(" <- received for this key: ");
            reader.all().stream()
                    .filter(e -> e.entryKey().equals(key))
                    .forEach(e -> history.append("\n      ").append(e));
        }
        Set<String> expectedNow = new HashSet<>();
        step.events().forEach(e -> expectedNow.add(e.identity()));
        history.append("\n  received in this step but not expected in it:");
        reader.all().stream()
                .filter(e -> e.step() == step.number() && !expectedNow.contains(e.identity()))
                .limit(40)
                .forEach(e -> history.append("\n      ").append(e));
        // the whole topic again with a fresh consumer: is anything there that the reader missed?
        history.append("\n  fresh read of the topic for these keys:");
        try (TopicReader fresh =
                TopicReader.fromStart(stack.bootstrapServers(), reader.topic(), settings.exactlyOnce())) {
            fresh.drain(Duration.ofSeconds(3));
            for (String pending : accounting.pending(10)) {
                String key = entryKeyOf(pending);
                fresh.all().stream()
                        .filter(e -> e.entryKey().equals(key))
                        .forEach(e -> history.append("\n      ").append(e));
            }
            history.append("\n  fresh read: ")
                    .append(fresh.all().size())
                    .append(" records, reader: ")
                    .append(reader.all().size());
        }
        throw new AssertionError("[" + settings.name() + "] step " + step.number() + ": " + accounting.pendingCount()
                + " expected event(s) of " + step.events().size() + " not received within " + timeout.toSeconds()
                + " s:" + history + "\nconnector: " + status + "\nstored offsets: " + offsets
                + "\nworker logs in "
                + SystemTestSettings.workDir(settings.name()).resolve("logs"));
    }

    /** The entry key at the start of a pending identity or state (keys in these scripts all have occurrence 0). */
    private static String entryKeyOf(String pending) {
        int end = pending.indexOf(" | 0 | ");
        return end < 0 ? pending : pending.substring(0, end + 4);
    }

    /** {worker index, tasks on it}: a random worker among those running at least one of the connector's tasks. */
    private int[] pickWorkerWithTasks(LocalKafkaStack stack, Random random) {
        ConnectorStatus status = stack.liveRestClient().getStatus(CONNECTOR);
        List<int[]> candidates = new ArrayList<>();
        for (int i = 0; i < stack.workerCount(); i++) {
            long tasks = status.tasksOn(stack.workerId(i));
            if (tasks > 0 && stack.isWorkerRunning(i)) {
                candidates.add(new int[] {i, (int) tasks});
            }
        }
        if (candidates.isEmpty()) {
            throw new AssertionError("no running worker holds a task: " + status.summary());
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    private static void awaitPolls(OkastSimulator sim, List<String> instances, int polls, Duration timeout)
            throws InterruptedException {
        Map<String, Long> before = new LinkedHashMap<>();
        instances.forEach(id -> before.put(id, sim.instance(id).requestCount()));
        for (String id : instances) {
            if (!sim.instance(id).awaitRequestCount(before.get(id) + polls, timeout)) {
                throw new AssertionError(id + " was not polled " + polls + " more times within " + timeout);
            }
        }
    }
}
