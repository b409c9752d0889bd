package io.github.okastconnect.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.ParsedResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ScanCheck} on bodies larger than the fuzzer's: enough entries that a poll where all of them change makes
 * the scan parse the body in full instead of entry by entry, with keys shared by several entries, skipped entries,
 * non-ASCII text, U+00A0 indentation and a UTF-16 body (no byte offsets to re-read entries from).
 */
class ScanPathTest {
    private final IngestStatusParser parser = new IngestStatusParser();

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 63, 64, 65, 66, 200, 1500})
    void scanPathMatchesReferencePath(int entries) throws Exception {
        String json = body(entries, " ");
        check(json.getBytes(StandardCharsets.UTF_8));
        check(body(entries, "\u00a0").getBytes(StandardCharsets.UTF_8));
        check(json.getBytes(StandardCharsets.UTF_16BE));
    }

    private void check(byte[] bytes) throws Exception {
        ParsedResponse parsed = parser.parse(bytes);
        ScanCheck.matches(parser, bytes, parsed);
    }

    private static String body(int entries, String indent) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            String path = i % 7 == 3
                    ? "\"shared/\u00e9t\u00e9 \ud83c\udfac.mp4\""
                    : i % 11 == 5 ? "null" : "\"p/" + i + ".mp4\"";
            String time =
                    i % 7 == 3 ? "\"2022-1018 14:20:00\"" : "\"2022-10-" + (10 + i % 20) + " 1" + i % 10 + ":00:00\"";
            String extra = i % 5 == 0 ? ",\"priority\":" + (i % 3) + ",\"meta\":{\"k\":[" + i + "]}" : "";
            items.add(indent + "{" + indent + "\"request\":{\"filePath\":" + path + extra + "}," + indent
                    + "\"requestTime\":" + time + ",\"status\":\"" + (i % 4 == 0 ? "DONE" : "PENDING") + "\","
                    + "\"lastStatusUpdate\":" + (i % 9 == 0 ? "null" : "\"2022-1018 14:2" + i % 10 + ":00\"")
                    + (i % 13 == 0 ? ",\"statusError\":\"err " + i + "\"" : "") + "}");
            if (i % 17 == 8) {
                items.add(indent + "{\"status\":\"a\",\"status\":\"b\"}");
                items.add(indent + "42");
            }
        }
        return "[" + String.join("," + indent, items) + "]";
    }

    @org.junit.jupiter.api.Test
    void largeBodyKeepsEveryEntry() throws Exception {
        byte[] bytes = body(300, " ").getBytes(StandardCharsets.UTF_8);
        assertEquals(300, parser.parse(bytes).entries().size());
    }
}
