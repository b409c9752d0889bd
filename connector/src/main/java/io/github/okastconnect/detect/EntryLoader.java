package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;

/**
 * Builds in full the {@code index}-th scanned entry, which lies at {@code body[start, end)}: done only for the few
 * entries a poll emits.
 */
@FunctionalInterface
public interface EntryLoader {
    IngestEntry load(int index, int start, int end);
}
