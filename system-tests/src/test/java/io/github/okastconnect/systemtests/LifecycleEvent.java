package io.github.okastconnect.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of the lifecycle topic as a consumer reads it with the JsonConverter (schemas off): the key
 * {@code {"instance","filePath","requestTime","occurrence"}} and the flat value struct.
 *
 * @param timestamp the record's timestamp (the producer's CreateTime: when the worker wrote it)
 * @param step the scenario step during which the test's consumer received it (-1 when not tracked)
 */
record LifecycleEvent(
        JsonNode key,
        JsonNode value,
        Map<String, String> headers,
        int partition,
        long offset,
        long timestamp,
        int step) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static LifecycleEvent from(ConsumerRecord<String, String> record, int step) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        try {
            JsonNode key = JSON.readTree(record.key());
            JsonNode value = record.value() == null ? JSON.nullNode() : JSON.readTree(record.value());
            return new LifecycleEvent(
                    key,
                    value,
                    Map.copyOf(headersWithoutNulls(headers)),
                    record.partition(),
                    record.offset(),
                    record.timestamp(),
                    step);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "unreadable record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + ": key=" + record.key() + " value=" + record.value(),
                    e);
        }
    }

    private static Map<String, String> headersWithoutNulls(Map<String, String> headers) {
        headers.values().removeIf(v -> v == null);
        return headers;
    }

    String instance() {
        return key.path("instance").asText();
    }

    String changeType() {
        return text("changeType");
    }

    String status() {
        return text("status");
    }

    String lastStatusUpdate() {
        return text("lastStatusUpdate");
    }

    /** A value field as text, null when absent or JSON null. */
    String text(String field) {
        JsonNode node = value.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    boolean isTombstone() {
        return value.isNull();
    }

    /** instance | filePath | requestTime | occurrence, built from the record key. */
    String entryKey() {
        return Keys.entryKey(
                instance(),
                nullableText(key.path("filePath")),
                nullableText(key.path("requestTime")),
                key.path("occurrence").asInt(-1));
    }

    /** What the exactly-once comparison counts: entry key + changeType + status + lastStatusUpdate. */
    String identity() {
        return Keys.identity(entryKey(), changeType(), status(), lastStatusUpdate());
    }

    /** Which state of the entry this event delivered, whatever its changeType (see {@link Keys#state}). */
    String stateIdentity() {
        return Keys.state(entryKey(), changeType(), status(), lastStatusUpdate());
    }

    @Override
    public String toString() {
        return identity() + " @" + partition + ":" + offset + (step >= 0 ? " (step " + step + ")" : "");
    }

    private static String nullableText(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** The one place where the string forms of keys and identities are defined, for expected and seen events. */
    static final class Keys {
        private Keys() {}

        static String entryKey(String instance, String filePath, String requestTime, int occurrence) {
            return instance + " | " + (filePath == null ? "<no filePath>" : filePath) + " | " + requestTime + " | "
                    + occurrence;
        }

        static String identity(String entryKey, String changeType, String status, String lastStatusUpdate) {
            return entryKey + " | " + changeType + " | " + status + " | " + lastStatusUpdate;
        }

        /**
         * An entry's state as delivered: status + lastStatusUpdate for NEW/STATUS_CHANGED/UPDATED (so a NEW that
         * an at-least-once restart emits in place of a STATUS_CHANGED still delivers the same state), and just
         * "REMOVED" for a removal (its status is whatever the restored state last knew).
         */
        static String state(String entryKey, String changeType, String status, String lastStatusUpdate) {
            return "REMOVED".equals(changeType)
                    ? entryKey + " | REMOVED"
                    : entryKey + " | " + status + " | " + lastStatusUpdate;
        }
    }
}
