package io.github.okastconnect.offset;

import io.github.okastconnect.detect.Change;
import io.github.okastconnect.detect.InstanceState;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The source partitions and offsets of the records of one poll of one instance. The i-th record carries the
 * offset of its entry's shard with the poll's changes up to i applied: Connect commits, per partition, the offset of
 * the last record acknowledged without gaps, so each offset must be true once that record and only those before it
 * are written; otherwise a crash could skip changes.
 *
 * <p>Offsets are lazy views ({@link OffsetView}): building one per record costs O(1); encoding happens only when
 * Connect serialises an offset (once per flush or transaction), and the state before the poll is encoded at most
 * once however many of its shards get serialised.
 */
public final class PollOffsets {
    private final String instanceId;
    private final InstanceState before;
    private final long observedAtMs;
    private final List<Change> changes;
    private final String[] encodedKeys;
    private final int[] shards;
    private List<List<Map.Entry<String, Object>>> beforeByShard;

    /**
     * @param before  the instance's state before the poll
     * @param changes the poll's changes in emission order; a key changes at most once per poll
     * @param observedAtMs when the poll's response was received: the records' Kafka timestamp
     */
    public PollOffsets(String instanceId, InstanceState before, List<Change> changes, long observedAtMs) {
        this.instanceId = instanceId;
        this.observedAtMs = observedAtMs;
        this.before = before;
        this.changes = changes;
        this.encodedKeys = new String[changes.size()];
        this.shards = new int[changes.size()];
        for (int i = 0; i < encodedKeys.length; i++) {
            encodedKeys[i] = OffsetCodec.encodeKey(changes.get(i).key());
            shards[i] = OffsetCodec.shardOf(encodedKeys[i]);
        }
    }

    /** Source partition of the record of change {@code i}. */
    public Map<String, Object> partition(int i) {
        return OffsetCodec.partition(instanceId, shards[i]);
    }

    /** Source offset of the record of change {@code i}: its shard once changes 0..i are applied. */
    public Map<String, Object> offset(int i) {
        return new OffsetView(this, shards[i], i + 1);
    }

    /** The entries of a shard with the first {@code applied} changes of the poll applied, encoded. */
    List<Map.Entry<String, Object>> materialise(int shard, int applied) {
        List<Map.Entry<String, Object>> base = beforeShard(shard);
        java.util.Set<String> overridden = new java.util.HashSet<>();
        for (int i = 0; i < applied; i++) {
            if (shards[i] == shard) {
                overridden.add(encodedKeys[i]);
            }
        }
        List<Map.Entry<String, Object>> out = new ArrayList<>(base.size() + overridden.size() + 1);
        out.add(new SimpleImmutableEntry<>(OffsetCodec.VERSION_KEY, OffsetCodec.VERSION));
        out.add(new SimpleImmutableEntry<>(OffsetCodec.OBSERVED_AT_KEY, observedAtMs));
        for (Map.Entry<String, Object> entry : base) {
            if (!overridden.contains(entry.getKey())) {
                out.add(entry);
            }
        }
        for (int i = 0; i < applied; i++) {
            Change change = changes.get(i);
            if (shards[i] == shard && !change.isRemoval()) {
                out.add(new SimpleImmutableEntry<>(encodedKeys[i], OffsetCodec.encodeState(change.current())));
            }
        }
        return out;
    }

    int beforeSize() {
        return before.size();
    }

    /** Connect serialises offsets on its own threads, hence the lock around the shared lazy encoding. */
    private synchronized List<Map.Entry<String, Object>> beforeShard(int shard) {
        if (beforeByShard == null) {
            List<List<Map.Entry<String, Object>>> byShard = new ArrayList<>(OffsetCodec.SHARDS);
            for (int s = 0; s < OffsetCodec.SHARDS; s++) {
                byShard.add(new ArrayList<>());
            }
            before.forEach((key, state) -> {
                String encoded = OffsetCodec.encodeKey(key);
                byShard.get(OffsetCodec.shardOf(encoded))
                        .add(new SimpleImmutableEntry<>(encoded, OffsetCodec.encodeState(state)));
            });
            beforeByShard = byShard;
        }
        return beforeByShard.get(shard);
    }
}
