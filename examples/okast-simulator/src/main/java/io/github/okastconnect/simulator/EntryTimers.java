package io.github.okastconnect.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The pending timers of one queue's entries, earliest first (ties in the order they were set, so replaying them
 * is deterministic). A timer of an entry that has left the queue is dropped instead of fired. Not thread-safe;
 * {@link SimulatedInstance} serialises access.
 */
final class EntryTimers {
    enum Kind {
        ADVANCE,
        REJECT,
        PURGE
    }

    record Timer(Instant at, long seq, QueueEntry entry, Kind kind) {}

    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparing(Timer::at).thenComparingLong(Timer::seq));
    private long seq;

    void schedule(QueueEntry entry, Instant at, Kind kind) {
        timers.add(new Timer(at, seq++, entry, kind));
    }

    /** The earliest timer of an entry still listed, or null; it stays pending until {@link #removeNext}. */
    Timer nextLive() {
        while (!timers.isEmpty()) {
            Timer timer = timers.peek();
            if (timer.entry().listed) {
                return timer;
            }
            timers.poll();
        }
        return null;
    }

    void removeNext() {
        timers.poll();
    }

    void clear() {
        timers.clear();
    }
}
