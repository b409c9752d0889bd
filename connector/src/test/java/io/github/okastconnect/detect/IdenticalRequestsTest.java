package io.github.okastconnect.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.parser.IngestEntry;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.ScanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Entries that share filePath and requestTime (the same file requested twice in the same second, or an identical
 * request sent twice) are told apart by their occurrence. A tracked entry keeps its occurrence when such a twin
 * arrives or leaves, wherever the endpoint lists it: the twin alone is NEW (or REMOVED), and the entry that did not
 * change emits nothing. Checked on both detection paths: the task's (scan, byte-level) and the reference one.
 */
class IdenticalRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChangeDetector detector = new ChangeDetector();
    private final IngestStatusParser parser = new IngestStatusParser();

    private static IngestEntry entry(String priority, String status, String lastUpdate) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("filePath", "https://storage/film.mp4");
        request.put("priority", priority);
        return new IngestEntry("2026-1128 18:08:46", lastUpdate, status, null, request);
    }

    private static final IngestEntry TRACKED = entry("1", "DONE", "2026-1128 18:09:00");
    private static final IngestEntry TWIN_PENDING = entry("1", "PENDING", "2026-1128 18:10:00");
    private static final IngestEntry TWIN_SAME_STATE = entry("1", "DONE", "2026-1128 18:09:00");

    /** Both paths must agree; returns the scan path's detection. */
    private ChangeDetector.Detection detect(InstanceState state, IngestEntry... entries) throws Exception {
        ChangeDetector.Detection reference =
                ReferenceDetection.detect(state, ReferenceDetection.assign(List.of(entries), state));
        List<Map<String, Object>> body = new ArrayList<>();
        for (IngestEntry e : entries) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("request", e.request());
            json.put("requestTime", e.requestTime());
            json.put("lastStatusUpdate", e.lastStatusUpdate());
            json.put("status", e.status());
            body.add(json);
        }
        ScanResult<ScannedEntries> scan = parser.scan(JSON.writeValueAsBytes(body), ScannedEntries::new);
        ChangeDetector.Detection fast = detector.detect(state, scan.visitor(), scan::entryAt, null);
        assertEquals(reference.changes(), fast.changes(), "scan path and reference path agree");
        assertEquals(reference.next().size(), fast.next().size());
        reference.next().forEach((k, v) -> assertEquals(v, fast.next().get(k), "state of " + k));
        return fast;
    }

    private static List<String> summary(ChangeDetector.Detection d) {
        return d.changes().stream()
                .map(c -> c.type() + "#" + c.key().occurrence() + ":"
                        + c.current().status())
                .toList();
    }

    private InstanceState tracking(IngestEntry... entries) throws Exception {
        return detect(InstanceState.empty(), entries).next();
    }

    @Test
    void aTwinListedBeforeTheTrackedEntryIsNewAndTheTrackedOneKeepsItsKey() throws Exception {
        InstanceState state = tracking(TRACKED);
        ChangeDetector.Detection d = detect(state, TWIN_PENDING, TRACKED);
        assertEquals(List.of("NEW#1:PENDING"), summary(d));
        assertEquals(new EntryState("DONE", "2026-1128 18:09:00"), d.next().get(key(0)));
    }

    @Test
    void aTwinListedAfterTheTrackedEntryIsNew() throws Exception {
        ChangeDetector.Detection d = detect(tracking(TRACKED), TRACKED, TWIN_PENDING);
        assertEquals(List.of("NEW#1:PENDING"), summary(d));
    }

    @Test
    void aTwinInTheSameStateIsOneNew() throws Exception {
        assertEquals(List.of("NEW#1:DONE"), summary(detect(tracking(TRACKED), TWIN_SAME_STATE, TRACKED)));
    }

    @Test
    void aTwinWhoseRequestSortsFirstDoesNotReKeyTheTrackedEntry() throws Exception {
        IngestEntry sortsFirst = entry("0", "PENDING", "2026-1128 18:10:00");
        ChangeDetector.Detection d = detect(tracking(TRACKED), sortsFirst, TRACKED);
        assertEquals(List.of("NEW#1:PENDING"), summary(d));
        assertEquals(sortsFirst, d.changes().get(0).entry());
    }

    @Test
    void whenTheFirstOfTwoTwinsLeavesOnlyItIsRemoved() throws Exception {
        InstanceState both = detect(tracking(TRACKED), TWIN_PENDING, TRACKED).next();
        assertEquals(2, both.size());
        ChangeDetector.Detection d = detect(both, TWIN_PENDING);
        assertEquals(List.of("REMOVED#0:DONE"), summary(d));
        // And nothing more on the next poll of the same queue.
        assertEquals(List.of(), detect(d.next(), TWIN_PENDING).changes());
    }

    @Test
    void aTwinThatMovesOnIsAStatusChangeOfItsOwnKey() throws Exception {
        InstanceState both = detect(tracking(TRACKED), TRACKED, TWIN_PENDING).next();
        IngestEntry downloading = entry("1", "DOWNLOADING", "2026-1128 18:11:00");
        assertEquals(List.of("STATUS_CHANGED#1:DOWNLOADING"), summary(detect(both, downloading, TRACKED)));
    }

    @Test
    void withoutStateTwinsAreRankedByContentThenOrderAsBefore() throws Exception {
        IngestEntry other = entry("0", "PENDING", "2026-1128 18:10:00");
        ChangeDetector.Detection d = detect(InstanceState.empty(), TRACKED, other, TWIN_PENDING);
        assertEquals(List.of("NEW#1:DONE", "NEW#0:PENDING", "NEW#2:PENDING"), summary(d));
    }

    private static EntryKey key(int occurrence) {
        return new EntryKey("https://storage/film.mp4", "2026-1128 18:08:46", occurrence);
    }
}
