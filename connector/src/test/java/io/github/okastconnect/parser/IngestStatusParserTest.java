package io.github.okastconnect.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.TestResources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IngestStatusParserTest {
    private final IngestStatusParser parser = new IngestStatusParser();

    private ParsedResponse parse(String json) throws MalformedResponseException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheSeedResponseVerbatimIncludingItsNoBreakSpaceIndentation() throws Exception {
        byte[] verbatim = TestResources.bytes("seed-response-verbatim.json");
        ParsedResponse parsed = parser.parse(verbatim);
        assertEquals(parser.parse(TestResources.bytes("seed-response.json")), parsed);
        List<IngestEntry> e = parsed.entries();
        assertEquals(4, e.size());
        assertEquals(0, parsed.skippedCount());

        assertEquals(
                "https://my_storage_system/sample_9-16_blurred_background.mp4",
                e.get(0).filePath());
        assertEquals("2022-1018 14:20:00", e.get(0).requestTime());
        assertEquals("2022-1018 14:20:02", e.get(0).lastStatusUpdate());
        assertEquals("DONE", e.get(0).status());
        assertNull(e.get(0).statusError());
        assertEquals(
                List.of("filePath", "metadataPath", "destinationFolder", "destinationFolderKind"),
                List.copyOf(e.get(0).request().keySet()));
        assertEquals("queueBottom", e.get(0).request().get("destinationFolderKind"));

        assertEquals("ERRORED", e.get(1).status());
        assertEquals("File already exists in database", e.get(1).statusError());
        assertEquals(2, e.get(1).request().size());

        assertEquals("", e.get(2).request().get("destinationFolderIndex"));
        assertEquals("", e.get(2).request().get("destinationFolderIndexReplace"));
        assertEquals("2022-10-18", e.get(2).request().get("reschedule"));
        assertEquals("2022-1018 14:33:41", e.get(2).requestTime());

        assertNull(e.get(3).filePath());
        assertEquals(Map.of("reschedule", "2022-10-19"), e.get(3).request());
        assertEquals("file path missing", e.get(3).statusError());
        assertEquals("2022-1018 15:35:17", e.get(3).requestTime());
    }

    @Test
    void toleratesAbsentNullAndEmptyOptionalFields() throws Exception {
        ParsedResponse parsed = parse("""
                [{"requestTime":"2022-1018 14:20:00","status":"PENDING"},
                 {"request":null,"requestTime":null,"lastStatusUpdate":"","status":null,"statusError":null},
                 {}]""");
        assertEquals(3, parsed.entries().size());
        IngestEntry first = parsed.entries().get(0);
        assertNull(first.filePath());
        assertNull(first.lastStatusUpdate());
        assertEquals(Map.of(), first.request());
        IngestEntry second = parsed.entries().get(1);
        assertEquals("", second.lastStatusUpdate());
        assertNull(second.status());
        assertNull(second.requestTime());
    }

    @Test
    void keepsUnknownStatusesAndUnknownRequestFieldsAsSent() throws Exception {
        ParsedResponse parsed = parse("""
                [{"request":{"filePath":"a.mp4","priority":5,"tags":["x", "y"],"opts":{"k":true},"flag":false},
                  "requestTime":"2022-1018 14:20:00","status":"TRANSCODING_PHASE_2","futureField":{"a":[1]}}]""");
        IngestEntry entry = parsed.entries().get(0);
        assertEquals("TRANSCODING_PHASE_2", entry.status());
        assertEquals("5", entry.request().get("priority"));
        assertEquals("[\"x\",\"y\"]", entry.request().get("tags"));
        assertEquals("{\"k\":true}", entry.request().get("opts"));
        assertEquals("false", entry.request().get("flag"));
    }

    @Test
    void skipsOnlyTheBadEntriesAndCountsThemByReason() throws Exception {
        String longText = "x".repeat(IngestStatusParser.MAX_FIELD_CHARS + 1);
        ParsedResponse parsed = parse("[42, \"text\", null,"
                + "{\"request\":{\"filePath\":\"ok.mp4\"},\"requestTime\":\"t1\",\"status\":\"DONE\"},"
                + "{\"request\":\"not an object\",\"requestTime\":\"t2\"},"
                + "{\"requestTime\":{\"nested\":1},\"status\":\"DONE\"},"
                + "{\"status\":\"DONE\",\"status\":\"ERRORED\"},"
                + "{\"request\":{\"filePath\":\"a\",\"filePath\":\"b\"}},"
                + "{\"request\":{\"filePath\":\"" + longText + "\"}}]");
        assertEquals(1, parsed.entries().size());
        assertEquals("ok.mp4", parsed.entries().get(0).filePath());
        assertEquals(
                Map.of(
                        SkipReason.NOT_AN_OBJECT,
                        3,
                        SkipReason.WRONG_TYPE,
                        2,
                        SkipReason.DUPLICATE_FIELD,
                        2,
                        SkipReason.FIELD_TOO_LONG,
                        1),
                parsed.skipped());
    }

    @Test
    void acceptsAnEmptyQueue() throws Exception {
        assertEquals(0, parse(" [ ] ").entries().size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "<html><body>Maintenance</body></html>",
                "{\"error\":\"nope\"}",
                "[{\"status\":\"DONE\"}",
                "[{\"status\":\"DONE\"}] trailing",
                "<br />\n<b>Warning</b>:  Undefined index in /var/www/x.php on line 3<br />\n[]",
                "\"just a string\"",
                "null"
            })
    void rejectsWholeBodiesThatAreNotAStatusList(String body) {
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> parse(body));
        assertTrue(e.getMessage().length() < 400, "message stays short: " + e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = {
            '[', '{', '"', 's', 't', 'a', 't', 'u', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']'
        };
        assertThrows(MalformedResponseException.class, () -> parser.parse(body));
    }

    @Test
    void rejectsExcessiveNesting() {
        String deep = "[{\"request\":{\"x\":" + "[".repeat(200) + "]".repeat(200) + "}}]";
        assertThrows(MalformedResponseException.class, () -> parse(deep));
    }

    @Test
    void noBreakSpacesInsideStringsAreKept() throws Exception {
        ParsedResponse parsed = parse("[\u00a0{\"status\":\"A\u00a0B\"}\u00a0]");
        assertEquals("A\u00a0B", parsed.entries().get(0).status());
    }
}
