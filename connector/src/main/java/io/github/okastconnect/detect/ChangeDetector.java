package io.github.okastconnect.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a response with the last emitted state of each entry. An entry yields a change only when it is new or
 * when its status or lastStatusUpdate differs from what was last emitted for its key: each entry is compared with
 * its own history, never with a watermark, so unsorted queues and status changes without a new timestamp are seen.
 */
public final class ChangeDetector {

    public Detection detect(InstanceState state, List<KeyedEntry> current) {
        List<Change> changes = new ArrayList<>();
        Set<EntryKey> present = new HashSet<>(current.size() * 2);
        for (KeyedEntry keyed : current) {
            present.add(keyed.key());
            EntryState now = keyed.state();
            EntryState before = state.get(keyed.key());
            if (before == null) {
                changes.add(new Change(ChangeType.NEW, keyed.key(), keyed.entry(), null, now));
            } else if (!before.sameStatus(now)) {
                changes.add(new Change(ChangeType.STATUS_CHANGED, keyed.key(), keyed.entry(), before, now));
            } else if (!before.sameLastStatusUpdate(now)) {
                changes.add(new Change(ChangeType.UPDATED, keyed.key(), keyed.entry(), before, now));
            }
        }
        if (state.size() > 0) {
            List<Change> removals = new ArrayList<>();
            state.forEach((key, last) -> {
                if (!present.contains(key)) {
                    removals.add(new Change(ChangeType.REMOVED, key, null, last, last));
                }
            });
            // The state's iteration order is arbitrary; a fixed order keeps output reproducible.
            removals.sort(ChangeDetector::compareKeys);
            changes.addAll(removals);
        }
        return new Detection(List.copyOf(changes), state.apply(changes));
    }

    private static int compareKeys(Change a, Change b) {
        int byTime = compareNullable(a.key().requestTime(), b.key().requestTime());
        if (byTime != 0) {
            return byTime;
        }
        int byPath = compareNullable(a.key().filePath(), b.key().filePath());
        return byPath != 0 ? byPath : Integer.compare(a.key().occurrence(), b.key().occurrence());
    }

    private static int compareNullable(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    /** The changes of one response, and the state once all of them are emitted. */
    public record Detection(List<Change> changes, InstanceState next) {
    }
}
