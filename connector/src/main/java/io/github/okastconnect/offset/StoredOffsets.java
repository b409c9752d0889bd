package io.github.okastconnect.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What Connect's offsets hold for one instance, as found when a task starts. */
public sealed interface StoredOffsets {

    /** Nothing stored: a first start, or offsets reset through Connect's offsets REST API. */
    record Empty() implements StoredOffsets {}

    /**
     * A marker (format 3).
     *
     * @param legacyShardsLeft whether format-2 shard offsets are still stored beside it (a migration whose clean-up
     *                         was not committed): they are ignored, and removed again
     */
    record Current(Marker marker, boolean legacyShardsLeft) implements StoredOffsets {}

    /** Format 2: the whole state in 32 shard offsets. The task migrates it to the state topic. */
    record Legacy(OffsetCodec.Stored stored) implements StoredOffsets {}

    /** An offset the connector cannot read; it is never taken for an empty state. */
    record Unreadable(String reason) implements StoredOffsets {}

    /** Every source partition an instance may have offsets under: its marker partition and its 32 format-2 shards. */
    static List<Map<String, Object>> partitions(String instanceId) {
        List<Map<String, Object>> out = new ArrayList<>(OffsetCodec.SHARDS + 1);
        out.add(Marker.partition(instanceId));
        out.addAll(OffsetCodec.partitions(instanceId));
        return out;
    }

    /** Every partition of every given instance, for one look-up. */
    static List<Map<String, Object>> partitions(List<String> instanceIds) {
        List<Map<String, Object>> out = new ArrayList<>();
        instanceIds.forEach(id -> out.addAll(partitions(id)));
        return out;
    }

    /** Classifies what is stored for an instance. */
    static StoredOffsets read(String instanceId, OffsetCodec.StoredOffsets reader) {
        boolean legacy = false;
        for (Map<String, Object> shard : OffsetCodec.partitions(instanceId)) {
            legacy |= reader.offset(shard) != null;
        }
        Map<String, ?> marker = reader.offset(Marker.partition(instanceId));
        if (marker != null) {
            try {
                return new Current(Marker.decode(marker), legacy);
            } catch (IllegalArgumentException e) {
                return new Unreadable("offset of partition " + Marker.partition(instanceId) + ": " + e.getMessage());
            }
        }
        if (!legacy) {
            return new Empty();
        }
        try {
            return new Legacy(OffsetCodec.restore(instanceId, reader));
        } catch (IllegalArgumentException e) {
            return new Unreadable("format-2 offsets, " + e.getMessage());
        }
    }
}
