package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;

/** Builds the full entry that lies at {@code body[start, end)}: done only for the few entries a poll emits. */
@FunctionalInterface
public interface EntryLoader {
    IngestEntry load(int start, int end);
}
