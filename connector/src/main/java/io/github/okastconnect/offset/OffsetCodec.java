package io.github.okastconnect.offset;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.detect.InstanceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text encoding of entry keys and states (in state records and read-back headers), and format 2 of Connect's
 * offsets, which kept the state itself: a task still reads it once to migrate to the state topic (format 3,
 * {@link Marker}), then removes it.
 *
 * <p>In format 2 an instance is split over {@value #SHARDS} source partitions ({@code {"instance": id, "shard": 0..31}}); an
 * entry always lives in the shard given by its key ({@link #shardOf}). Each shard's offset is a flat map with one
 * field per live entry of that shard, key → last emitted state, plus a format version. Connect keeps only the
 * latest offset per partition, so the stored state is exactly the live queue: released entries are simply absent
 * from the next offset of their shard.
 *
 * <p>Why shards: an offset is one Kafka record, and the producer refuses records over {@code max.request.size}
 * (1 MB by default). One partition per instance capped an instance at about 7,600 live entries; 32 shards raise
 * that to about 240,000, and an event then carries (and a flush serialises) only the state of its own shard.
 *
 * <p>Example shard offset: {@code {"v": 2, "18:2022-1018 14:20:0063:https://…/a.mp4#0": "4:DONE18:2022-1018 14:20:02"}}.
 */
public final class OffsetCodec {
    public static final String PARTITION_KEY = "instance";
    public static final String SHARD_KEY = "shard";
    public static final String VERSION_KEY = "v";
    /**
     * When the poll whose record carried this offset was observed (epoch ms; also that record's Kafka timestamp):
     * where a read-back of the output topic must start to see everything written after this offset.
     */
    public static final String OBSERVED_AT_KEY = "t";

    public static final int VERSION = 2;
    /** Fixed: changing it would move entries between partitions that are stored independently. */
    public static final int SHARDS = 32;

    private OffsetCodec() {}

    /**
     * Iterates like a HashMap on purpose: Connect looks stored offsets up by the partition's serialised JSON, and
     * when it reads partitions back (the offsets REST API) it rebuilds them as HashMaps. {@code Map.of} iterates in
     * an order that changes from one JVM to the next, which would serialise the same partition to different keys.
     */
    public static Map<String, Object> partition(String instanceId, int shard) {
        return new SourcePartition(instanceId, shard);
    }

    /** Every source partition of an instance. */
    public static List<Map<String, Object>> partitions(String instanceId) {
        List<Map<String, Object>> out = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            out.add(partition(instanceId, shard));
        }
        return out;
    }

    /**
     * The shard of an entry: derived from its stored key text with {@link String#hashCode()}, whose value the Java
     * language specification fixes, so every version of the connector puts an entry in the same shard. The hash's
     * low bits alone spread keys that differ in a few digits badly (31 is -1 modulo 32), hence murmur3's finaliser.
     */
    public static int shardOf(String encodedKey) {
        int h = encodedKey.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, SHARDS);
    }

    public static String encodeKey(EntryKey key) {
        StringBuilder out = new StringBuilder(32 + length(key.filePath()) + length(key.requestTime()));
        LengthPrefixed.append(out, key.requestTime());
        LengthPrefixed.append(out, key.filePath());
        return out.append('#').append(key.occurrence()).toString();
    }

    public static String encodeState(EntryState state) {
        StringBuilder out = new StringBuilder(8 + length(state.status()) + length(state.lastStatusUpdate()));
        LengthPrefixed.append(out, state.status());
        LengthPrefixed.append(out, state.lastStatusUpdate());
        return out.toString();
    }

    public static EntryKey decodeKey(String encoded) {
        LengthPrefixed.Reader reader = new LengthPrefixed.Reader(encoded);
        String requestTime = reader.next();
        String filePath = reader.next();
        String rest = reader.rest();
        if (!rest.startsWith("#") || rest.length() < 2) {
            throw new IllegalArgumentException("missing '#<occurrence>' suffix");
        }
        int occurrence;
        try {
            occurrence = Integer.parseInt(rest.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("occurrence is not a number");
        }
        if (occurrence < 0) {
            throw new IllegalArgumentException("occurrence is negative");
        }
        return new EntryKey(filePath, requestTime, occurrence);
    }

    public static EntryState decodeState(String encoded) {
        LengthPrefixed.Reader reader = new LengthPrefixed.Reader(encoded);
        EntryState state = new EntryState(reader.next(), reader.next());
        if (!reader.atEnd()) {
            throw new IllegalArgumentException("unexpected text after the state");
        }
        return state;
    }

    /**
     * The shard number of a partition, validated.
     *
     * @throws IllegalArgumentException when the partition is not {@code {"instance": <string>, "shard": 0..31}}
     */
    public static int shardOfPartition(Map<String, ?> partition) {
        Object instance = partition == null ? null : partition.get(PARTITION_KEY);
        Object shard = partition == null ? null : partition.get(SHARD_KEY);
        if (partition == null
                || partition.size() != 2
                || !(instance instanceof String)
                || !(shard instanceof Number n)
                || n.doubleValue() != n.intValue()
                || n.intValue() < 0
                || n.intValue() >= SHARDS) {
            throw new IllegalArgumentException("a source partition must be {\"" + PARTITION_KEY
                    + "\": \"<instance id>\", \"" + SHARD_KEY + "\": 0.." + (SHARDS - 1) + "} but is " + partition);
        }
        return n.intValue();
    }

    /**
     * The entries stored in one shard's offset. A null offset (never stored, or reset through the offsets API)
     * holds none.
     *
     * @throws IllegalArgumentException naming the first malformed field, or an entry stored in the wrong shard
     */
    public static Map<EntryKey, EntryState> decodeShard(Map<String, ?> offset, int shard) {
        if (offset == null) {
            return Map.of();
        }
        Object version = offset.get(VERSION_KEY);
        if (!(version instanceof Number n) || n.intValue() != VERSION) {
            throw new IllegalArgumentException(
                    "offset field '" + VERSION_KEY + "' must be " + VERSION + " but is " + version);
        }
        Map<EntryKey, EntryState> entries = new HashMap<>(offset.size() * 2);
        for (Map.Entry<String, ?> field : offset.entrySet()) {
            if (field.getKey().equals(VERSION_KEY)) {
                continue;
            }
            if (field.getKey().equals(OBSERVED_AT_KEY)) {
                if (!(field.getValue() instanceof Number)) {
                    throw new IllegalArgumentException("offset field '" + OBSERVED_AT_KEY + "' must be a number");
                }
                continue;
            }
            if (!(field.getValue() instanceof String value)) {
                throw new IllegalArgumentException("offset field '" + field.getKey() + "' must be a string");
            }
            if (shardOf(field.getKey()) != shard) {
                throw new IllegalArgumentException("offset field '" + field.getKey() + "' belongs to shard "
                        + shardOf(field.getKey()) + ", not " + shard);
            }
            try {
                entries.put(decodeKey(field.getKey()), decodeState(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "offset field '" + field.getKey() + "' is malformed: " + e.getMessage());
            }
        }
        return entries;
    }

    /** Reads stored offsets: the offset of a source partition, or null when none is stored. */
    @FunctionalInterface
    public interface StoredOffsets {
        Map<String, ?> offset(Map<String, Object> partition);
    }

    /**
     * An instance's stored state: the union of its shards, and when the oldest of those shard offsets was observed
     * (null when no shard offset says: nothing stored, or offsets altered without the field).
     */
    public record Stored(Map<EntryKey, EntryState> entries, Long oldestObservedAtMs) {
        public InstanceState state() {
            return InstanceState.of(entries);
        }
    }

    /**
     * Reads an instance's state back from its shards.
     *
     * @throws IllegalArgumentException naming the shard and the first malformed field
     */
    public static Stored restore(String instanceId, StoredOffsets stored) {
        Map<EntryKey, EntryState> entries = new HashMap<>();
        Long oldest = null;
        for (int shard = 0; shard < SHARDS; shard++) {
            Map<String, ?> offset = stored.offset(partition(instanceId, shard));
            try {
                entries.putAll(decodeShard(offset, shard));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("shard " + shard + ": " + e.getMessage());
            }
            if (offset != null
                    && offset.get(OBSERVED_AT_KEY) instanceof Number t
                    && (oldest == null || t.longValue() < oldest)) {
                oldest = t.longValue();
            }
        }
        return new Stored(entries, oldest);
    }

    private static int length(String s) {
        return s == null ? 1 : s.length() + 6;
    }
}
