package io.github.okastconnect.offset;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The source partition {@code {"instance": id, "shard": n}} as an immutable map that is equal to, hashes like and
 * iterates in the same order as a {@link HashMap} holding the same two entries (so it serialises to the same stored
 * key), but caches its hash and compares with its own kind field by field.
 *
 * <p>Why: between offset flushes the Connect worker keeps the offsets of every partition written since the last
 * flush in a HashMap that it copies on every pass of the task's loop ({@code SubmittedRecords.CommittableOffsets}).
 * Two-entry maps whose values differ in a few low bits hash badly (100 instances × 32 shards give ~400 distinct
 * hashes for 3,200 partitions), so each copy recomputed every hash and compared colliding maps entry by entry:
 * 1.35 ms per pass at 3,200 partitions, 6.7 ms at 16,000, measured. This map makes that copy ~3 × cheaper.
 */
public final class SourcePartition extends AbstractMap<String, Object> {
    /** The order a HashMap iterates these two keys in, on this JVM: the stored keys were written in it. */
    private static final boolean INSTANCE_FIRST = hashMapOrder().get(0).equals(OffsetCodec.PARTITION_KEY);

    private final String instanceId;
    private final Integer shard;
    private final int hash;

    public SourcePartition(String instanceId, int shard) {
        this.instanceId = java.util.Objects.requireNonNull(instanceId, "instanceId");
        this.shard = shard;
        // Map.hashCode's definition: the sum of (key hash XOR value hash) over the entries.
        this.hash = (OffsetCodec.PARTITION_KEY.hashCode() ^ instanceId.hashCode())
                + (OffsetCodec.SHARD_KEY.hashCode() ^ this.shard.hashCode());
    }

    private static List<String> hashMapOrder() {
        Map<String, Object> template = new HashMap<>();
        template.put(OffsetCodec.PARTITION_KEY, "");
        template.put(OffsetCodec.SHARD_KEY, 0);
        return List.copyOf(template.keySet());
    }

    public int shard() {
        return shard;
    }

    @Override
    public int size() {
        return 2;
    }

    @Override
    public Object get(Object key) {
        if (OffsetCodec.PARTITION_KEY.equals(key)) {
            return instanceId;
        }
        return OffsetCodec.SHARD_KEY.equals(key) ? shard : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return OffsetCodec.PARTITION_KEY.equals(key) || OffsetCodec.SHARD_KEY.equals(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < 2;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= 2) {
                            throw new NoSuchElementException();
                        }
                        boolean instance = (next++ == 0) == INSTANCE_FIRST;
                        return instance
                                ? new SimpleImmutableEntry<>(OffsetCodec.PARTITION_KEY, instanceId)
                                : new SimpleImmutableEntry<>(OffsetCodec.SHARD_KEY, shard);
                    }
                };
            }

            @Override
            public int size() {
                return 2;
            }
        };
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof SourcePartition that) {
            return hash == that.hash && shard.equals(that.shard) && instanceId.equals(that.instanceId);
        }
        return super.equals(other);
    }
}
