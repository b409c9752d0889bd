package io.github.okastconnect.config;

import java.util.Locale;

/** What the first answer of an instance with no stored state emits. Every entry's state is recorded either way. */
public enum SnapshotMode {
    /** Every entry in the queue as a NEW event. */
    ALL_AS_NEW,
    /** Nothing: the queue is the starting point, only later changes are emitted. */
    NONE,
    /** NEW events only for entries not yet in a terminal status (DONE, ERRORED). */
    ACTIVE_AS_NEW;

    public static SnapshotMode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
