package io.github.okastconnect.streams;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of a connector lifecycle event this application needs.
 *
 * <p>Unknown fields are ignored so that the connector can add fields without breaking us; only these
 * components travel through the internal repartition topic.
 *
 * @param changeType         NEW, STATUS_CHANGED, UPDATED or REMOVED
 * @param status             raw Okast status; unknown values are kept as-is
 * @param requestTimeMs      epoch millis, null when the connector could not parse the request time
 * @param lastStatusUpdateMs epoch millis, null when unparseable
 * @param observedAtMs       when the connector saw the change (its wall clock)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IngestEvent(
        String changeType,
        String instance,
        String filePath,
        String requestTime,
        Integer occurrence,
        String status,
        String statusError,
        Long requestTimeMs,
        Long lastStatusUpdateMs,
        Long observedAtMs) {

    static final String REMOVED = "REMOVED";

    public EntryKey entryKey() {
        return new EntryKey(instance, filePath, requestTime, occurrence);
    }

    public boolean removesEntry() {
        return REMOVED.equals(changeType);
    }

    /** When the connector saw the change; the record's timestamp (the connector sets it to the same) if absent. */
    public long observedAtOr(long recordTimestampMs) {
        return observedAtMs != null ? observedAtMs : recordTimestampMs;
    }

    /** Null or blank statuses still need a bucket so the entry is counted and can be seen stuck. */
    public String effectiveStatus() {
        return status == null || status.isBlank() ? Statuses.UNKNOWN : status;
    }

    /** Null when either timestamp is missing or the clocks disagree (negative), so we never record nonsense. */
    Long requestToDoneMs() {
        if (requestTimeMs == null || lastStatusUpdateMs == null || lastStatusUpdateMs < requestTimeMs) {
            return null;
        }
        return lastStatusUpdateMs - requestTimeMs;
    }

    IngestEvent withInstance(String newInstance) {
        return new IngestEvent(
                changeType,
                newInstance,
                filePath,
                requestTime,
                occurrence,
                status,
                statusError,
                requestTimeMs,
                lastStatusUpdateMs,
                observedAtMs);
    }
}
