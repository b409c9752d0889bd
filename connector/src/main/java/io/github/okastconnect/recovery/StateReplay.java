package io.github.okastconnect.recovery;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.offset.OffsetCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays read-back events over an instance's stored state. Events of one entry share a topic partition and
 * arrive in the order they were produced, so the last one wins; an event older than the stored state can only be
 * followed by the one that produced that state, which was written before the offset was committed.
 */
public final class StateReplay {
    private StateReplay() {}

    /** The outcome for one instance: the replayed entries, and how many differ from the stored ones. */
    public record Replayed(Map<EntryKey, EntryState> entries, int changed, int skipped) {}

    public static Replayed replay(Map<EntryKey, EntryState> stored, List<WrittenEvent> events) {
        Map<EntryKey, EntryState> entries = new HashMap<>(stored);
        int skipped = 0;
        for (WrittenEvent event : events) {
            try {
                EntryKey key = OffsetCodec.decodeKey(event.encodedKey());
                if (event.removed()) {
                    entries.remove(key);
                } else {
                    entries.put(key, OffsetCodec.decodeState(event.encodedState()));
                }
            } catch (IllegalArgumentException e) {
                skipped++; // not written by this connector's encoding: leave the stored state alone
            }
        }
        int changed = 0;
        for (Map.Entry<EntryKey, EntryState> entry : entries.entrySet()) {
            if (!entry.getValue().equals(stored.get(entry.getKey()))) {
                changed++;
            }
        }
        for (EntryKey key : stored.keySet()) {
            if (!entries.containsKey(key)) {
                changed++;
            }
        }
        return new Replayed(entries, changed, skipped);
    }
}
