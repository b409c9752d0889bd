package io.github.okastconnect.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One element of the status array, as the client sees it. Used both to script responses and to
 * read the simulator's queue back. {@code statusError} is written whenever it is non-null, so a
 * scripted entry can break the "only on ERRORED" rule on purpose.
 */
public record StatusEntry(
        IngestRequest request, Instant requestTime, Instant lastStatusUpdate, String status, String statusError) {

    public StatusEntry {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(requestTime, "requestTime");
        Objects.requireNonNull(lastStatusUpdate, "lastStatusUpdate");
        Objects.requireNonNull(status, "status");
    }

    public static StatusEntry of(IngestRequest request, Instant requestTime, Instant lastStatusUpdate, String status) {
        return new StatusEntry(request, requestTime, lastStatusUpdate, status, null);
    }

    public static StatusEntry errored(
            IngestRequest request, Instant requestTime, Instant lastStatusUpdate, String statusError) {
        return new StatusEntry(
                request,
                requestTime,
                lastStatusUpdate,
                Status.ERRORED,
                Objects.requireNonNull(statusError, "statusError"));
    }
}
