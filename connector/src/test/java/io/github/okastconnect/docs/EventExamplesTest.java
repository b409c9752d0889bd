package io.github.okastconnect.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.okastconnect.TestResources;
import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.detect.ReferenceDetection;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.TimestampParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The event examples in docs/events.md are real output: the seed response run through the connector's own pipeline
 * and Connect's JsonConverter (schemas off), one example per change type. Fails, printing the exact lines, when the
 * page drifts from what the code emits.
 */
class EventExamplesTest {
    private static final long OBSERVED = 1764339098671L;

    @Test
    void eventsPageShowsTheRealEventOfEachChangeType() throws Exception {
        IngestStatusParser parser = new IngestStatusParser();
        RecordMapper mapper = new RecordMapper(
                "okast.ingest.lifecycle", new TimestampParser(ZoneId.of("Europe/Paris")), RemovalMode.EVENT);
        ObjectMapper json = new ObjectMapper();
        ArrayNode seed = (ArrayNode) json.readTree(TestResources.bytes("seed-response.json"));
        // 1: the seed as is (NEW). 2: the second entry's timestamp moves (UPDATED), a request arrives (NEW).
        // 3: that request starts downloading (STATUS_CHANGED) and the seed's third entry is purged (REMOVED).
        ArrayNode second = seed.deepCopy();
        ((ObjectNode) second.get(1)).put("lastStatusUpdate", "2022-1018 14:25:00");
        ObjectNode news = second.addObject();
        news.putObject("request")
                .put("filePath", "https://my_storage_system/news_2022-10-18.mp4")
                .put("destinationFolderKind", "queueTop");
        news.put("requestTime", "2022-1018 16:02:10")
                .put("lastStatusUpdate", "2022-1018 16:02:10")
                .put("status", "PENDING");
        ArrayNode last = second.deepCopy();
        last.remove(2);
        ((ObjectNode) last.get(3)).put("lastStatusUpdate", "2022-1018 16:02:31").put("status", "DOWNLOADING");
        List<String> bodies =
                List.of(json.writeValueAsString(seed), json.writeValueAsString(second), json.writeValueAsString(last));

        Map<String, String> examples = new LinkedHashMap<>();
        InstanceState state = InstanceState.empty();
        for (String body : bodies) {
            List<SourceRecord> out = new ArrayList<>();
            ChangeDetector.Detection d = ReferenceDetection.detect(
                    state,
                    ReferenceDetection.assign(
                            parser.parse(body.getBytes(StandardCharsets.UTF_8)).entries()));
            d.changes().forEach(c -> mapper.map("paris", c, OBSERVED, Map.of("instance", "paris"), Map.of(), out));
            state = d.next();
            out.forEach(r -> examples.putIfAbsent(type(r), json(r)));
        }

        String page = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/events.md"));
        StringBuilder missing = new StringBuilder();
        for (Map.Entry<String, String> e : examples.entrySet()) {
            if (!page.contains(e.getValue())) {
                missing.append(e.getKey()).append(":\n").append(e.getValue()).append('\n');
            }
        }
        assertTrue(
                examples.keySet().containsAll(List.of("NEW", "UPDATED", "STATUS_CHANGED", "REMOVED")),
                examples.keySet().toString());
        assertTrue(missing.length() == 0, "docs/events.md lacks these real event examples:\n" + missing);
    }

    private static String type(SourceRecord r) {
        return new String(r.headers()
                .lastWithName(RecordMapper.HEADER_CHANGE_TYPE)
                .value()
                .toString());
    }

    private static String json(SourceRecord r) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        byte[] value = converter.fromConnectData(r.topic(), r.valueSchema(), r.value());
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "false"), true);
        byte[] key = keys.fromConnectData(r.topic(), r.keySchema(), r.key());
        return "key:   " + new String(key, StandardCharsets.UTF_8) + "\nvalue: "
                + new String(value, StandardCharsets.UTF_8);
    }
}
