package io.github.okastconnect.it.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.okastconnect.TestResources;
import io.github.okastconnect.testkit.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queue entries in the endpoint's shape, the bodies built from them, and the exact records the connector must emit
 * for them (JSON, schemas off), written out field by field from the event format (docs/events.md). Timestamps are read in
 * UTC, the connector's default {@code timestamp.zone}.
 */
final class Entries {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SAMPLE = "https://my_storage_system/sample_9-16_blurred_background.mp4";
    static final String METADATA = "https://my_storage_system/ingest-okast.json";
    static final String FOLDER = "92d53a18-f8d9-d874-f020-b57b76f7ffdf";
    static final List<String> REQUEST_FIELDS = List.of(
            "metadataPath",
            "destinationFolder",
            "destinationFolderKind",
            "destinationFolderIndex",
            "destinationFolderIndexReplace",
            "reschedule",
            "validate");

    private static final DateTimeFormatter OKAST_TIME = DateTimeFormatter.ofPattern("yyyy-MMdd HH:mm:ss");

    private Entries() {}

    /** One entry of the queue; {@code request} holds the request's fields other than filePath. */
    record Entry(
            String filePath,
            String requestTime,
            String lastStatusUpdate,
            String status,
            String statusError,
            Map<String, String> request) {
        Entry withStatus(String newStatus, String newLastStatusUpdate, String newStatusError) {
            return new Entry(filePath, requestTime, newLastStatusUpdate, newStatus, newStatusError, request);
        }

        ObjectNode json() {
            ObjectNode e = JSON.createObjectNode();
            ObjectNode r = e.putObject("request");
            if (filePath != null) {
                r.put("filePath", filePath);
            }
            request.forEach(r::put);
            e.put("requestTime", requestTime);
            e.put("lastStatusUpdate", lastStatusUpdate);
            e.put("status", status);
            if (statusError != null) {
                e.put("statusError", statusError);
            }
            return e;
        }
    }

    private static Map<String, String> request(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The four entries of src/test/resources/seed-response.json, written out (checked by {@link #seedBody}). */
    static final Entry SEED_DONE = new Entry(
            SAMPLE,
            "2022-1018 14:20:00",
            "2022-1018 14:20:02",
            "DONE",
            null,
            request("metadataPath", METADATA, "destinationFolder", FOLDER, "destinationFolderKind", "queueBottom"));

    static final Entry SEED_DUPLICATE = new Entry(
            SAMPLE,
            "2022-1018 14:22:49",
            "2022-1018 14:22:52",
            "ERRORED",
            "File already exists in database",
            request("metadataPath", METADATA));
    static final Entry SEED_RESCHEDULED = new Entry(
            SAMPLE,
            "2022-1018 14:33:41",
            "2022-1018 14:33:42",
            "ERRORED",
            "File already exists in database",
            request(
                    "metadataPath",
                    METADATA,
                    "destinationFolder",
                    FOLDER,
                    "destinationFolderKind",
                    "queueBottom",
                    "destinationFolderIndex",
                    "",
                    "destinationFolderIndexReplace",
                    "",
                    "reschedule",
                    "2022-10-18"));
    static final Entry SEED_NO_PATH = new Entry(
            null,
            "2022-1018 15:35:17",
            "2022-1018 15:35:21",
            "ERRORED",
            "file path missing",
            request("reschedule", "2022-10-19"));
    static final List<Entry> SEED = List.of(SEED_DONE, SEED_DUPLICATE, SEED_RESCHEDULED, SEED_NO_PATH);

    /** The entry without filePath, rescheduled: back to PENDING the next day, its error gone. */
    static final Entry NO_PATH_RETRIED = SEED_NO_PATH.withStatus("PENDING", "2022-1019 00:00:01", null);
    /** The retried entry fails again: PENDING -> ERRORED. */
    static final Entry NO_PATH_FAILED_AGAIN =
            NO_PATH_RETRIED.withStatus("ERRORED", "2022-1019 00:00:03", "file path missing");
    /** The rescheduled entry stays ERRORED, but its lastStatusUpdate moves (an UPDATED while ERRORED). */
    static final Entry RESCHEDULED_TOUCHED =
            SEED_RESCHEDULED.withStatus("ERRORED", "2022-1018 14:40:00", "File already exists in database");

    /** The seed file's bytes, after checking that {@link #SEED} is exactly what it holds. */
    static String seedBody() {
        String text = new String(TestResources.bytes("seed-response.json"), StandardCharsets.UTF_8);
        assertEquals(tree(body(SEED)), tree(text), "Entries.SEED must match seed-response.json");
        return text;
    }

    static String body(List<Entry> entries) {
        ArrayNode a = JSON.createArrayNode();
        entries.forEach(e -> a.add(e.json()));
        return a.toString();
    }

    static JsonNode tree(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Epoch millis of an endpoint timestamp read in UTC. */
    static long utcMillis(String okastTime) {
        return LocalDateTime.parse(okastTime, OKAST_TIME)
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli();
    }

    /**
     * The headers of a record, in order, as {@link TopicReader} prints them: {@code okast.change.type},
     * {@code okast.instance}, then the marker headers whose name carries the value, {@code okast.change.<TYPE>} and
     * (when the status is not null) {@code okast.status.<STATUS>}.
     */
    static List<String> headers(String instance, String changeType, String status) {
        List<String> h = new ArrayList<>();
        h.add("okast.change.type=" + changeType);
        h.add("okast.instance=" + instance);
        h.add("okast.change." + changeType + "=" + changeType);
        if (status != null) {
            h.add("okast.status." + status + "=" + status);
        }
        return h;
    }

    /** The headers of an event, from its value's changeType and status. */
    static List<String> headers(String instance, ObjectNode event) {
        JsonNode status = event.get("status");
        return headers(instance, event.get("changeType").asText(), status.isNull() ? null : status.asText());
    }

    /** The headers of a tombstone: those of the REMOVED event it follows (status = the last one known). */
    static List<String> tombstoneHeaders(String instance, Entry last) {
        return headers(instance, "REMOVED", last.status());
    }

    static ObjectNode key(String instance, Entry e) {
        ObjectNode k = JSON.createObjectNode();
        k.put("instance", instance);
        k.put("filePath", e.filePath());
        k.put("requestTime", e.requestTime());
        k.put("occurrence", 0);
        return k;
    }

    /** The value of a NEW event (previous == null), a STATUS_CHANGED or an UPDATED event, without observedAtMs. */
    static ObjectNode event(String changeType, String instance, Entry previous, Entry now) {
        ObjectNode v = JSON.createObjectNode();
        v.put("changeType", changeType);
        v.put("instance", instance);
        v.put("filePath", now.filePath());
        v.put("requestTime", now.requestTime());
        v.put("occurrence", 0);
        v.put("status", now.status());
        v.put("statusError", now.statusError());
        v.put("lastStatusUpdate", now.lastStatusUpdate());
        v.put("previousStatus", previous == null ? null : previous.status());
        v.put("previousLastStatusUpdate", previous == null ? null : previous.lastStatusUpdate());
        v.put("requestTimeMs", utcMillis(now.requestTime()));
        v.put("lastStatusUpdateMs", utcMillis(now.lastStatusUpdate()));
        if (previous == null) {
            v.putNull("previousLastStatusUpdateMs");
        } else {
            v.put("previousLastStatusUpdateMs", utcMillis(previous.lastStatusUpdate()));
        }
        for (String f : REQUEST_FIELDS) {
            v.put(f, now.request().get(f));
        }
        v.putNull("requestExtra");
        return v;
    }

    static ObjectNode created(String instance, Entry e) {
        return event("NEW", instance, null, e);
    }

    /** A REMOVED event: the key, the last known status and lastStatusUpdate; everything else null. */
    static ObjectNode removed(String instance, Entry last) {
        ObjectNode v = event("REMOVED", instance, null, last);
        v.putNull("statusError");
        for (String f : REQUEST_FIELDS) {
            v.putNull(f);
        }
        return v;
    }
}
