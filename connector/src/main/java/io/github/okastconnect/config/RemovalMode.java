package io.github.okastconnect.config;

import java.util.Locale;

/** What the connector emits when an entry leaves an instance's queue. Its tracked state is released either way. */
public enum RemovalMode {
    /** Nothing: the entry's state is dropped silently. */
    NONE,
    /** A REMOVED event carrying the entry's last known state. */
    EVENT,
    /** A REMOVED event followed by a tombstone (null value) for the key, so compacted topics forget the entry. */
    EVENT_AND_TOMBSTONE;

    public static RemovalMode parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
