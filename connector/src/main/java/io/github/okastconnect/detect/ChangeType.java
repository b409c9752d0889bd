package io.github.okastconnect.detect;

/** Why an event was emitted. */
public enum ChangeType {
    /** First sight of the entry (or first sight since its state was reset). */
    NEW,
    /** The status differs from the last emitted one (lastStatusUpdate may have moved too). */
    STATUS_CHANGED,
    /** Same status, but lastStatusUpdate moved. */
    UPDATED,
    /** The entry left the instance's queue. */
    REMOVED
}
