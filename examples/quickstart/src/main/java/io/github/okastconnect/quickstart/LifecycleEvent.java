package io.github.okastconnect.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The fields of a connector lifecycle record that the console shows.
 *
 * @param entryKey     the record key as sent (instance, filePath, requestTime, occurrence): one Okast queue entry
 * @param changeType   NEW, STATUS_CHANGED, UPDATED or REMOVED; null for a tombstone
 * @param timestampMs  the Kafka record timestamp
 */
public record LifecycleEvent(
        String entryKey,
        String instance,
        String changeType,
        String previousStatus,
        String status,
        String statusError,
        String filePath,
        String requestTime,
        long timestampMs) {

    public boolean isTombstone() {
        return changeType == null;
    }

    public boolean removesEntry() {
        return "REMOVED".equals(changeType);
    }

    /**
     * Reads a JsonConverter record, plain or in the {@code {"schema":..,"payload":..}} envelope. Never throws: a
     * record of another shape yields empty (the caller shows it raw): the console must survive whatever it reads.
     */
    public static Optional<LifecycleEvent> parse(ObjectMapper json, String key, String value, long timestampMs) {
        JsonNode keyNode = unwrap(read(json, key));
        JsonNode v = unwrap(read(json, value));
        if (value == null || (v != null && v.isNull())) {
            // a tombstone: Kafka compaction's way to forget an entry after its REMOVED event
            return Optional.of(new LifecycleEvent(
                    key,
                    text(keyNode, "instance"),
                    null,
                    null,
                    null,
                    null,
                    text(keyNode, "filePath"),
                    text(keyNode, "requestTime"),
                    timestampMs));
        }
        if (v == null || !v.isObject()) {
            return Optional.empty();
        }
        String instance = Optional.ofNullable(text(v, "instance")).orElse(text(keyNode, "instance"));
        String filePath = Optional.ofNullable(text(v, "filePath")).orElse(text(v.path("request"), "filePath"));
        return Optional.of(new LifecycleEvent(
                key,
                instance,
                text(v, "changeType"),
                text(v, "previousStatus"),
                text(v, "status"),
                text(v, "statusError"),
                filePath,
                text(v, "requestTime"),
                timestampMs));
    }

    private static JsonNode read(ObjectMapper json, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode unwrap(JsonNode node) {
        return node != null && node.isObject() && node.has("payload") && node.has("schema")
                ? node.get("payload")
                : node;
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode f = node.get(field);
        return f == null || f.isNull() ? null : f.asText();
    }
}
