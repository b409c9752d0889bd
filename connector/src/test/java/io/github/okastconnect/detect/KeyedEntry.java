package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;

/** An entry of the latest response with the key it was given. */
public record KeyedEntry(EntryKey key, IngestEntry entry) {

    public EntryState state() {
        return new EntryState(entry.status(), entry.lastStatusUpdate());
    }
}
