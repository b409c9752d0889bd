package io.github.okastconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of a lifecycle topic as a downstream consumer reads it: key and value as the text the converters wrote,
 * with the connector's JSON (key {@code {"instance","filePath","requestTime","occurrence"}} and the flat value
 * struct) read on demand. The one event type of the tests, the system tests and the quickstart's console.
 *
 * @param keyText   the key as written (UTF-8), null when absent
 * @param valueText the value as written, null for a tombstone
 * @param headers   every header in order as {@code name=value} ({@code name=null} for a null value)
 * @param step      the scenario step during which the reader received it (-1 when not tracked)
 */
public record LifecycleEvent(
        String topic,
        int partition,
        long offset,
        long timestamp,
        String keyText,
        String valueText,
        List<String> headers,
        int step) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LifecycleEvent {
        headers = List.copyOf(headers);
    }

    /** A record read as text (StringDeserializer). */
    public static LifecycleEvent from(ConsumerRecord<String, String> record, int step) {
        return from(record, record.key(), record.value(), step);
    }

    /** A record of any type, with its key and value already turned into text. */
    public static LifecycleEvent from(ConsumerRecord<?, ?> record, String keyText, String valueText, int step) {
        List<String> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            headers.add(h.key() + "=" + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        return new LifecycleEvent(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                keyText,
                valueText,
                headers,
                step);
    }

    /** The key's JSON (the payload of a {@code {"schema","payload"}} envelope); null when there is no key. */
    public JsonNode key() {
        return payload(keyText, "key");
    }

    /** The value's JSON (the payload of an envelope); null for a tombstone. */
    public JsonNode value() {
        return payload(valueText, "value");
    }

    /** Whether key and value are the connector's JSON: what a console shows as an event, and not raw. */
    public boolean isReadable() {
        try {
            JsonNode key = key();
            JsonNode value = value();
            return key != null && key.isObject() && (value == null || value.isObject() || value.isNull());
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    public boolean isTombstone() {
        JsonNode value = value();
        return value == null || value.isNull();
    }

    /** NEW, STATUS_CHANGED, UPDATED or REMOVED; null for a tombstone. */
    public String changeType() {
        return text("changeType");
    }

    public boolean removesEntry() {
        return "REMOVED".equals(changeType());
    }

    /** The value's instance, else the key's (a tombstone has only the key). */
    public String instance() {
        String instance = text("instance");
        return instance != null ? instance : keyText("instance");
    }

    public String status() {
        return text("status");
    }

    public String previousStatus() {
        return text("previousStatus");
    }

    public String statusError() {
        return text("statusError");
    }

    public String lastStatusUpdate() {
        return text("lastStatusUpdate");
    }

    /** The value's filePath (or a nesting SMT's {@code request.filePath}), else the key's. */
    public String filePath() {
        String filePath = text("filePath");
        if (filePath == null && !isTombstone()) {
            filePath = nullableText(value().path("request").path("filePath"));
        }
        return filePath != null ? filePath : keyText("filePath");
    }

    public String requestTime() {
        String requestTime = text("requestTime");
        return requestTime != null ? requestTime : keyText("requestTime");
    }

    /** A value field as text, null when absent, JSON null, or for a tombstone. */
    public String text(String field) {
        return isTombstone() ? null : nullableText(value().path(field));
    }

    /** The first header of that name, null when there is none. */
    public String header(String name) {
        String prefix = name + "=";
        return headers.stream()
                .filter(h -> h.startsWith(prefix))
                .map(h -> h.substring(prefix.length()))
                .findFirst()
                .orElse(null);
    }

    /** instance | filePath | requestTime | occurrence, built from the record key. */
    public String entryKey() {
        JsonNode key = key();
        return Keys.entryKey(
                nullableText(key.path("instance")),
                nullableText(key.path("filePath")),
                nullableText(key.path("requestTime")),
                key.path("occurrence").asInt(-1));
    }

    /** What an exactly-once comparison counts: entry key + changeType + status + lastStatusUpdate. */
    public String identity() {
        return Keys.identity(entryKey(), changeType(), status(), lastStatusUpdate());
    }

    /** Which state of the entry this event delivered, whatever its changeType (see {@link Keys#state}). */
    public String stateIdentity() {
        return Keys.state(entryKey(), changeType(), status(), lastStatusUpdate());
    }

    @Override
    public String toString() {
        return topic + "[" + partition + "@" + offset + "] key=" + keyText + " headers=" + headers + " value="
                + valueText + (step >= 0 ? " (step " + step + ")" : "");
    }

    private String keyText(String field) {
        JsonNode key = key();
        return key == null ? null : nullableText(key.path(field));
    }

    private JsonNode payload(String text, String what) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && node.has("schema") && node.has("payload")
                    ? node.get("payload")
                    : node;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the " + what + " of " + topic + "-" + partition + "@" + offset + " is not JSON: " + text, e);
        }
    }

    private static String nullableText(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** The one place where the string forms of keys and identities are defined, for expected and seen events. */
    public static final class Keys {
        private Keys() {}

        public static String entryKey(String instance, String filePath, String requestTime, int occurrence) {
            return instance + " | " + (filePath == null ? "<no filePath>" : filePath) + " | " + requestTime + " | "
                    + occurrence;
        }

        public static String identity(String entryKey, String changeType, String status, String lastStatusUpdate) {
            return entryKey + " | " + changeType + " | " + status + " | " + lastStatusUpdate;
        }

        /**
         * An entry's state as delivered: status + lastStatusUpdate for NEW/STATUS_CHANGED/UPDATED (so a NEW that
         * an at-least-once restart emits in place of a STATUS_CHANGED still delivers the same state), and just
         * "REMOVED" for a removal (its status is whatever the restored state last knew).
         */
        public static String state(String entryKey, String changeType, String status, String lastStatusUpdate) {
            return "REMOVED".equals(changeType)
                    ? entryKey + " | REMOVED"
                    : entryKey + " | " + status + " | " + lastStatusUpdate;
        }
    }
}
