package io.github.okastconnect.task;

import io.github.okastconnect.detect.ChangeType;
import io.github.okastconnect.http.FailureCause;
import io.github.okastconnect.parser.SkipReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one instance, written by the task thread and read by metrics reporters on other threads.
 */
public final class InstanceStats {
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong unchangedBodies = new AtomicLong();
    private final AtomicLong bytesFetched = new AtomicLong();
    private final AtomicLong refetches = new AtomicLong();
    private final AtomicLong lastSuccessMs = new AtomicLong(-1);
    private final AtomicLong lastPollDurationNanos = new AtomicLong();
    private final AtomicLong entriesTracked = new AtomicLong();
    private final Map<FailureCause, AtomicLong> failures = new EnumMap<>(FailureCause.class);
    private final Map<ChangeType, AtomicLong> events = new EnumMap<>(ChangeType.class);
    private final Map<SkipReason, AtomicLong> skippedEntries = new EnumMap<>(SkipReason.class);

    public InstanceStats() {
        for (FailureCause c : FailureCause.values()) {
            failures.put(c, new AtomicLong());
        }
        for (ChangeType t : ChangeType.values()) {
            events.put(t, new AtomicLong());
        }
        for (SkipReason r : SkipReason.values()) {
            skippedEntries.put(r, new AtomicLong());
        }
    }

    void recordSuccess(long bytes, long durationNanos, long atMs, boolean unchanged) {
        polls.incrementAndGet();
        bytesFetched.addAndGet(bytes);
        lastPollDurationNanos.set(durationNanos);
        lastSuccessMs.set(atMs);
        if (unchanged) {
            unchangedBodies.incrementAndGet();
        }
    }

    /** A poll that fetched the body a second time, after reading and dropping {@code droppedBytes}. */
    void recordRefetch(long droppedBytes) {
        refetches.incrementAndGet();
        bytesFetched.addAndGet(droppedBytes);
    }

    void recordFailure(FailureCause cause, long durationNanos) {
        polls.incrementAndGet();
        lastPollDurationNanos.set(durationNanos);
        failures.get(cause).incrementAndGet();
    }

    void recordEvent(ChangeType type) {
        events.get(type).incrementAndGet();
    }

    void recordSkipped(SkipReason reason, int count) {
        skippedEntries.get(reason).addAndGet(count);
    }

    void setEntriesTracked(int count) {
        entriesTracked.set(count);
    }

    public long polls() {
        return polls.get();
    }

    public long unchangedBodies() {
        return unchangedBodies.get();
    }

    public long refetches() {
        return refetches.get();
    }

    public long bytesFetched() {
        return bytesFetched.get();
    }

    /** Epoch millis of the last successful poll, or -1 if none yet. */
    public long lastSuccessMs() {
        return lastSuccessMs.get();
    }

    public long lastPollDurationNanos() {
        return lastPollDurationNanos.get();
    }

    public long entriesTracked() {
        return entriesTracked.get();
    }

    public long failures(FailureCause cause) {
        return failures.get(cause).get();
    }

    public long failures() {
        return failures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long events(ChangeType type) {
        return events.get(type).get();
    }

    public long skippedEntries(SkipReason reason) {
        return skippedEntries.get(reason).get();
    }
}
