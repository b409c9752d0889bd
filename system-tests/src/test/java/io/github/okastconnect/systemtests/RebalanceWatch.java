package io.github.okastconnect.systemtests;

import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.rest.ConnectorStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures one change of a Connect cluster (a worker added or removed, a new task count): when the rebalance it
 * caused ended, as seen by the REST API, and how soon afterwards each instance was polled again, from the
 * simulator's request log.
 *
 * <p>The rebalance has ended when every task is RUNNING after the assignment changed (or a task was seen
 * not RUNNING), and has stayed so for {@link #STABLE}. A change that moves no task ends when it is made.
 */
final class RebalanceWatch {

    private static final Duration STABLE = Duration.ofSeconds(4);
    private static final Duration NO_MOVE = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param firstPollMs per instance, ms from the rebalance's end to its first status request at or after it
     * @param longestGapMs per instance, the longest time without a status request from the change to the end + 2 s
     */
    record Window(
            String what,
            Instant changedAt,
            Instant endedAt,
            Map<Integer, String> before,
            Map<Integer, String> after,
            Map<String, Long> firstPollMs,
            Map<String, Long> longestGapMs) {

        /** Tasks whose worker changed (a new task counts as moved). */
        long tasksMoved() {
            return after.entrySet().stream()
                    .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                    .count();
        }

        long rebalanceMs() {
            return Duration.between(changedAt, endedAt).toMillis();
        }

        long worstFirstPollMs() {
            return firstPollMs.values().stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(Long.MAX_VALUE);
        }

        @Override
        public String toString() {
            return what + ": rebalance " + rebalanceMs() + " ms, " + tasksMoved() + " task(s) moved " + before + " -> "
                    + after + "; first poll after its end (ms) " + firstPollMs + ", worst " + worstFirstPollMs()
                    + "; longest gap between polls (ms) " + longestGapMs;
        }
    }

    private RebalanceWatch() {}

    static Window measure(
            String what,
            LocalKafkaStack stack,
            String connector,
            int tasksAfter,
            Runnable change,
            OkastSimulator sim,
            List<String> instances)
            throws InterruptedException {
        Map<Integer, String> before = assignment(status(stack, connector));
        Instant changedAt = Instant.now();
        change.run();
        Instant madeAt = Instant.now();
        boolean changed = false;
        Instant end = null;
        Map<Integer, String> after = before;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ConnectorStatus status = status(stack, connector);
            Instant now = Instant.now();
            boolean allRunning = status != null
                    && status.tasks().size() == tasksAfter
                    && status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
            if (!allRunning || !assignment(status).equals(before)) {
                changed = true;
            }
            if (!changed && Duration.between(madeAt, now).compareTo(NO_MOVE) > 0) {
                end = madeAt;
                break;
            }
            if (changed && allRunning) {
                Map<Integer, String> current = assignment(status);
                if (end == null || !current.equals(after)) {
                    end = now;
                    after = current;
                } else if (Duration.between(end, now).compareTo(STABLE) >= 0) {
                    break;
                }
            } else {
                end = null;
            }
            Thread.sleep(50);
        }
        if (end == null) {
            throw new AssertionError(
                    what + ": " + connector + " not RUNNING with " + tasksAfter + " task(s) within " + TIMEOUT);
        }
        Instant gapsUntil = end.plusSeconds(2);
        Map<String, Long> firstPoll = new LinkedHashMap<>();
        Map<String, Long> longestGap = new LinkedHashMap<>();
        for (String id : instances) {
            List<Instant> log = sim.instance(id).requestLog();
            Instant endedAt = end;
            firstPoll.put(
                    id,
                    log.stream()
                            .filter(t -> !t.isBefore(endedAt))
                            .findFirst()
                            .map(t -> Duration.between(endedAt, t).toMillis())
                            .orElse(Long.MAX_VALUE));
            long gap = 0;
            Instant previous = null;
            for (Instant t : log) {
                if (t.isAfter(changedAt) && !t.isAfter(gapsUntil) && previous != null) {
                    gap = Math.max(gap, Duration.between(previous, t).toMillis());
                }
                previous = t;
            }
            longestGap.put(id, gap);
        }
        return new Window(what, changedAt, end, before, after, firstPoll, longestGap);
    }

    /** Task id to worker id, as the REST API of any running worker reports it; empty when none answers. */
    static Map<Integer, String> assignment(ConnectorStatus status) {
        Map<Integer, String> tasks = new TreeMap<>();
        if (status != null) {
            status.tasks().forEach(t -> tasks.put(t.id(), t.workerId()));
        }
        return tasks;
    }

    static ConnectorStatus status(LocalKafkaStack stack, String connector) {
        for (int i = 0; i < stack.workerCount(); i++) {
            if (stack.isWorkerRunning(i)) {
                try {
                    return stack.restClient(i).getStatus(connector);
                } catch (RuntimeException e) {
                    // stopping, starting or rebalancing: ask the next one
                }
            }
        }
        return null;
    }
}
