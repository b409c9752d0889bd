package io.github.okastconnect.state;

import io.github.okastconnect.mapper.OkastSourceRecord;
import io.github.okastconnect.mapper.RecordMapper;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records of the state topic, written by the task like its events (same producer, same transaction).
 *
 * <p>Key: {@code <instance>/<encoded entry key>} (a string), so compaction keeps one record per entry. Value: a small
 * struct with the entry's {@code status} and {@code lastStatusUpdate} for people looking at the topic, or null (a
 * tombstone) when the entry left the state. What the task reads back is in the headers only, which every header
 * converter writes as text: the key and value go through the worker's converters, which the task does not know.
 */
public final class StateRecords {
    /** {@code <format>:<epoch>:<seq>:<acked>}. */
    public static final String HEADER_MARK = "okast.mark";
    /** The entry's state as of poll {@code acked}; absent when the entry was absent then. */
    public static final String HEADER_BASE = "okast.base";

    static final int FORMAT = 1;
    static final Schema VALUE = SchemaBuilder.struct()
            .name("io.github.okastconnect.EntryState")
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("lastStatusUpdate", Schema.OPTIONAL_STRING_SCHEMA)
            .optional()
            .build();

    private final StateTopic topic;

    public StateRecords(StateTopic topic) {
        this.topic = topic;
    }

    public StateTopic topic() {
        return topic;
    }

    /**
     * The state record of one entry.
     *
     * @param encodedState the entry's state now, or null when it left the state (a tombstone)
     * @param encodedBase  its state as of poll {@code acked}, or null when absent then
     */
    public SourceRecord record(
            String instance,
            String encodedKey,
            String encodedState,
            String encodedBase,
            long epoch,
            long seq,
            long acked,
            Map<String, Object> partition,
            Map<String, Object> offset,
            long timestampMs) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordMapper.HEADER_INSTANCE, instance);
        headers.addString(RecordMapper.HEADER_KEY, HeaderEscape.escape(encodedKey));
        if (encodedState != null) {
            headers.addString(RecordMapper.HEADER_STATE, HeaderEscape.escape(encodedState));
        }
        headers.addString(HEADER_MARK, FORMAT + ":" + epoch + ":" + seq + ":" + acked);
        if (encodedBase != null) {
            headers.addString(HEADER_BASE, HeaderEscape.escape(encodedBase));
        }
        Struct value = encodedState == null ? null : value(encodedState);
        return toTopic(instance, encodedKey, value, partition, offset, timestampMs, headers);
    }

    /**
     * A tombstone under the instance's bare key prefix ({@code <instance>/}, which no entry uses) whose only purpose
     * is to carry a source partition and offset, e.g. a null offset that removes a format-2 shard.
     */
    public SourceRecord marker(
            String instance, Map<String, Object> partition, Map<String, Object> offset, long timestampMs) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordMapper.HEADER_INSTANCE, instance);
        return toTopic(instance, "", null, partition, offset, timestampMs, headers);
    }

    /** A record of the state topic, in the instance's partition, keyed {@code <instance>/<encodedKey>}. */
    private SourceRecord toTopic(
            String instance,
            String encodedKey,
            Struct value,
            Map<String, Object> partition,
            Map<String, Object> offset,
            long timestampMs,
            ConnectHeaders headers) {
        return new OkastSourceRecord(
                partition,
                offset,
                topic.name(),
                topic.partitionOf(instance),
                Schema.STRING_SCHEMA,
                instance + "/" + encodedKey,
                value == null ? null : VALUE,
                value,
                timestampMs,
                headers);
    }

    private static Struct value(String encodedState) {
        io.github.okastconnect.detect.EntryState state =
                io.github.okastconnect.offset.OffsetCodec.decodeState(encodedState);
        return new Struct(VALUE).put("status", state.status()).put("lastStatusUpdate", state.lastStatusUpdate());
    }

    /** A record read back from the state topic, or empty when its headers are not those of a state record. */
    public static Optional<StateEntry> decode(Headers headers) {
        String instance = text(headers, RecordMapper.HEADER_INSTANCE);
        String key = text(headers, RecordMapper.HEADER_KEY);
        String mark = text(headers, HEADER_MARK);
        if (instance == null || key == null || mark == null) {
            return Optional.empty();
        }
        String[] parts = mark.split(":");
        if (parts.length != 4 || !parts[0].equals(Integer.toString(FORMAT))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StateEntry(
                    instance,
                    HeaderEscape.unescape(key),
                    HeaderEscape.unescape(text(headers, RecordMapper.HEADER_STATE)),
                    Long.parseLong(parts[1]),
                    Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]),
                    HeaderEscape.unescape(text(headers, HEADER_BASE))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(Headers headers, String name) {
        Header last = headers.lastHeader(name);
        return last == null ? null : HeaderText.decode(last.value());
    }
}
