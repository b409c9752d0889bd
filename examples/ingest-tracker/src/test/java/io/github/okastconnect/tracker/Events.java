package io.github.okastconnect.tracker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Connector records (key and value JSON, schemas off) for one entry, as the connector's JsonConverter writes them. */
final class Events {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String instance;
    final String filePath;
    final String requestTime;
    final long requestTimeMs;
    private String status;

    Events(String instance, String filePath, String requestTime, long requestTimeMs) {
        this.instance = instance;
        this.filePath = filePath;
        this.requestTime = requestTime;
        this.requestTimeMs = requestTimeMs;
    }

    String key() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("instance", instance);
        key.put("filePath", filePath);
        key.put("requestTime", requestTime);
        key.put("occurrence", 0);
        return json(key);
    }

    String newEvent(String newStatus, long observedAtMs) {
        return value("NEW", newStatus, null, observedAtMs);
    }

    String changedTo(String newStatus, long observedAtMs) {
        return value("STATUS_CHANGED", newStatus, null, observedAtMs);
    }

    String erroredWith(String statusError, long observedAtMs) {
        return value("STATUS_CHANGED", "ERRORED", statusError, observedAtMs);
    }

    String updated(long observedAtMs) {
        return value("UPDATED", status, null, observedAtMs);
    }

    String removed(long observedAtMs) {
        return value("REMOVED", status, null, observedAtMs);
    }

    private String value(String changeType, String newStatus, String statusError, long observedAtMs) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("changeType", changeType);
        value.put("instance", instance);
        value.put("filePath", filePath);
        value.put("requestTime", requestTime);
        value.put("occurrence", 0);
        value.put("status", newStatus);
        value.put("statusError", statusError);
        value.put("lastStatusUpdate", null);
        value.put("previousStatus", status);
        value.put("requestTimeMs", requestTimeMs);
        value.put("lastStatusUpdateMs", observedAtMs);
        value.put("destinationFolder", "/media/ingest");
        value.put("requestExtra", Map.of("channel", "news"));
        value.put("observedAtMs", observedAtMs);
        status = newStatus;
        return json(value);
    }

    private static String json(Map<String, Object> map) {
        try {
            return MAPPER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
