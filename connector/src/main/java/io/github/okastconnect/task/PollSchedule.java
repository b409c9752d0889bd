package io.github.okastconnect.task;

import io.github.okastconnect.http.Backoff;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * When a task's instances poll. Each instance has a {@link Due}: its first poll is spread over one interval
 * ({@link #firstDueMs}), later polls stay on its own grid (first due time plus whole intervals), and after a failure it
 * waits for its backoff instead. The schedule launches the idle instances soonest-due first, at most {@code
 * maxConcurrent} at a time: launching by due time, not by configuration order, lets no instance wait behind others
 * while the request limit is reached.
 *
 * <p>Only the task thread touches it.
 *
 * @param <T> what is scheduled (the task's trackers); {@code dueOf} gives its {@link Due}
 */
final class PollSchedule<T> {
    private final int maxConcurrent;
    private final Function<T, Due> dueOf;
    private final PriorityQueue<T> idle;
    private int inFlight;

    PollSchedule(int maxConcurrent, Function<T, Due> dueOf) {
        this.maxConcurrent = maxConcurrent;
        this.dueOf = dueOf;
        this.idle = new PriorityQueue<>(
                Comparator.comparingLong(item -> dueOf.apply(item).atMs()));
    }

    /**
     * The first due time of the {@code index}-th of {@code count} instances starting at {@code nowMs}: first polls
     * are spread over one interval so that hundreds of instances do not fire in one burst.
     */
    static long firstDueMs(long nowMs, long intervalMs, int index, int count) {
        return nowMs + (count <= 1 ? 0 : intervalMs * index / count);
    }

    /** Adds an idle item, launched when its due time comes. */
    void add(T item) {
        idle.add(item);
    }

    /**
     * The soonest-due idle item if it is due at {@code nowMs} and fewer than {@code maxConcurrent} are in flight,
     * now marked in flight; else null. Its {@link Due#atMs()} still tells when it was due.
     */
    T launchNext(long nowMs) {
        if (inFlight >= maxConcurrent
                || idle.isEmpty()
                || !dueOf.apply(idle.peek()).isDue(nowMs)) {
            return null;
        }
        T item = idle.poll();
        dueOf.apply(item).launched();
        inFlight++;
        return item;
    }

    /**
     * Takes back an item whose poll was answered, once its answer has moved its due time ({@link Due#answered} or
     * {@link Due#failed}).
     */
    void returned(T item) {
        inFlight--;
        idle.add(item);
    }

    /** Milliseconds until the soonest idle item falls due (0 if it is), or Long.MAX_VALUE while none could be launched. */
    long msUntilDue(long nowMs) {
        if (inFlight >= maxConcurrent || idle.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, dueOf.apply(idle.peek()).atMs() - nowMs);
    }

    /** One instance's next due time, on its own grid or after its backoff, and whether a poll of it is in flight. */
    static final class Due {
        private final long intervalMs;
        private final long phaseMs;
        private final Backoff backoff;
        private long atMs;
        private boolean inFlight;

        /** @param firstDueMs when the first poll falls due; later polls stay on its grid ({@code intervalMs} apart) */
        Due(long intervalMs, long firstDueMs, Backoff backoff) {
            this.intervalMs = intervalMs;
            this.phaseMs = firstDueMs;
            this.backoff = backoff;
            this.atMs = firstDueMs;
        }

        /** When the next poll falls due (while one is in flight: when that one fell due). */
        long atMs() {
            return atMs;
        }

        /** Whether a poll may be launched at {@code nowMs}: it has fallen due and none is in flight (one at a time). */
        boolean isDue(long nowMs) {
            return !inFlight && nowMs >= atMs;
        }

        void launched() {
            inFlight = true;
        }

        /**
         * A poll was answered at {@code nowMs}: the next one falls due on the first grid instant after both the answer
         * and the due time just served. Keeping every instance on its own grid keeps the task's polls spread over the
         * interval: instances delayed together (by the initial snapshot, a pause of the worker) would otherwise stay in
         * step, and their answers would arrive in bursts that wait for the task thread one after another. A late poll
         * does not push the later ones back, and one late by more than an interval skips the missed instants.
         */
        void answered(long nowMs) {
            inFlight = false;
            long fromMs = Math.max(nowMs, atMs + 1);
            atMs = fromMs + Math.floorMod(phaseMs - fromMs, intervalMs);
        }

        /**
         * A poll failed at {@code nowMs}, the {@code consecutiveFailures}-th in a row: the next one falls due after
         * the backoff (at least the server's Retry-After), off the grid; the first answer after it returns to the grid.
         *
         * @return the backoff, in milliseconds
         */
        long failed(long nowMs, int consecutiveFailures, Optional<Duration> retryAfter) {
            inFlight = false;
            long delayMs = backoff.delay(consecutiveFailures, retryAfter).toMillis();
            atMs = nowMs + delayMs;
            return delayMs;
        }
    }
}
