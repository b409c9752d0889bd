package io.github.okastconnect.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.detect.KeyedEntry;
import io.github.okastconnect.detect.ReferenceDetection;
import io.github.okastconnect.detect.ScannedEntries;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.MalformedResponseException;
import io.github.okastconnect.parser.ParsedResponse;
import io.github.okastconnect.parser.ScanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task's per-poll path (scan → byte-level detection → entries read in full only when changed) must give exactly
 * what the reference path gives (parse → {@link EntryKeys} → detection on {@link KeyedEntry} values): same skips,
 * same failures, same changes with the same keys and entries, same next state, against an empty state and against
 * a state where some entries are as the body has them, some differ, some are missing and one is not in the body.
 */
final class ScanCheck {
    private static final ChangeDetector DETECTOR = new ChangeDetector();

    private ScanCheck() {}

    static void matches(IngestStatusParser parser, byte[] body, ParsedResponse parsed) throws Exception {
        ScanResult<ScannedEntries> scan = parser.scan(body, ScannedEntries::new);
        assertEquals(parsed.skipped(), scan.skipped(), "scan skips what parse skips");
        assertEquals(parsed.entries().size(), scan.visitor().size(), "scan keeps what parse keeps");
        List<KeyedEntry> keyed = ReferenceDetection.assign(parsed.entries());

        ChangeDetector.Detection reference = ReferenceDetection.detect(InstanceState.empty(), keyed);
        compare(parser, body, InstanceState.empty(), reference);

        Map<EntryKey, EntryState> altered = new LinkedHashMap<>();
        List<EntryKey> keys = new ArrayList<>();
        reference.next().forEach((key, state) -> keys.add(key));
        for (int i = 0; i < keys.size(); i++) {
            EntryKey key = keys.get(i);
            EntryState state = reference.next().get(key);
            switch (i % 4) {
                case 0 -> altered.put(key, state);
                case 1 -> altered.put(key, new EntryState(state.status(), "x" + state.lastStatusUpdate()));
                case 2 ->
                    altered.put(key, new EntryState(state.status() == null ? "S" : null, state.lastStatusUpdate()));
                default -> {}
            }
        }
        altered.put(new EntryKey("gone.mp4", "2022-1018 14:20:00", 3), new EntryState("DONE", null));
        InstanceState before = InstanceState.of(altered);
        compare(
                parser,
                body,
                before,
                ReferenceDetection.detect(before, ReferenceDetection.assign(parsed.entries(), before)));
    }

    private static void compare(
            IngestStatusParser parser, byte[] body, InstanceState before, ChangeDetector.Detection reference)
            throws Exception {
        ScanResult<ScannedEntries> scan = parser.scan(body, ScannedEntries::new);
        ChangeDetector.Detection fast = DETECTOR.detect(before, scan.visitor(), scan::entryAt, null);
        assertEquals(reference.changes(), fast.changes(), "scan path changes");
        assertEquals(reference.next().size(), fast.next().size(), "scan path state size");
        reference.next().forEach((key, state) -> assertEquals(state, fast.next().get(key), () -> "state of " + key));
    }

    static void rejects(IngestStatusParser parser, byte[] body, MalformedResponseException expected) {
        MalformedResponseException e = assertThrows(
                MalformedResponseException.class,
                () -> parser.scan(body, ScannedEntries::new),
                "scan rejects what parse rejects");
        assertEquals(expected.getMessage(), e.getMessage());
    }
}
