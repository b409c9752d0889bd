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

    private static final String GOOD_BEFORE =
            "{\"request\":{\"filePath\":\"before.mp4\"},\"requestTime\":\"t1\",\"status\":\"DONE\"}";
    private static final String GOOD_AFTER =
            "{\"request\":{\"filePath\":\"after.mp4\"},\"requestTime\":\"t2\",\"status\":\"PENDING\"}";

    /** The bad element between two good ones: both good ones are kept, the bad one alone is counted. */
    private void assertOnlyTheBadElementIsSkipped(byte[] bad, SkipReason reason) throws Exception {
        byte[] body = concat(
                ("[" + GOOD_BEFORE + ",\n  ").getBytes(StandardCharsets.UTF_8),
                bad,
                (" ," + GOOD_AFTER + "]").getBytes(StandardCharsets.UTF_8));
        ParsedResponse parsed = parser.parse(body);
        assertEquals(
                List.of("before.mp4", "after.mp4"),
                parsed.entries().stream().map(IngestEntry::filePath).toList());
        assertEquals(Map.of(reason, 1), parsed.skipped());
        // The per-poll path keeps and skips exactly the same.
        List<String> scanned = new java.util.ArrayList<>();
        List<int[]> ranges = new java.util.ArrayList<>();
        ScanResult<EntryVisitor> scan =
                parser.scan(body, () -> (filePath, requestTime, status, lastUpdate, start, end) -> {
                    scanned.add(filePath.toString());
                    ranges.add(new int[] {start, end});
                });
        assertEquals(List.of("before.mp4", "after.mp4"), scanned);
        assertEquals(Map.of(reason, 1), scan.skipped());
        // The entry after the skipped one is read back in full from its byte range in the body as sent.
        assertEquals(parsed.entries().get(1), scan.entryAt(1, ranges.get(1)[0], ranges.get(1)[1]));

        // Last in the array, and alone, it is skipped just the same.
        byte[] last = concat(
                ("[" + GOOD_BEFORE + ",").getBytes(StandardCharsets.UTF_8), bad, "]".getBytes(StandardCharsets.UTF_8));
        ParsedResponse lastParsed = parser.parse(last);
        assertEquals(1, lastParsed.entries().size());
        assertEquals(Map.of(reason, 1), lastParsed.skipped());
        byte[] alone = concat("[".getBytes(StandardCharsets.UTF_8), bad, "]".getBytes(StandardCharsets.UTF_8));
        assertEquals(new ParsedResponse(List.of(), Map.of(reason, 1)), parser.parse(alone));
        // Twice in a row, then a good one: each bad element is one skip.
        byte[] twice = concat(
                "[".getBytes(StandardCharsets.UTF_8),
                concat(bad, ",".getBytes(StandardCharsets.UTF_8), bad),
                ("," + GOOD_AFTER + "]").getBytes(StandardCharsets.UTF_8));
        ParsedResponse twiceParsed = parser.parse(twice);
        assertEquals(1, twiceParsed.entries().size());
        assertEquals(Map.of(reason, 2), twiceParsed.skipped());
    }

    private void assertOnlyTheBadElementIsSkipped(String bad, SkipReason reason) throws Exception {
        assertOnlyTheBadElementIsSkipped(bad.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    @Test
    void anEntryNestedDeeperThanTheLimitInsideItsRequestIsSkippedAlone() throws Exception {
        assertOnlyTheBadElementIsSkipped(
                "{\"request\":{\"filePath\":\"deep.mp4\",\"x\":" + "[".repeat(200) + "]".repeat(200)
                        + "},\"requestTime\":\"t3\",\"status\":\"DONE\"}",
                SkipReason.NESTED_TOO_DEEP);
        // Deep in an unknown field, and as objects rather than arrays.
        assertOnlyTheBadElementIsSkipped(
                "{\"future\":" + "{\"k\":".repeat(100) + "1" + "}".repeat(100) + ",\"status\":\"DONE\"}",
                SkipReason.NESTED_TOO_DEEP);
        // Far deeper than any call stack would allow.
        assertOnlyTheBadElementIsSkipped("[".repeat(100_000) + "]".repeat(100_000), SkipReason.NESTED_TOO_DEEP);
    }

    @Test
    void anEntryHoldingARawControlCharacterIsSkippedAlone() throws Exception {
        assertOnlyTheBadElementIsSkipped(
                "{\"request\":{\"filePath\":\"line\nbreak.mp4\"},\"status\":\"DONE\"}", SkipReason.CONTROL_CHARACTER);
        assertOnlyTheBadElementIsSkipped("{\"status\":\"DO\u0000NE\"}", SkipReason.CONTROL_CHARACTER);
        // In a field the connector does not read, and in a field name.
        assertOnlyTheBadElementIsSkipped(
                "{\"future\":\"\u001b[31m\",\"status\":\"DONE\"}", SkipReason.CONTROL_CHARACTER);
        assertOnlyTheBadElementIsSkipped("{\"sta\ttus\":\"DONE\"}", SkipReason.CONTROL_CHARACTER);
        // A bare string element.
        assertOnlyTheBadElementIsSkipped("\"bell\u0007\"", SkipReason.CONTROL_CHARACTER);
    }

    @Test
    void anEntryWithAMalformedTokenOrEncodingIsSkippedAlone() throws Exception {
        assertOnlyTheBadElementIsSkipped("{\"status\":DONE}", SkipReason.INVALID_JSON);
        assertOnlyTheBadElementIsSkipped("{\"requestTime\":0123}", SkipReason.INVALID_JSON);
        assertOnlyTheBadElementIsSkipped("{\"requestTime\":NaN,\"status\":\"DONE\"}", SkipReason.INVALID_JSON);
        assertOnlyTheBadElementIsSkipped("{\"status\":\"bad \\x escape\"}", SkipReason.INVALID_JSON);
        assertOnlyTheBadElementIsSkipped("{\"\\ud800\":1}", SkipReason.INVALID_JSON);
        assertOnlyTheBadElementIsSkipped("tru", SkipReason.INVALID_JSON);
        byte[] latin1 = {'{', '"', 's', 't', 'a', 't', 'u', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertOnlyTheBadElementIsSkipped(latin1, SkipReason.INVALID_JSON);
    }

    @Test
    void anEntryWithAWrongTypeIsSkippedAlone() throws Exception {
        // A number where a string is expected is kept as its text; an object or array there is the wrong type.
        assertOnlyTheBadElementIsSkipped("{\"status\":[\"DONE\"]}", SkipReason.WRONG_TYPE);
        assertOnlyTheBadElementIsSkipped("{\"request\":\"x.mp4\"}", SkipReason.WRONG_TYPE);
        assertOnlyTheBadElementIsSkipped("{\"status\":\"DONE\",\"status\":\"DONE\"}", SkipReason.DUPLICATE_FIELD);
        assertOnlyTheBadElementIsSkipped("17", SkipReason.NOT_AN_OBJECT);
        ParsedResponse number = parse("[{\"request\":{\"filePath\":42},\"requestTime\":20221018}]");
        assertEquals("42", number.entries().get(0).filePath());
        assertEquals("20221018", number.entries().get(0).requestTime());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // The structure itself is broken: no one can tell where the bad element ends.
                "[{\"status\":\"DONE\"} {\"status\":\"DONE\"}]",
                "[{\"status\":\"DONE\"},]",
                "[,{\"status\":\"DONE\"}]",
                "[{\"status\":\"DO\"NE\"},{\"status\":\"DONE\"}]",
                "[{\"status\":[\"DONE\"}},{\"status\":\"DONE\"}]",
                "[{\"status\" \"DONE\"},{\"status\":\"DONE\"}]",
                "[{\"status\":\"DONE\"},{\"status\":\"DO\nNE\"",
                "[{\"status\":\"DONE\"},{\"status\":\"DO\nNE\"}",
                "[{\"status\":\"DONE\"},{\"status\":\"DO\nNE\"}] trailing"
            })
    void aBodyWhoseStructureIsBrokenIsRefusedWhole(String body) {
        assertThrows(MalformedResponseException.class, () -> parse(body));
    }

    @Test
    void aBodyInUtf16WithABadEntryIsRefusedWhole() {
        // Its entries have no byte offsets to resume from.
        byte[] body = "[{\"status\":\"DO\nNE\"}]".getBytes(StandardCharsets.UTF_16BE);
        assertThrows(MalformedResponseException.class, () -> parser.parse(body));
    }

    @Test
    void aNoBreakSpaceIndentedBodyWithABadEntryIsNormalisedThenSkipsItAlone() throws Exception {
        ParsedResponse parsed =
                parse("[\u00a0" + GOOD_BEFORE + ",\u00a0{\"status\":\"DO\tNE\"},\u00a0" + GOOD_AFTER + "\u00a0]");
        assertEquals(2, parsed.entries().size());
        assertEquals(Map.of(SkipReason.CONTROL_CHARACTER, 1), parsed.skipped());
    }

    @Test
    void noBreakSpacesInsideStringsAreKept() throws Exception {
        ParsedResponse parsed = parse("[\u00a0{\"status\":\"A\u00a0B\"}\u00a0]");
        assertEquals("A\u00a0B", parsed.entries().get(0).status());
    }
}
