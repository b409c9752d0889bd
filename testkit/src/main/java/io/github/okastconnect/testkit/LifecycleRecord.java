package io.github.okastconnect.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds one connector record (key and value JSON) the way the connector's JsonConverter writes it, with every
 * field, also those a downstream application ignores, so that its tests feed it the real input shape. The
 * writing side of {@link LifecycleEvent}.
 */
public final class LifecycleRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instance;
    private final String filePath;
    private final String requestTime;
    private String changeType = "NEW";
    private String status = "PENDING";
    private String statusError;
    private String previousStatus;
    private String lastStatusUpdate = "2022-1018 14:20:02";
    private Long requestTimeMs = 1_666_102_800_000L;
    private Long lastStatusUpdateMs = 1_666_102_800_000L;
    private Long observedAtMs;

    private LifecycleRecord(String instance, String filePath, String requestTime) {
        this.instance = instance;
        this.filePath = filePath;
        this.requestTime = requestTime;
    }

    /** A NEW, PENDING entry requested at "2022-1018 14:20:00". */
    public static LifecycleRecord entry(String instance, String filePath) {
        return entry(instance, filePath, "2022-1018 14:20:00");
    }

    public static LifecycleRecord entry(String instance, String filePath, String requestTime) {
        return new LifecycleRecord(instance, filePath, requestTime);
    }

    public LifecycleRecord changeType(String value) {
        this.changeType = value;
        return this;
    }

    /** A status change on an entry already seen: changeType STATUS_CHANGED, previous status recorded. */
    public LifecycleRecord changedTo(String value) {
        this.previousStatus = this.status;
        this.changeType = "STATUS_CHANGED";
        this.status = value;
        return this;
    }

    public LifecycleRecord status(String value) {
        this.status = value;
        return this;
    }

    public LifecycleRecord statusError(String value) {
        this.statusError = value;
        return this;
    }

    public LifecycleRecord previousStatus(String value) {
        this.previousStatus = value;
        return this;
    }

    /** The instance's own text form ("yyyy-MMdd HH:mm:ss"); null when the instance gave none. */
    public LifecycleRecord lastStatusUpdate(String value) {
        this.lastStatusUpdate = value;
        return this;
    }

    /** Sets request and last-update times so that request-to-DONE is exactly {@code durationMs}. */
    public LifecycleRecord tookMs(long durationMs) {
        this.lastStatusUpdateMs = requestTimeMs + durationMs;
        return this;
    }

    public LifecycleRecord requestTimeMs(Long value) {
        this.requestTimeMs = value;
        return this;
    }

    public LifecycleRecord lastStatusUpdateMs(Long value) {
        this.lastStatusUpdateMs = value;
        return this;
    }

    public LifecycleRecord observedAt(long epochMs) {
        this.observedAtMs = epochMs;
        return this;
    }

    public String key() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("instance", instance);
        key.put("filePath", filePath);
        key.put("requestTime", requestTime);
        key.put("occurrence", 0);
        return json(key);
    }

    public String value() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("changeType", changeType);
        value.put("instance", instance);
        value.put("filePath", filePath);
        value.put("requestTime", requestTime);
        value.put("occurrence", 0);
        value.put("status", status);
        value.put("statusError", statusError);
        value.put("lastStatusUpdate", lastStatusUpdate);
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
    public String envelopedKey() {
        return "{\"schema\":{\"type\":\"struct\",\"optional\":false},\"payload\":" + key() + "}";
    }

    public String envelopedValue() {
        return "{\"schema\":{\"type\":\"struct\",\"optional\":true},\"payload\":" + value() + "}";
    }

    private static String json(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
