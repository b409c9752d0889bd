package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;

/**
 * One transition to emit.
 *
 * @param entry    the entry as the endpoint sent it now; {@code null} for {@link ChangeType#REMOVED}
 * @param previous the state last emitted for the key; {@code null} for {@link ChangeType#NEW}
 * @param current  the state after this change; for REMOVED, the last known state
 */
public record Change(ChangeType type, EntryKey key, IngestEntry entry, EntryState previous, EntryState current) {

    public boolean isRemoval() {
        return type == ChangeType.REMOVED;
    }
}
