package io.github.okastconnect.detect;

import java.util.Objects;

/** What decides whether an entry changed: only these two raw strings, as the product defines it. */
public record EntryState(String status, String lastStatusUpdate) {

    public boolean sameStatus(EntryState other) {
        return Objects.equals(status, other.status);
    }

    public boolean sameLastStatusUpdate(EntryState other) {
        return Objects.equals(lastStatusUpdate, other.lastStatusUpdate);
    }
}
