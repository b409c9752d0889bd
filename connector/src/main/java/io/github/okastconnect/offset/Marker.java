package io.github.okastconnect.offset;

import java.util.HashMap;
import java.util.Map;

/**
 * What Connect's source offsets hold per instance since format 3: a few numbers, never the state itself (the state
 * lives in the state topic, one record per entry). Source partition {@code {"instance": id}}; offset
 * {@code {"v": 3, "e": epoch, "s": seq, "t": observedAtMs}}.
 *
 * @param epoch        the instance's state generation: a reset of its offsets starts a new one, and state records
 *                     of any other epoch are ignored
 * @param seq          the sequence number of the last poll whose records this offset covers (polls that emit are
 *                     numbered 1, 2, … within an epoch)
 * @param observedAtMs when that poll's response was received (its records' Kafka timestamp): where a read-back of
 *                     the output topic starts
 */
public record Marker(long epoch, long seq, long observedAtMs) {
    public static final int VERSION = 3;
    static final String EPOCH_KEY = "e";
    static final String SEQ_KEY = "s";

    /** The source partition of an instance's markers. A HashMap: Connect rebuilds stored partitions as HashMaps. */
    public static Map<String, Object> partition(String instanceId) {
        Map<String, Object> partition = new HashMap<>(2);
        partition.put(OffsetCodec.PARTITION_KEY, instanceId);
        return partition;
    }

    /** Whether a source partition is a marker partition ({@code {"instance": <string>}}). */
    public static boolean isMarkerPartition(Map<String, ?> partition) {
        return partition != null && partition.size() == 1 && partition.get(OffsetCodec.PARTITION_KEY) instanceof String;
    }

    public Map<String, Object> toOffset() {
        Map<String, Object> offset = new HashMap<>(8);
        offset.put(OffsetCodec.VERSION_KEY, VERSION);
        offset.put(EPOCH_KEY, epoch);
        offset.put(SEQ_KEY, seq);
        offset.put(OffsetCodec.OBSERVED_AT_KEY, observedAtMs);
        return offset;
    }

    /**
     * Reads a marker offset.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Marker decode(Map<String, ?> offset) {
        Object version = offset.get(OffsetCodec.VERSION_KEY);
        if (!(version instanceof Number v) || v.intValue() != VERSION) {
            throw new IllegalArgumentException(
                    "offset field '" + OffsetCodec.VERSION_KEY + "' must be " + VERSION + " but is " + version);
        }
        for (String key : offset.keySet()) {
            if (!key.equals(OffsetCodec.VERSION_KEY)
                    && !key.equals(EPOCH_KEY)
                    && !key.equals(SEQ_KEY)
                    && !key.equals(OffsetCodec.OBSERVED_AT_KEY)) {
                throw new IllegalArgumentException("unknown offset field '" + key + "'");
            }
        }
        return new Marker(whole(offset, EPOCH_KEY), whole(offset, SEQ_KEY), whole(offset, OffsetCodec.OBSERVED_AT_KEY));
    }

    /** The sequence number this offset carries, or -1 when it is not a marker (a record of another kind). */
    public static long seqOf(Map<String, ?> offset) {
        return offset != null && offset.get(SEQ_KEY) instanceof Number n ? n.longValue() : -1;
    }

    private static long whole(Map<String, ?> offset, String key) {
        Object value = offset.get(key);
        if (!(value instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < 0) {
            throw new IllegalArgumentException(
                    "offset field '" + key + "' must be a whole number >= 0 but is " + value);
        }
        return n.longValue();
    }
}
