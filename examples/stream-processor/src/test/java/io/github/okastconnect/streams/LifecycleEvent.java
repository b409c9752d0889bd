package io.github.okastconnect.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds connector records (key and value JSON) the way the connector's JsonConverter writes them,
 * including the fields this application ignores, so tests exercise the real input shape.
 */
final class LifecycleEvent {

    private final ObjectMapper mapper = new ObjectMapper();
    private final String instance;
    private final String filePath;
    private final String requestTime;
    private String changeType = "NEW";
    private String status = "PENDING";
    private String statusError;
    private String previousStatus;
    private Long requestTimeMs = 1_666_102_800_000L;
    private Long lastStatusUpdateMs = 1_666_102_800_000L;
    private Long observedAtMs;

    private LifecycleEvent(String instance, String filePath, String requestTime) {
        this.instance = instance;
        this.filePath = filePath;
        this.requestTime = requestTime;
    }

    static LifecycleEvent entry(String instance, String filePath) {
        return new LifecycleEvent(instance, filePath, "2022-1018 14:20:00");
    }

    LifecycleEvent changeType(String value) {
        this.changeType = value;
        return this;
    }

    /** A status change on an entry already seen: changeType STATUS_CHANGED, previous status recorded. */
    LifecycleEvent changedTo(String value) {
        this.previousStatus = this.status;
        this.changeType = "STATUS_CHANGED";
        this.status = value;
        return this;
    }

    LifecycleEvent status(String value) {
        this.status = value;
        return this;
    }

    LifecycleEvent statusError(String value) {
        this.statusError = value;
        return this;
    }

    /** Sets request and last-update times so that request-to-DONE is exactly {@code durationMs}. */
    LifecycleEvent tookMs(long durationMs) {
        this.lastStatusUpdateMs = requestTimeMs + durationMs;
        return this;
    }

    LifecycleEvent requestTimeMs(Long value) {
        this.requestTimeMs = value;
        return this;
    }

    LifecycleEvent observedAt(long epochMs) {
        this.observedAtMs = epochMs;
        return this;
    }

    String key() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("instance", instance);
        key.put("filePath", filePath);
        key.put("requestTime", requestTime);
        key.put("occurrence", 0);
        return json(key);
    }

    String value() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("changeType", changeType);
        value.put("instance", instance);
        value.put("filePath", filePath);
        value.put("requestTime", requestTime);
        value.put("occurrence", 0);
        value.put("status", status);
        value.put("statusError", statusError);
        value.put("lastStatusUpdate", "2022-1018 14:20:02");
        value.put("previousStatus", previousStatus);
        value.put("previousLastStatusUpdate", null);
        value.put("requestTimeMs", requestTimeMs);
        value.put("lastStatusUpdateMs", lastStatusUpdateMs);
        value.put("previousLastStatusUpdateMs", null);
        value.put("metadataPath", null);
        value.put("destinationFolder", "/media/ingest");
        value.put("destinationFolderKind", "LOCAL");
        value.put("destinationFolderIndex", 0);
        value.put("destinationFolderIndexReplace", false);
        value.put("reschedule", false);
        value.put("validate", true);
        value.put("requestExtra", Map.of("channel", "news"));
        value.put("observedAtMs", observedAtMs);
        return json(value);
    }

    /** The same record as written with {@code schemas.enable=true}; the schema content is irrelevant here. */
    String envelopedKey() {
        return "{\"schema\":{\"type\":\"struct\",\"optional\":false},\"payload\":" + key() + "}";
    }

    String envelopedValue() {
        return "{\"schema\":{\"type\":\"struct\",\"optional\":true},\"payload\":" + value() + "}";
    }

    private String json(Map<String, Object> map) {
        try {
            return mapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
