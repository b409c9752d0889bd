package io.github.okastconnect.tracker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.okastconnect.streams.IngestEvent;
import io.github.okastconnect.streams.Statuses;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the tracker keeps about one entry (instance + filePath + requestTime + occurrence), the value
 * of the entries store.
 *
 * @param timeline       the statuses it went through, oldest first, at most the configured number of steps
 * @param droppedSteps   older steps dropped to keep the timeline bounded
 * @param leftQueueAtMs  when a REMOVED event was seen, null while in the queue
 * @param expireAtMs     when retention drops it: set when it reaches DONE/ERRORED or leaves the queue,
 *                       null while it is in progress
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackedEntry(
        String instance,
        String filePath,
        String requestTime,
        Integer occurrence,
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

    static TrackedEntry firstSeen(IngestEvent event, long observedAtMs, long retentionMs) {
        String status = event.effectiveStatus();
        return new TrackedEntry(
                event.instance(),
                event.filePath(),
                event.requestTime(),
                event.occurrence(),
                status,
                blankToNull(event.statusError()),
                event.requestTimeMs(),
                event.lastStatusUpdateMs(),
                observedAtMs,
                observedAtMs,
                null,
                Statuses.isTerminal(status) ? observedAtMs + retentionMs : null,
                List.of(new Step(status, observedAtMs)),
                0);
    }

    /** Applies a later event (not REMOVED) of the same entry. */
    TrackedEntry next(IngestEvent event, long observedAtMs, long retentionMs, int maxSteps) {
        String newStatus = event.effectiveStatus();
        String error = blankToNull(event.statusError());
        Long requestMs = event.requestTimeMs() != null ? event.requestTimeMs() : requestTimeMs;
        Long lastUpdateMs = event.lastStatusUpdateMs() != null ? event.lastStatusUpdateMs() : lastStatusUpdateMs;
        boolean backInQueue = leftQueueAtMs != null;
        if (newStatus.equals(status) && !backInQueue) {
            // A repeat (UPDATED, or NEW after a connector restart): may fill in statusError, never moves clocks.
            return new TrackedEntry(
                    instance,
                    filePath,
                    requestTime,
                    occurrence,
                    status,
                    error != null ? error : statusError,
                    requestMs,
                    lastUpdateMs,
                    firstSeenMs,
                    observedAtMs,
                    null,
                    expireAtMs,
                    timeline,
                    droppedSteps);
        }
        List<Step> steps = new ArrayList<>(timeline);
        int dropped = droppedSteps;
        if (!newStatus.equals(status)) {
            steps.add(new Step(newStatus, observedAtMs));
            while (steps.size() > maxSteps) {
                steps.remove(0);
                dropped++;
            }
        }
        Long expire = Statuses.isTerminal(newStatus) ? observedAtMs + retentionMs : null;
        return new TrackedEntry(
                instance,
                filePath,
                requestTime,
                occurrence,
                newStatus,
                error,
                requestMs,
                lastUpdateMs,
                firstSeenMs,
                observedAtMs,
                null,
                expire,
                steps,
                dropped);
    }

    /** The entry left the queue (REMOVED): kept, marked, and its retention starts now. */
    TrackedEntry removed(long observedAtMs, long retentionMs) {
        if (leftQueueAtMs != null) {
            return this;
        }
        return new TrackedEntry(
                instance,
                filePath,
                requestTime,
                occurrence,
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
