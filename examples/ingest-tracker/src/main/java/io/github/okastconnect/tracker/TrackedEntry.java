package io.github.okastconnect.tracker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.okastconnect.streams.EntryKey;
import io.github.okastconnect.streams.IngestEvent;
import io.github.okastconnect.streams.Statuses;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the tracker keeps about one entry, the value of the entries store. Stored as flat JSON (the key's
 * fields beside the others), the shape the API shows it in.
 *
 * @param key                the entry: instance + filePath + requestTime + occurrence
 * @param status             its current status ({@link IngestEvent#effectiveStatus()})
 * @param statusError        the last non-blank statusError of the current status, null if none
 * @param requestTimeMs      the last known parsed request time, null if never known
 * @param lastStatusUpdateMs the last known parsed lastStatusUpdate, null if never known
 * @param timeline           the statuses it went through, oldest first, at most the configured number of steps
 * @param droppedSteps       older steps dropped to keep the timeline bounded
 * @param leftQueueAtMs      when a REMOVED event was seen, null while in the queue
 * @param expireAtMs         when retention drops it: set when it reaches DONE/ERRORED or leaves the queue,
 *                           null while it is in progress
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackedEntry(
        @JsonUnwrapped EntryKey key,
        String status,
        String statusError,
        Long requestTimeMs,
        Long lastStatusUpdateMs,
        long firstSeenMs,
        long updatedAtMs,
        Long leftQueueAtMs,
        Long expireAtMs,
        List<Step> timeline,
        int droppedSteps) {

    /** One status episode: the status and when the connector saw the entry enter it. */
    public record Step(String status, long enteredAtMs) {}

    public TrackedEntry {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** An entry seen for the first time: no status yet, then its first event. */
    static TrackedEntry firstSeen(IngestEvent event, long observedAtMs, long retentionMs, int maxSteps) {
        TrackedEntry unseen = new TrackedEntry(
                event.entryKey(), null, null, null, null, observedAtMs, observedAtMs, null, null, null, 0);
        return unseen.next(event, observedAtMs, retentionMs, maxSteps);
    }

    /**
     * Applies a later event (not REMOVED) of the same entry. A repeat of the current status (UPDATED, or NEW after
     * a connector restart) may fill in statusError but moves no clock; a new status, or coming back to the queue,
     * starts a step and retention anew.
     */
    TrackedEntry next(IngestEvent event, long observedAtMs, long retentionMs, int maxSteps) {
        String newStatus = event.effectiveStatus();
        String error = blankToNull(event.statusError());
        boolean repeat = newStatus.equals(status) && inQueue();
        List<Step> steps = timeline;
        int dropped = droppedSteps;
        if (!newStatus.equals(status)) {
            steps = new ArrayList<>(timeline);
            steps.add(new Step(newStatus, observedAtMs));
            while (steps.size() > maxSteps) {
                steps.remove(0);
                dropped++;
            }
        }
        Long expire = repeat ? expireAtMs : Statuses.isTerminal(newStatus) ? observedAtMs + retentionMs : null;
        return new TrackedEntry(
                key,
                newStatus,
                repeat && error == null ? statusError : error,
                event.requestTimeMs() != null ? event.requestTimeMs() : requestTimeMs,
                event.lastStatusUpdateMs() != null ? event.lastStatusUpdateMs() : lastStatusUpdateMs,
                firstSeenMs,
                observedAtMs,
                null,
                expire,
                steps,
                dropped);
    }

    /** The entry left the queue (REMOVED): kept, marked, and its retention starts now. */
    TrackedEntry removed(long observedAtMs, long retentionMs) {
        if (!inQueue()) {
            return this;
        }
        return new TrackedEntry(
                key,
                status,
                statusError,
                requestTimeMs,
                lastStatusUpdateMs,
                firstSeenMs,
                observedAtMs,
                observedAtMs,
                observedAtMs + retentionMs,
                timeline,
                droppedSteps);
    }

    boolean inQueue() {
        return leftQueueAtMs == null;
    }

    /** Newest-first order key: when the ingest was requested, or first seen when the request time is unknown. */
    long newestKey() {
        return requestTimeMs != null ? requestTimeMs : firstSeenMs;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
