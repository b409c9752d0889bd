package io.github.okastconnect.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.okastconnect.parser.IngestEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
    private static IngestEntry entry(String filePath, String requestTime, String status, String lastUpdate) {
        Map<String, String> request = new LinkedHashMap<>();
        if (filePath != null) {
            request.put("filePath", filePath);
        }
        return new IngestEntry(requestTime, lastUpdate, status, null, request);
    }

    private ChangeDetector.Detection detect(InstanceState state, IngestEntry... entries) {
        return ReferenceDetection.detect(state, ReferenceDetection.assign(List.of(entries)));
    }

    private static List<ChangeType> types(ChangeDetector.Detection d) {
        return d.changes().stream().map(Change::type).toList();
    }

    @Test
    void firstSightIsNewWithNoPrevious() {
        ChangeDetector.Detection d = detect(InstanceState.empty(), entry("a.mp4", "t1", "PENDING", "u1"));
        assertEquals(List.of(ChangeType.NEW), types(d));
        assertNull(d.changes().get(0).previous());
        assertEquals(new EntryState("PENDING", "u1"), d.changes().get(0).current());
        assertEquals(1, d.next().size());
    }

    @Test
    void unchangedEntriesEmitNothingAndKeepTheSameState() {
        InstanceState s = detect(InstanceState.empty(), entry("a.mp4", "t1", "PENDING", "u1"))
                .next();
        ChangeDetector.Detection d = detect(s, entry("a.mp4", "t1", "PENDING", "u1"));
        assertEquals(List.of(), d.changes());
        assertSame(s, d.next());
    }

    @Test
    void statusChangeIsStatusChangedWithThePreviousState() {
        InstanceState s = detect(InstanceState.empty(), entry("a.mp4", "t1", "PENDING", "u1"))
                .next();
        ChangeDetector.Detection d = detect(s, entry("a.mp4", "t1", "DONE", "u2"));
        assertEquals(List.of(ChangeType.STATUS_CHANGED), types(d));
        assertEquals(new EntryState("PENDING", "u1"), d.changes().get(0).previous());
        assertEquals(new EntryState("DONE", "u2"), d.changes().get(0).current());
    }

    @Test
    void statusChangeWithoutANewTimestampIsStillSeen() {
        InstanceState s = detect(InstanceState.empty(), entry("a.mp4", "t1", "PENDING", "u1"))
                .next();
        assertEquals(List.of(ChangeType.STATUS_CHANGED), types(detect(s, entry("a.mp4", "t1", "DONE", "u1"))));
    }

    @Test
    void lastStatusUpdateOnlyChangeIsUpdated() {
        InstanceState s = detect(InstanceState.empty(), entry("a.mp4", "t1", "PROCESSING", "u1"))
                .next();
        ChangeDetector.Detection d = detect(s, entry("a.mp4", "t1", "PROCESSING", "u2"));
        assertEquals(List.of(ChangeType.UPDATED), types(d));
        assertEquals("u1", d.changes().get(0).previous().lastStatusUpdate());
    }

    @Test
    void reIngestOfTheSameFileWithANewRequestTimeIsANewKey() {
        InstanceState s = detect(InstanceState.empty(), entry("a.mp4", "t1", "DONE", "u1"))
                .next();
        ChangeDetector.Detection d =
                detect(s, entry("a.mp4", "t1", "DONE", "u1"), entry("a.mp4", "t2", "PENDING", "u2"));
        assertEquals(List.of(ChangeType.NEW), types(d));
        assertEquals(new EntryKey("a.mp4", "t2", 0), d.changes().get(0).key());
        assertEquals(2, d.next().size());
    }

    @Test
    void purgedEntriesAreRemovedWithTheirLastStateAndReleased() {
        InstanceState s = detect(
                        InstanceState.empty(),
                        entry("a.mp4", "t1", "DONE", "u1"),
                        entry("b.mp4", "t1", "ERRORED", "u1"))
                .next();
        ChangeDetector.Detection d = detect(s, entry("b.mp4", "t1", "ERRORED", "u1"));
        assertEquals(List.of(ChangeType.REMOVED), types(d));
        assertEquals(new EntryKey("a.mp4", "t1", 0), d.changes().get(0).key());
        assertEquals(new EntryState("DONE", "u1"), d.changes().get(0).current());
        assertNull(d.changes().get(0).entry());
        assertEquals(1, d.next().size());
        assertNull(d.next().get(new EntryKey("a.mp4", "t1", 0)));
    }

    @Test
    void anEmptyListRemovesEverything() {
        InstanceState s = detect(
                        InstanceState.empty(), entry("a.mp4", "t1", "DONE", "u1"), entry(null, "t1", "ERRORED", "u1"))
                .next();
        ChangeDetector.Detection d = detect(s);
        assertEquals(List.of(ChangeType.REMOVED, ChangeType.REMOVED), types(d));
        assertEquals(0, d.next().size());
    }

    @Test
    void collidingEntriesAreDisambiguatedByContentNotPosition() {
        IngestEntry x = new IngestEntry("t1", "u1", "ERRORED", "file path missing", Map.of("reschedule", "2022-10-19"));
        IngestEntry y = new IngestEntry("t1", "u1", "PENDING", null, Map.of("reschedule", "2022-10-20"));
        List<KeyedEntry> forward = ReferenceDetection.assign(List.of(x, y));
        List<KeyedEntry> backward = ReferenceDetection.assign(List.of(y, x));
        assertEquals(new EntryKey(null, "t1", 0), forward.get(0).key());
        assertEquals(new EntryKey(null, "t1", 1), forward.get(1).key());
        assertEquals(forward.get(0).key(), backward.get(1).key());
        assertEquals(forward.get(1).key(), backward.get(0).key());

        // Both are tracked separately, never merged; swapping their order changes nothing.
        InstanceState s =
                ReferenceDetection.detect(InstanceState.empty(), forward).next();
        assertEquals(2, s.size());
        assertEquals(List.of(), ReferenceDetection.detect(s, backward).changes());
    }

    @Test
    void arrayOrderNeverMatters() {
        List<IngestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            entries.add(entry("f" + (i % 10) + ".mp4", "t" + (i % 7), "S" + (i % 3), "u" + i));
        }
        InstanceState s = ReferenceDetection.detect(InstanceState.empty(), ReferenceDetection.assign(entries))
                .next();
        for (int round = 0; round < 5; round++) {
            List<IngestEntry> shuffled = new ArrayList<>(entries);
            Collections.shuffle(shuffled, new java.util.Random(round));
            assertEquals(
                    List.of(),
                    ReferenceDetection.detect(s, ReferenceDetection.assign(shuffled))
                            .changes());
        }
    }
}
