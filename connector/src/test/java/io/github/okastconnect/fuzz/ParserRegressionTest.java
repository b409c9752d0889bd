package io.github.okastconnect.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.detect.ReferenceDetection;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestEntry;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.ParsedResponse;
import io.github.okastconnect.parser.SkipReason;
import io.github.okastconnect.parser.TimestampParser;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for the defects the fuzzers found (a skipped duplicate or array value leaking into the array
 * loop, an out-of-range ISO timestamp failing the task, unsanitised control characters in error messages), now fixed;
 * {@link ParserFuzzTest} checks these shapes exactly too.
 */
class ParserRegressionTest {
    private final IngestStatusParser parser = new IngestStatusParser();

    private ParsedResponse parse(String json) throws Exception {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * IngestStatusParser.EntryReader.read(): when markSeen() reports a duplicate it records DUPLICATE_FIELD but does
     * not skip the duplicate's value. An array/object value is then read as if it were the rest of the entry, and
     * the entry's real remaining fields leak into the top-level loop: counted as extra NOT_AN_OBJECT elements, read
     * as phantom entries, or ending the array early so the whole valid body is rejected.
     */
    @Test
    void duplicateKnownFieldWithObjectValueIsOneSkippedEntry() throws Exception {
        ParsedResponse parsed = parse("[{\"status\":\"a\",\"status\":{\"x\":1},\"y\":2}]");
        // today: {NOT_AN_OBJECT=3, DUPLICATE_FIELD=1} for an array of one element
        assertEquals(Map.of(SkipReason.DUPLICATE_FIELD, 1), parsed.skipped());
        assertEquals(List.of(), parsed.entries());
    }

    @Test
    void duplicateFieldMustNotTurnTheRequestIntoAPhantomEntry() throws Exception {
        ParsedResponse parsed = parse(
                "[{\"status\":\"x\",\"status\":[]," + "\"request\":{\"filePath\":\"f\",\"status\":\"PHANTOM\"}}]");
        // today: one entry with status PHANTOM (the request object), plus {NOT_AN_OBJECT=2, DUPLICATE_FIELD=1}
        assertEquals(List.of(), parsed.entries());
        assertEquals(Map.of(SkipReason.DUPLICATE_FIELD, 1), parsed.skipped());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"status\":\"a\",\"status\":[{\"a\":1}]},{\"status\":\"ok\"}]",
                "[{\"requestTime\":\"x\",\"requestTime\":[[{\"status\":\"PHANTOM\"}]]},{\"status\":\"ok\"}]",
                "[{\"request\":{\"filePath\":\"a\"},\"request\":{\"filePath\":\"b\"}},{\"status\":\"ok\"}]",
                "[{\"statusError\":null,\"statusError\":[1,2]},{\"status\":\"ok\"}]"
            })
    void duplicateWithStructuredValueSkipsOnlyThatEntry(String body) throws Exception {
        // today: MalformedResponseException "unexpected content after the JSON array" (or a wrong count)
        ParsedResponse parsed = parse(body);
        assertEquals(Map.of(SkipReason.DUPLICATE_FIELD, 1), parsed.skipped());
        assertEquals(List.of(new IngestEntry(null, null, "ok", null, null)), parsed.entries());
    }

    /**
     * IngestStatusParser.EntryReader.readRequest(): a {@code request} that is an array is marked WRONG_TYPE but the
     * array is not skipped, with the same consequences as above.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"request\":[]},{\"status\":\"ok\"}]",
                "[{\"request\":[1]},{\"status\":\"ok\"}]",
                "[{\"request\":[{\"status\":\"PHANTOM\"}],\"status\":\"x\"},{\"status\":\"ok\"}]"
            })
    void requestThatIsAnArraySkipsOnlyThatEntry(String body) throws Exception {
        // today: {NOT_AN_OBJECT=1, WRONG_TYPE=1} for the first body, MalformedResponseException for the others
        ParsedResponse parsed = parse(body);
        assertEquals(Map.of(SkipReason.WRONG_TYPE, 1), parsed.skipped());
        assertEquals(List.of(new IngestEntry(null, null, "ok", null, null)), parsed.entries());
    }

    /**
     * TimestampParser.toEpochMillis() catches DateTimeParseException only; an ISO timestamp that parses but lies
     * beyond the epoch-millisecond range (about ±292 million years) makes Instant.toEpochMilli() throw
     * ArithmeticException. The exception escapes RecordMapper.map(), InstanceTracker.onResult() and
     * OkastSourceTask.poll(), so one such value in a response fails the task, again on every restart while the
     * entry stays in the queue. The documented contract is null ("unreadable").
     */
    @ParameterizedTest
    @ValueSource(
            strings = {"+999999999-12-31T23:59:59Z", "+300000000-01-01T00:00:00", "-999999999-01-01T00:00:00+18:00"})
    void timestampsOutsideTheEpochMillisecondRangeAreUnreadableNotFatal(String timestamp) {
        assertNull(assertDoesNotThrow(() -> new TimestampParser(ZoneId.of("UTC")).toEpochMillis(timestamp)));
    }

    @Test
    void aResponseWithAnOutOfRangeTimestampDoesNotBreakRecordMapping() throws Exception {
        ParsedResponse parsed = parse("[{\"request\":{\"filePath\":\"a.mp4\"},\"requestTime\":\"2022-1018 14:20:00\","
                + "\"lastStatusUpdate\":\"+999999999-12-31T23:59:59Z\",\"status\":\"DONE\"}]");
        ChangeDetector.Detection detection =
                ReferenceDetection.detect(InstanceState.empty(), ReferenceDetection.assign(parsed.entries()));
        RecordMapper mapper = new RecordMapper("t", new TimestampParser(ZoneId.of("UTC")), RemovalMode.EVENT);
        List<SourceRecord> out = new ArrayList<>();
        // today: java.lang.ArithmeticException: long overflow at Instant.toEpochMilli via TimestampParser.java:52
        assertDoesNotThrow(() -> detection.changes().forEach(c -> mapper.map("paris", c, 1L, Map.of(), Map.of(), out)));
        assertEquals(1, out.size());
    }
}
