package io.github.okastconnect.state;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.offset.Marker;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.offset.StoredOffsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds an instance's state records (in log order) and its stored offsets into the state a task starts from.
 *
 * <p>Only records of the marker's epoch count. A record is <em>certain</em> when its poll is at most the threshold:
 * the marker's sequence number (Connect committed it, so every record of those polls was written) or the highest
 * {@code acked} any record carries (the task had seen every record of those polls acknowledged). Under exactly-once
 * every committed record is certain (records and marker commit in one transaction). Under at-least-once a record
 * beyond the threshold may have been written without its event, so the entry restarts from the record's base (its
 * state as of a certain poll): the poll after the restart emits again what may be missing — a repeat at worst,
 * never a loss.
 */
public final class StateRestore {
    private StateRestore() {}

    /**
     * @param stored  what Connect's offsets hold for the instance; never {@link StoredOffsets.Unreadable}
     * @param records the instance's state records, in log order
     */
    public static Restored restore(StoredOffsets stored, List<StateEntry> records) {
        long maxEpoch = -1;
        for (StateEntry record : records) {
            maxEpoch = Math.max(maxEpoch, record.epoch());
        }
        if (stored instanceof StoredOffsets.Current current) {
            return fromMarker(current, records);
        }
        if (stored instanceof StoredOffsets.Legacy legacy) {
            return migrate(legacy, records, maxEpoch + 1);
        }
        if (stored instanceof StoredOffsets.Unreadable unreadable) {
            throw new IllegalArgumentException(unreadable.reason());
        }
        return fresh(records, maxEpoch + 1);
    }

    private static Restored fromMarker(StoredOffsets.Current current, List<StateEntry> records) {
        Marker marker = current.marker();
        Map<String, StateEntry> latest = new LinkedHashMap<>();
        Map<String, StateEntry> lastWritten = new HashMap<>();
        long threshold = marker.seq();
        long lastSeq = marker.seq();
        for (StateEntry record : records) {
            lastWritten.put(record.encodedKey(), record);
            if (record.epoch() == marker.epoch()) {
                latest.put(record.encodedKey(), record);
                threshold = Math.max(threshold, record.acked());
                lastSeq = Math.max(lastSeq, record.seq());
            }
        }
        Map<EntryKey, EntryState> entries = new HashMap<>();
        Map<String, String> states = new HashMap<>();
        for (StateEntry record : latest.values()) {
            String state = record.seq() <= threshold ? record.encodedState() : record.encodedBase();
            states.put(record.encodedKey(), state);
            if (state != null) {
                entries.put(OffsetCodec.decodeKey(record.encodedKey()), OffsetCodec.decodeState(state));
            }
        }
        // The topic must end up saying exactly the restored state: rewrite what differs from its last record.
        Map<String, String> writes = new HashMap<>();
        lastWritten.forEach((key, last) -> {
            String state = states.get(key);
            if (last.epoch() != marker.epoch() || !Objects.equals(state, last.encodedState())) {
                if (state != null || last.encodedState() != null) {
                    writes.put(key, state);
                }
            }
        });
        return new Restored(
                entries,
                marker.epoch(),
                lastSeq,
                threshold,
                marker.observedAtMs(),
                writes,
                current.legacyShardsLeft(),
                "state topic (epoch " + marker.epoch() + ", committed poll " + marker.seq() + ", certain up to poll "
                        + threshold + ")");
    }

    /** Format 2: the shards' state is certain (Connect committed it); it is written to the state topic once. */
    private static Restored migrate(StoredOffsets.Legacy legacy, List<StateEntry> records, long epoch) {
        Map<String, String> writes = stale(records);
        legacy.stored()
                .entries()
                .forEach((key, state) -> writes.put(OffsetCodec.encodeKey(key), OffsetCodec.encodeState(state)));
        return new Restored(
                new HashMap<>(legacy.stored().entries()),
                epoch,
                0,
                0,
                legacy.stored().oldestObservedAtMs(),
                writes,
                true,
                "format-2 offsets, migrated to the state topic (epoch " + epoch + ")");
    }

    /** Nothing stored, or a reset: a new epoch; records of older ones are removed. */
    private static Restored fresh(List<StateEntry> records, long epoch) {
        return new Restored(
                new HashMap<>(),
                epoch,
                0,
                0,
                null,
                stale(records),
                false,
                records.isEmpty() ? "nothing stored" : "no stored offsets (reset?): new epoch " + epoch);
    }

    private static Map<String, String> stale(List<StateEntry> records) {
        Map<String, String> writes = new HashMap<>();
        for (StateEntry record : records) {
            if (record.encodedState() != null) {
                writes.put(record.encodedKey(), null);
            } else {
                writes.remove(record.encodedKey());
            }
        }
        return writes;
    }
}
