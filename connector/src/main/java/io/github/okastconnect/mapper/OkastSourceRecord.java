package io.github.okastconnect.mapper;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The source records the task emits (events and state records): a {@link SourceRecord} whose hash code reads only
 * its topic, partition and key's values, computed once.
 *
 * <p>Why: under exactly-once, Connect's task keeps every record it sends in a hash map until the transaction commits,
 * and {@link SourceRecord#hashCode()} hashes all of it, the value's whole struct, its schemas and the headers
 * included: measured in a worker, that was about a quarter of the producer thread's time per poll. Records that are
 * equal have equal topics, partitions and keys, so this hash code agrees with the inherited {@code equals}, which
 * is unchanged (and only runs when two hash codes meet).
 */
public final class OkastSourceRecord extends SourceRecord {
    /** 0 until computed (as in String: a hash that is 0 is computed every time, which is harmless). */
    private int hash;

    public OkastSourceRecord(
            Map<String, ?> sourcePartition,
            Map<String, ?> sourceOffset,
            String topic,
            Integer partition,
            Schema keySchema,
            Object key,
            Schema valueSchema,
            Object value,
            Long timestamp,
            Iterable<Header> headers) {
        super(sourcePartition, sourceOffset, topic, partition, keySchema, key, valueSchema, value, timestamp, headers);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            // One int, written once with a deterministic value: the producer thread may read it racily.
            h = Objects.hash(topic(), kafkaPartition(), keyHash(key()));
            hash = h;
        }
        return h;
    }

    /** A struct key's field values, without its schema (which every record of a topic shares). */
    private static int keyHash(Object key) {
        if (!(key instanceof Struct struct)) {
            return Objects.hashCode(key);
        }
        int h = 1;
        for (Field field : struct.schema().fields()) {
            h = 31 * h + keyHash(struct.get(field));
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o); // unchanged: every field, as SourceRecord compares them
    }
}
