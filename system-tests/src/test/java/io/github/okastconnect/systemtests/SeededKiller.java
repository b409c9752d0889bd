package io.github.okastconnect.systemtests;

import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.rest.ConnectorStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * SIGKILLs a Connect worker at instants drawn from a seed, independently of what the scenario is waiting for, then
 * starts it again. The victim is a random running worker holding a task of the connector (any running worker when
 * none holds one yet, e.g. right after the connector was created).
 */
final class SeededKiller {

    /** One kill: when, whom, how many of the connector's tasks the victim ran, how long its restart took. */
    record Kill(Instant at, int worker, int tasksOnWorker, long restartMs) {}

    private final LocalKafkaStack stack;
    private final String connector;
    private final Random random;
    private final List<Kill> kills = new ArrayList<>();
    private CompletableFuture<Void> run;

    SeededKiller(LocalKafkaStack stack, String connector, Random random) {
        this.stack = stack;
        this.connector = connector;
        this.random = random;
    }

    /** Draws {@code count} kill instants in [{@code fromMs}, {@code toMs}) after now, and runs them in the background. */
    SeededKiller start(int count, long fromMs, long toMs) {
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            at.add(fromMs + (long) (random.nextDouble() * (toMs - fromMs)));
        }
        at.sort(Long::compare);
        long t0 = System.nanoTime();
        run = CompletableFuture.runAsync(() -> {
            for (long ms : at) {
                Waits.sleepUntil(t0 + ms * 1_000_000);
                Kill kill = killOne(() -> {});
                synchronized (kills) {
                    kills.add(kill);
                }
            }
        });
        return this;
    }

    /**
     * Kills a victim now, runs {@code whileDown}, and starts the victim again (before returning: the next victim is
     * then picked among workers that are up).
     */
    Kill killOne(Runnable whileDown) {
        int[] victim = pickVictim();
        Instant at = Instant.now();
        stack.killWorker(victim[0]);
        whileDown.run();
        long r0 = System.nanoTime();
        stack.startWorker(victim[0]);
        return new Kill(at, victim[0], victim[1], (System.nanoTime() - r0) / 1_000_000);
    }

    boolean isDone() {
        return run.isDone();
    }

    /** Waits for every kill and restart; returns them in order. */
    List<Kill> await() throws Exception {
        run.get(5, TimeUnit.MINUTES);
        synchronized (kills) {
            return List.copyOf(kills);
        }
    }

    private int[] pickVictim() {
        List<int[]> withTasks = new ArrayList<>();
        List<int[]> running = new ArrayList<>();
        ConnectorStatus status = null;
        for (int i = 0; i < stack.workerCount() && status == null; i++) {
            if (stack.isWorkerRunning(i)) {
                try {
                    status = stack.restClient(i).getStatus(connector);
                } catch (RuntimeException e) {
                    // not created yet, or this worker is busy: ask the next
                }
            }
        }
        for (int i = 0; i < stack.workerCount(); i++) {
            if (!stack.isWorkerRunning(i)) {
                continue;
            }
            long tasks = status == null ? 0 : status.tasksOn(stack.workerId(i));
            running.add(new int[] {i, (int) tasks});
            if (tasks > 0) {
                withTasks.add(new int[] {i, (int) tasks});
            }
        }
        List<int[]> candidates = withTasks.isEmpty() ? running : withTasks;
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no running worker to kill");
        }
        return candidates.get(random.nextInt(candidates.size()));
    }
}
