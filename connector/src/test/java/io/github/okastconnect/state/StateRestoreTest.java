package io.github.okastconnect.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.offset.Marker;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.offset.StoredOffsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crash windows of the state topic, record by record. */
class StateRestoreTest {
    private static final EntryKey A = new EntryKey("a.mp4", "t", 0);
    private static final EntryKey B = new EntryKey("b.mp4", "t", 0);
    private static final EntryState PENDING = new EntryState("PENDING", "u1");
    private static final EntryState DONE = new EntryState("DONE", "u2");

    private static StateEntry record(
            EntryKey key, EntryState state, long epoch, long seq, long acked, EntryState base) {
        return new StateEntry(
                "paris",
                OffsetCodec.encodeKey(key),
                state == null ? null : OffsetCodec.encodeState(state),
                epoch,
                seq,
                acked,
                base == null ? null : OffsetCodec.encodeState(base));
    }

    private static StoredOffsets marker(long epoch, long seq) {
        return new StoredOffsets.Current(new Marker(epoch, seq, 1L), false);
    }

    @Test
    void committedRecordsAreTheState() {
        Restored r = StateRestore.restore(
                marker(0, 2),
                List.of(
                        record(A, PENDING, 0, 1, 0, null),
                        record(B, PENDING, 0, 1, 0, null),
                        record(A, DONE, 0, 2, 1, PENDING)));
        assertEquals(Map.of(A, DONE, B, PENDING), r.entries());
        assertEquals(Map.of(), r.writes(), "the topic already says it");
        assertEquals(2, r.lastSeq());
    }

    /**
     * At-least-once: poll 2's state record was written, but Connect's marker still says poll 1 and nothing says poll
     * 2 was acknowledged, so its event may be missing. The entry restarts from its base (the next poll emits the
     * change again, a repeat at worst), and the record is rewritten so that a later start agrees.
     */
    @Test
    void aRecordBeyondWhatIsCertainFallsBackToItsBase() {
        Restored r = StateRestore.restore(
                marker(0, 1),
                List.of(
                        record(A, PENDING, 0, 1, 0, null),
                        record(A, DONE, 0, 2, 1, PENDING),
                        record(B, PENDING, 0, 2, 1, null)));
        assertEquals(Map.of(A, PENDING), r.entries(), "A back to PENDING, B (new in poll 2) unknown");
        Map<String, String> writes = new HashMap<>();
        writes.put(OffsetCodec.encodeKey(A), OffsetCodec.encodeState(PENDING));
        writes.put(OffsetCodec.encodeKey(B), null);
        assertEquals(writes, r.writes());
        assertEquals(1, r.certainSeq());
        assertEquals(2, r.lastSeq(), "poll numbers are never reused");
    }

    /** A later record carrying acked = 2 proves poll 2 was written in full, even if the marker lags. */
    @Test
    void anAcknowledgementWatermarkInALaterRecordMakesEarlierPollsCertain() {
        Restored r = StateRestore.restore(
                marker(0, 1), List.of(record(A, DONE, 0, 2, 1, PENDING), record(B, PENDING, 0, 3, 2, null)));
        assertEquals(Map.of(A, DONE), r.entries(), "poll 2 certain, poll 3 not");
        assertEquals(2, r.certainSeq());
    }

    /** A removal not certainly written: the entry comes back, so the next poll emits its REMOVED again. */
    @Test
    void anUncertainTombstoneBringsTheEntryBack() {
        Restored r = StateRestore.restore(
                marker(0, 1), List.of(record(A, PENDING, 0, 1, 0, null), record(A, null, 0, 2, 1, PENDING)));
        assertEquals(Map.of(A, PENDING), r.entries());
    }

    /** A reset (no marker) starts a new epoch; the older epoch's records are removed, and ignored meanwhile. */
    @Test
    void aResetStartsANewEpochAndRemovesOlderRecords() {
        List<StateEntry> records = List.of(record(A, PENDING, 0, 1, 0, null), record(B, null, 0, 2, 1, PENDING));
        Restored r = StateRestore.restore(new StoredOffsets.Empty(), records);
        assertEquals(Map.of(), r.entries());
        assertEquals(1, r.epoch());
        Map<String, String> writes = new HashMap<>();
        writes.put(OffsetCodec.encodeKey(A), null);
        assertEquals(writes, r.writes());

        Restored later = StateRestore.restore(
                marker(1, 1), List.of(record(A, PENDING, 0, 1, 0, null), record(B, DONE, 1, 1, 0, null)));
        assertEquals(Map.of(B, DONE), later.entries(), "epoch 0 ignored once epoch 1 is committed");
        assertTrue(later.writes().containsKey(OffsetCodec.encodeKey(A)));
    }

    @Test
    void formatTwoOffsetsAreMigratedWhole() {
        Restored r = StateRestore.restore(
                new StoredOffsets.Legacy(new OffsetCodec.Stored(Map.of(A, PENDING, B, DONE), 5L)), List.of());
        assertEquals(Map.of(A, PENDING, B, DONE), r.entries());
        assertEquals(2, r.writes().size(), "every entry written to the state topic");
        assertTrue(r.dropLegacy());
        assertEquals(5L, r.observedAtMs());
    }
}
