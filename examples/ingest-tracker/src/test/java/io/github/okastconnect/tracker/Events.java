package io.github.okastconnect.tracker;

import io.github.okastconnect.testkit.LifecycleRecord;

/**
 * The records of one entry's life (key and value JSON, schemas off), as the connector's JsonConverter writes them:
 * each remembers the status before it as the next one's previous status.
 */
final class Events {

    final String instance;
    final String filePath;
    final String requestTime;
    final long requestTimeMs;
    private String status;

    Events(String instance, String filePath, String requestTime, long requestTimeMs) {
        this.instance = instance;
        this.filePath = filePath;
        this.requestTime = requestTime;
        this.requestTimeMs = requestTimeMs;
    }

    String key() {
        return LifecycleRecord.entry(instance, filePath, requestTime).key();
    }

    String newEvent(String newStatus, long observedAtMs) {
        return value("NEW", newStatus, null, observedAtMs);
    }

    String changedTo(String newStatus, long observedAtMs) {
        return value("STATUS_CHANGED", newStatus, null, observedAtMs);
    }

    String erroredWith(String statusError, long observedAtMs) {
        return value("STATUS_CHANGED", "ERRORED", statusError, observedAtMs);
    }

    String updated(long observedAtMs) {
        return value("UPDATED", status, null, observedAtMs);
    }

    String removed(long observedAtMs) {
        return value("REMOVED", status, null, observedAtMs);
    }

    private String value(String changeType, String newStatus, String statusError, long observedAtMs) {
        String value = LifecycleRecord.entry(instance, filePath, requestTime)
                .changeType(changeType)
                .status(newStatus)
                .statusError(statusError)
                .previousStatus(status)
                .lastStatusUpdate(null)
                .requestTimeMs(requestTimeMs)
                .lastStatusUpdateMs(observedAtMs)
                .observedAt(observedAtMs)
                .value();
        status = newStatus;
        return value;
    }
}
