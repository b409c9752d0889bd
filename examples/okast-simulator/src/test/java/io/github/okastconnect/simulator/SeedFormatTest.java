package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status body must look exactly like the vendor's example response. */
class SeedFormatTest {

    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{4} \\d{2}:\\d{2}:\\d{2}");
    private static final List<String> ENTRY_FIELDS = List.of("request", "requestTime", "lastStatusUpdate", "status");
    private static final List<String> ERRORED_FIELDS =
            List.of("request", "requestTime", "lastStatusUpdate", "status", "statusError");

    private final MutableClock clock = MutableClock.at("2022-10-18T16:00:00Z");
    private final TestHttp http = new TestHttp();
    private OkastSimulator sim;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder().clock(clock).build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** The vendor's example, entered as scripted entries (UTC, since its timestamps carry no zone). */
    static List<StatusEntry> seedEntries() {
        String file = "https://my_storage_system/sample_9-16_blurred_background.mp4";
        String meta = "https://my_storage_system/ingest-okast.json";
        return List.of(
                StatusEntry.of(
                        IngestRequest.builder()
                                .filePath(file)
                                .metadataPath(meta)
                                .destinationFolder("92d53a18-f8d9-d874-f020-b57b76f7ffdf")
                                .destinationFolderKind("queueBottom")
                                .build(),
                        t("2022-10-18T14:20:00Z"),
                        t("2022-10-18T14:20:02Z"),
                        Status.DONE),
                StatusEntry.errored(
                        IngestRequest.builder()
                                .filePath(file)
                                .metadataPath(meta)
                                .build(),
                        t("2022-10-18T14:22:49Z"),
                        t("2022-10-18T14:22:52Z"),
                        Status.FILE_ALREADY_EXISTS),
                StatusEntry.errored(
                        IngestRequest.builder()
                                .filePath(file)
                                .metadataPath(meta)
                                .destinationFolder("92d53a18-f8d9-d874-f020-b57b76f7ffdf")
                                .destinationFolderKind("queueBottom")
                                .destinationFolderIndex("")
                                .destinationFolderIndexReplace("")
                                .reschedule("2022-10-18")
                                .build(),
                        t("2022-10-18T14:33:41Z"),
                        t("2022-10-18T14:33:42Z"),
                        Status.FILE_ALREADY_EXISTS),
                StatusEntry.errored(
                        IngestRequest.builder().reschedule("2022-10-19").build(),
                        t("2022-10-18T15:35:17Z"),
                        t("2022-10-18T15:35:21Z"),
                        Status.FILE_PATH_MISSING));
    }

    static Instant t(String iso) {
        return Instant.parse(iso);
    }

    /** The vendor page's copy, with its non-breaking spaces (a web-page artefact) turned into spaces. */
    static String seedText() throws IOException {
        try (InputStream in = SeedFormatTest.class.getResourceAsStream("/seed-example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void prettyStyleReproducesTheVendorExampleByteForByte() throws Exception {
        SimulatedInstance paris = sim.addInstance(
                InstanceSettings.builder("paris").jsonStyle(JsonStyle.PRETTY).build());
        paris.setEntries(seedEntries());

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(seedText(), TestHttp.body(response));
    }

    @Test
    void compactAndPhpDefaultStylesCarryTheSameJson() throws Exception {
        JsonNode seed = TestHttp.MAPPER.readTree(seedText());
        SimulatedInstance compact = sim.addInstance("compact");
        SimulatedInstance php = sim.addInstance(
                InstanceSettings.builder("php").jsonStyle(JsonStyle.PHP_DEFAULT).build());
        compact.setEntries(seedEntries());
        php.setEntries(seedEntries());

        String compactBody = TestHttp.body(http.get(compact.statusUrl()));
        String phpBody = TestHttp.body(http.get(php.statusUrl()));

        assertEquals(seed, TestHttp.MAPPER.readTree(compactBody));
        assertEquals(seed, TestHttp.MAPPER.readTree(phpBody));
        assertFalse(compactBody.contains("\n"), "compact has no line breaks");
        assertTrue(phpBody.contains("https:\\/\\/my_storage_system"), "PHP's json_encode escapes slashes: " + phpBody);
    }

    @Test
    void phpDefaultStyleEscapesNonAsciiLikeJsonEncode() throws Exception {
        SimulatedInstance php = sim.addInstance(
                InstanceSettings.builder("php").jsonStyle(JsonStyle.PHP_DEFAULT).build());
        php.submit(IngestRequest.builder().filePath("https://s/vidéo \"1\".mp4").build());

        String body = TestHttp.body(http.get(php.statusUrl()));

        assertTrue(body.contains("vid\\u00e9o \\\"1\\\".mp4"), body);
        assertEquals(
                "https://s/vidéo \"1\".mp4",
                TestHttp.MAPPER
                        .readTree(body)
                        .get(0)
                        .get("request")
                        .get("filePath")
                        .asText());
    }

    @Test
    void liveEntriesHaveTheSeedShape() throws Exception {
        SimulatedInstance paris = sim.addInstance(InstanceSettings.builder("paris")
                .errorRate(0.5)
                .seed(7L)
                .lifecycle(Lifecycle.uniform(Duration.ofSeconds(1)))
                .build());
        for (int i = 0; i < 20; i++) {
            http.add(paris, Map.of("filePath", "https://s/" + i + ".mp4", "metadataPath", "https://s/" + i + ".json"));
        }
        http.add(paris, Map.of("reschedule", "2022-10-19"));
        http.add(paris, Map.of("filePath", "https://s/0.mp4"));
        clock.advance(Duration.ofSeconds(2));

        JsonNode body = http.status(paris);

        assertTrue(body.isArray());
        assertEquals(22, body.size());
        int errored = 0;
        int withoutFilePath = 0;
        for (JsonNode entry : body) {
            String status = entry.get("status").asText();
            assertEquals(
                    status.equals(Status.ERRORED) ? ERRORED_FIELDS : ENTRY_FIELDS,
                    fieldNames(entry),
                    "field order of " + entry);
            assertTrue(TIMESTAMP.matcher(entry.get("requestTime").asText()).matches(), entry.toString());
            assertTrue(TIMESTAMP.matcher(entry.get("lastStatusUpdate").asText()).matches(), entry.toString());
            assertTrue(entry.get("request").isObject());
            entry.get("request")
                    .properties()
                    .forEach(field -> assertTrue(field.getValue().isTextual()));
            if (status.equals(Status.ERRORED)) {
                errored++;
                assertFalse(entry.get("statusError").asText().isEmpty());
            }
            if (!entry.get("request").has("filePath")) {
                withoutFilePath++;
                assertEquals(Status.FILE_PATH_MISSING, entry.get("statusError").asText());
            }
        }
        assertEquals(1, withoutFilePath);
        assertTrue(errored >= 1, "the missing filePath entry at least");
    }

    @Test
    void timestampsUseTheInstanceZoneWithoutOffset() throws Exception {
        SimulatedInstance utc = sim.addInstance(
                InstanceSettings.builder("utc").zone(ZoneOffset.UTC).build());
        SimulatedInstance paris = sim.addInstance(InstanceSettings.builder("paris")
                .zone(ZoneId.of("Europe/Paris"))
                .build());
        utc.submit(IngestRequest.builder().filePath("https://s/a.mp4").build());
        paris.submit(IngestRequest.builder().filePath("https://s/a.mp4").build());

        assertEquals(
                "2022-1018 16:00:00", http.status(utc).get(0).get("requestTime").asText());
        assertEquals(
                "2022-1018 18:00:00",
                http.status(paris).get(0).get("requestTime").asText());
        assertEquals(clock.instant(), OkastTime.parse("2022-1018 18:00:00", ZoneId.of("Europe/Paris")));
    }

    @Test
    void emptyQueueIsAnEmptyArray() throws Exception {
        SimulatedInstance empty = sim.addInstance("empty");
        SimulatedInstance prettyEmpty = sim.addInstance(
                InstanceSettings.builder("pretty").jsonStyle(JsonStyle.PRETTY).build());

        assertEquals("[]", TestHttp.body(http.get(empty.statusUrl())));
        assertEquals("[]", TestHttp.body(http.get(prettyEmpty.statusUrl())));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
