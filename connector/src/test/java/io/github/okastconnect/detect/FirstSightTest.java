package io.github.okastconnect.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.config.SnapshotMode;
import io.github.okastconnect.parser.IngestEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each snapshot.mode emits of a first answer, and the state the emitted records start from. */
class FirstSightTest {
    private static IngestEntry entry(String filePath, String status) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("filePath", filePath);
        return new IngestEntry(
                "2026-1128 10:00:00", "2026-1128 10:00:0" + filePath.length() % 10, status, null, request);
    }

    /** A first answer as the detector sees it: against an empty state, every entry NEW. */
    private static List<Change> firstAnswer() {
        return ReferenceDetection.detect(
                        InstanceState.empty(),
                        ReferenceDetection.assign(List.of(
                                entry("pending.mp4", "PENDING"),
                                entry("done.mp4", "DONE"),
                                entry("downloading.mp4", "DOWNLOADING"),
                                entry("errored.mp4", "ERRORED"),
                                entry("processing.mp4", "processing"),
                                entry("lower-done.mp4", "done"))))
                .changes();
    }

    private static List<String> paths(List<Change> changes) {
        return changes.stream().map(c -> c.key().filePath()).toList();
    }

    @Test
    void allAsNewEmitsEveryEntryInItsOrder() {
        List<Change> changes = firstAnswer();
        FirstSight.Split split = FirstSight.split(SnapshotMode.ALL_AS_NEW, changes);
        assertEquals(changes, split.emitted());
        assertEquals(List.of(), split.recorded());
        assertEquals(0, split.base(InstanceState.empty()).size());
    }

    @Test
    void noneEmitsNothingAndRecordsEveryEntry() {
        List<Change> changes = firstAnswer();
        FirstSight.Split split = FirstSight.split(SnapshotMode.NONE, changes);
        assertEquals(List.of(), split.emitted());
        assertEquals(changes, split.recorded());
        InstanceState base = split.base(InstanceState.empty());
        assertEquals(6, base.size());
        for (Change change : changes) {
            assertEquals(change.current(), base.get(change.key()), change.key().filePath());
        }
    }

    @Test
    void activeAsNewEmitsOnlyEntriesNotDoneOrErrored() {
        FirstSight.Split split = FirstSight.split(SnapshotMode.ACTIVE_AS_NEW, firstAnswer());
        assertEquals(List.of("pending.mp4", "downloading.mp4", "processing.mp4"), paths(split.emitted()));
        assertEquals(List.of("done.mp4", "errored.mp4", "lower-done.mp4"), paths(split.recorded()));
        InstanceState base = split.base(InstanceState.empty());
        assertEquals(3, base.size());
        // the emitted changes applied to the base give the whole first answer: nothing is lost from the state
        InstanceState all = base.apply(split.emitted());
        for (Change change : firstAnswer()) {
            assertEquals(change.current(), all.get(change.key()), change.key().filePath());
        }
    }

    @Test
    void onlyNewChangesAreHeldBack() {
        Change removal = new Change(
                ChangeType.REMOVED,
                new EntryKey("gone.mp4", "t", 0),
                null,
                new EntryState("DONE", "u"),
                new EntryState("DONE", "u"));
        Change update = new Change(
                ChangeType.STATUS_CHANGED,
                new EntryKey("moved.mp4", "t", 0),
                entry("moved.mp4", "DONE"),
                new EntryState("PROCESSING", "u"),
                new EntryState("DONE", "v"));
        FirstSight.Split split = FirstSight.split(SnapshotMode.NONE, List.of(removal, update));
        assertEquals(List.of(removal, update), split.emitted());
    }

    @Test
    void terminalStatusesAreDoneAndErroredInAnyCase() {
        assertTrue(FirstSight.isTerminal(new EntryState("DONE", "u")));
        assertTrue(FirstSight.isTerminal(new EntryState("errored", "u")));
        assertFalse(FirstSight.isTerminal(new EntryState("PROCESSING", "u")));
        assertFalse(FirstSight.isTerminal(new EntryState(null, "u")));
    }
}
