package io.github.okastconnect.simulator;

import java.time.Instant;

/** Mutable engine-side entry; only touched under the instance's lock. */
final class QueueEntry {

    /** How an entry moves: by its own timers, by the load generator's picks, or not at all. */
    enum Origin {
        ADDED,
        GENERATED,
        SCRIPTED
    }

    final long id;
    final Origin origin;
    final IngestRequest request;
    final Instant requestTime;
    Instant lastStatusUpdate;
    String status;
    String statusError;
    /** Index of the current lifecycle step, -1 once terminal or when scripted. */
    int step = -1;
    /** Step in which this entry will fail, -1 if it will end DONE. */
    int failAtStep = -1;
    /** statusError to apply when a delayed rejection fires. */
    String pendingRejection;

    boolean listed;
    /** Position in the engine's list of generated entries, for O(1) random picks and removal. */
    int generatedIndex = -1;
    /** Cached JSON of this entry; null after any change. */
    byte[] fragment;
    /** Status in the last served body, null if never served. */
    String servedStatus;

    Instant servedLastStatusUpdate;

    QueueEntry(long id, Origin origin, IngestRequest request, Instant requestTime) {
        this.id = id;
        this.origin = origin;
        this.request = request;
        this.requestTime = requestTime;
        this.lastStatusUpdate = requestTime;
    }

    boolean isTerminal() {
        return step < 0;
    }

    StatusEntry toStatusEntry() {
        return new StatusEntry(request, requestTime, lastStatusUpdate, status, statusError);
    }
}
