package io.github.okastconnect.mapper;

import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.Change;
import io.github.okastconnect.detect.ChangeType;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.parser.IngestEntry;
import io.github.okastconnect.parser.TimestampParser;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns the changes of one poll of one instance into source records, each carrying the poll's marker offset. The Kafka timestamp is the observation time: endpoint timestamps are
 * zone-less and may be years old, which would make brokers expire the records at once.
 */
public final class RecordMapper {
    public static final String HEADER_CHANGE_TYPE = "okast.change.type";
    public static final String HEADER_INSTANCE = "okast.instance";
    /**
     * Marker headers whose name carries the value ({@code okast.change.STATUS_CHANGED}, {@code okast.status.ERRORED}):
     * Kafka's stock {@code HasHeaderKey} predicate matches header names only, so these let users filter and route by
     * change type or status with stock SMTs (see docs/recipes.md).
     */
    public static final String HEADER_CHANGE_PREFIX = "okast.change.";

    public static final String HEADER_STATUS_PREFIX = "okast.status.";
    /**
     * The entry's key and state in the offsets' text encoding, for the read-back after a crash
     * (recovery.bootstrap.servers) and on state records: the only part of a record it can decode without knowing the
     * worker's converters.
     */
    public static final String HEADER_KEY = "okast.key";

    public static final String HEADER_STATE = "okast.state";

    private final String topic;
    private final TimestampParser timestamps;
    private final RemovalMode removalMode;
    private final boolean readBackHeaders;
    private final Set<ChangeType> emitted;

    public RecordMapper(String topic, TimestampParser timestamps, RemovalMode removalMode) {
        this(topic, timestamps, removalMode, false, EnumSet.allOf(ChangeType.class));
    }

    /**
     * @param readBackHeaders whether records carry {@value #HEADER_KEY} and {@value #HEADER_STATE}
     * @param emitted         the change types that get records (emit.change.types); the others get none
     */
    public RecordMapper(
            String topic,
            TimestampParser timestamps,
            RemovalMode removalMode,
            boolean readBackHeaders,
            Set<ChangeType> emitted) {
        this.topic = topic;
        this.timestamps = timestamps;
        this.removalMode = removalMode;
        this.readBackHeaders = readBackHeaders;
        this.emitted = EnumSet.copyOf(emitted);
    }

    /**
     * Appends the records of one change: its event, and with {@code event_and_tombstone} the tombstone after a
     * {@code REMOVED} event; nothing for a removal with {@code removal.mode=none} nor for a change of a type not
     * emitted.
     *
     * @param partition    the source partition every record of the poll carries
     * @param offset       the source offset every record of the poll carries
     * @param observedAtMs when the response was received
     * @return whether an event was appended
     */
    public boolean map(
            String instance,
            Change change,
            long observedAtMs,
            Map<String, Object> partition,
            Map<String, Object> offset,
            List<SourceRecord> out) {
        if (!emitted.contains(change.type()) || (change.isRemoval() && removalMode == RemovalMode.NONE)) {
            return false;
        }
        Struct key = key(instance, change);
        out.add(record(partition, offset, key, value(instance, change, observedAtMs), change, observedAtMs));
        if (change.isRemoval() && removalMode == RemovalMode.EVENT_AND_TOMBSTONE) {
            out.add(record(partition, offset, key, null, change, observedAtMs));
        }
        return true;
    }

    private SourceRecord record(
            Map<String, Object> partition,
            Map<String, Object> offset,
            Struct key,
            Struct value,
            Change change,
            long observedAtMs) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_CHANGE_TYPE, change.type().name());
        headers.addString(HEADER_INSTANCE, key.getString("instance"));
        headers.addString(
                HEADER_CHANGE_PREFIX + change.type().name(), change.type().name());
        if (change.current().status() != null) {
            headers.addString(
                    HEADER_STATUS_PREFIX + change.current().status(),
                    change.current().status());
        }
        if (readBackHeaders) {
            headers.addString(HEADER_KEY, OffsetCodec.encodeKey(change.key()));
            headers.addString(HEADER_STATE, OffsetCodec.encodeState(change.current()));
        }
        return new OkastSourceRecord(
                partition,
                offset,
                topic,
                null,
                EventSchemas.KEY,
                key,
                value == null ? null : EventSchemas.VALUE,
                value,
                observedAtMs,
                headers);
    }

    private static Struct key(String instance, Change change) {
        return new Struct(EventSchemas.KEY)
                .put("instance", instance)
                .put("filePath", change.key().filePath())
                .put("requestTime", change.key().requestTime())
                .put("occurrence", change.key().occurrence());
    }

    private Struct value(String instance, Change change, long observedAtMs) {
        EntryState current = change.current();
        EntryState previous = change.isRemoval() ? null : change.previous();
        Struct value = new Struct(EventSchemas.VALUE)
                .put("changeType", change.type().name())
                .put("instance", instance)
                .put("filePath", change.key().filePath())
                .put("requestTime", change.key().requestTime())
                .put("occurrence", change.key().occurrence())
                .put("status", current.status())
                .put("lastStatusUpdate", current.lastStatusUpdate())
                .put("previousStatus", previous == null ? null : previous.status())
                .put("previousLastStatusUpdate", previous == null ? null : previous.lastStatusUpdate())
                .put("requestTimeMs", date(timestamps.toEpochMillis(change.key().requestTime())))
                .put("lastStatusUpdateMs", date(timestamps.toEpochMillis(current.lastStatusUpdate())))
                .put(
                        "previousLastStatusUpdateMs",
                        date(previous == null ? null : timestamps.toEpochMillis(previous.lastStatusUpdate())))
                .put("observedAtMs", new Date(observedAtMs));
        IngestEntry entry = change.entry();
        if (entry != null) {
            value.put("statusError", entry.statusError());
            Map<String, String> extra = new LinkedHashMap<>();
            entry.request().forEach((field, raw) -> {
                if (EventSchemas.KNOWN_REQUEST_FIELDS.contains(field)) {
                    value.put(field, raw);
                } else if (!field.equals("filePath")) {
                    extra.put(field, raw);
                }
            });
            value.put("requestExtra", extra.isEmpty() ? null : extra);
        }
        return value;
    }

    private static Date date(Long epochMillis) {
        return epochMillis == null ? null : new Date(epochMillis);
    }
}
