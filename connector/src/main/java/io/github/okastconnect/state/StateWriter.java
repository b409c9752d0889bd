package io.github.okastconnect.state;

import io.github.okastconnect.detect.Change;
import io.github.okastconnect.offset.Marker;
import io.github.okastconnect.offset.OffsetCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Numbers one instance's polls and builds their state records. Every record of a poll (events and state records)
 * carries the same marker offset, so Connect commits the marker of a poll only once all of them are written.
 * Task thread only (the acknowledgements it reads come through {@link Acks}).
 */
public final class StateWriter {
    private final String instance;
    private final StateRecords records;
    private final Acks acks;
    private final Bases bases = new Bases();
    private final long epoch;
    private long lastSeq;

    public StateWriter(String instance, StateRecords records, Acks acks, long epoch, long lastSeq) {
        this.instance = instance;
        this.records = records;
        this.acks = acks;
        this.epoch = epoch;
        this.lastSeq = lastSeq;
    }

    /** One poll's numbering, and the source partition and offset all of its records carry. */
    public record Poll(
            long seq, long acked, long observedAtMs, Map<String, Object> partition, Map<String, Object> offset) {}

    /** Opens the next poll that emits something. */
    public Poll nextPoll(long observedAtMs) {
        long seq = ++lastSeq;
        long acked = acks.acked(instance);
        bases.acknowledgedUpTo(acked);
        return new Poll(
                seq, acked, observedAtMs, Marker.partition(instance), new Marker(epoch, seq, observedAtMs).toOffset());
    }

    /**
     * Forgets the bases of entries whose changes are all acknowledged. Done on every poll, not only on polls that
     * emit: a quiet instance would otherwise keep the bases of its last changes (all of its entries after a first
     * sight) until its next change.
     */
    public void release() {
        bases.acknowledgedUpTo(acks.acked(instance));
    }

    /** The state record of one change: the entry's new state, or a tombstone for a removal. */
    public SourceRecord changed(Poll poll, Change change) {
        String key = OffsetCodec.encodeKey(change.key());
        String before = change.previous() == null ? null : OffsetCodec.encodeState(change.previous());
        String now = change.isRemoval() ? null : OffsetCodec.encodeState(change.current());
        String base = bases.change(key, before, poll.seq());
        return record(poll, key, now, base);
    }

    /**
     * The state record of an entry taken as a starting point without an event (a first sight's {@code snapshot.mode}):
     * no event is owed for it, so its base is its own state.
     */
    public SourceRecord recorded(Poll poll, Change change) {
        String key = OffsetCodec.encodeKey(change.key());
        String now = OffsetCodec.encodeState(change.current());
        return record(poll, key, now, now);
    }

    /** The state record of entry {@code key} in {@code poll} (its marker and the poll's observation time). */
    private SourceRecord record(Poll poll, String key, String state, String base) {
        return records.record(
                instance,
                key,
                state,
                base,
                epoch,
                poll.seq(),
                poll.acked(),
                poll.partition(),
                poll.offset(),
                poll.observedAtMs());
    }

    /** The poll handed {@code count} records carrying its marker to Connect. */
    public void submitted(Poll poll, int count) {
        acks.submitted(instance, poll.seq(), count);
    }

    /**
     * What a task writes before its first poll of the instance, so the state topic and Connect's offsets say exactly
     * the restored state: the restore's writes (certain, so each is its own base) under a new poll number, and when
     * format-2 shard offsets are still stored, a null offset for each shard (which removes it) carried by a tombstone
     * of the instance's own key prefix, which no entry uses.
     */
    public List<SourceRecord> startup(Restored restored, long nowMs) {
        List<SourceRecord> out = new ArrayList<>();
        if (restored.writes().isEmpty() && !restored.dropLegacy()) {
            return out;
        }
        Poll poll = nextPoll(nowMs);
        for (String key : restored.writeOrder()) {
            String state = restored.writes().get(key);
            out.add(record(poll, key, state, state));
        }
        if (restored.writes().isEmpty()) {
            // A marker of its own, so the shards are never the only thing stored.
            out.add(records.marker(instance, poll.partition(), poll.offset(), nowMs));
        }
        int withMarker = out.size();
        if (restored.dropLegacy()) {
            for (Map<String, Object> shard : OffsetCodec.partitions(instance)) {
                out.add(records.marker(instance, shard, null, nowMs));
            }
        }
        submitted(poll, withMarker);
        return out;
    }

    /** Entries whose last change is not yet acknowledged as written: their bases are kept until it is. */
    public int pendingBases() {
        return bases.size();
    }
}
