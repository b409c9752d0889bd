package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.SnapshotMode;
import io.github.okastconnect.detect.ChangeType;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.FailureCause;
import io.github.okastconnect.http.FetchResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * snapshot.mode as the task applies it: to the first parsed answer of an instance with no stored state only, with the
 * held-back entries recorded (in the tracker's state and in the offsets the emitted records carry).
 */
class FirstSightTrackerTest {
    private static final String REQUEST_TIME = "2026-1128 10:00:00";

    private static InstanceTracker tracker(InstanceState initial, SnapshotMode firstSight) {
        return new InstanceTracker(
                new InstanceConfig("paris", URI.create("http://127.0.0.1:1/s"), new Credentials.None()),
                initial,
                TestStateWriters.writer("paris"),
                firstSight,
                TestPipelines.standard(),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(100)),
                1_000,
                0);
    }

    /** Entries "<n>.mp4" with the given statuses, as the endpoint would send them. */
    private static byte[] queue(Map<String, String> statusByPath) {
        List<String> entries = new ArrayList<>();
        statusByPath.forEach((path, status) -> entries.add("{\"request\":{\"filePath\":\"" + path
                + "\"},\"requestTime\":\"" + REQUEST_TIME + "\",\"lastStatusUpdate\":\"2026-1128 10:00:0"
                + (status.length() % 10) + "\",\"status\":\"" + status + "\"}"));
        return ("[" + String.join(",", entries) + "]").getBytes(StandardCharsets.UTF_8);
    }

    /** The events of one answer. */
    private static List<SourceRecord> answer(InstanceTracker tracker, Map<String, String> statusByPath) {
        return answerAll(tracker, statusByPath).stream()
                .filter(r -> !StateRecordsFilter.isStateRecord(r))
                .toList();
    }

    /** Every record of one answer: events and state records. */
    private static List<SourceRecord> answerAll(InstanceTracker tracker, Map<String, String> statusByPath) {
        List<SourceRecord> out = new ArrayList<>();
        tracker.onResult(new FetchResult.Success(queue(statusByPath), 1, 1_000_000), 1, out);
        return out;
    }

    /** The entries (offset-encoded keys) given a state, not a tombstone, by the state records among {@code all}. */
    private static List<String> stored(List<SourceRecord> all) {
        return all.stream()
                .filter(r -> StateRecordsFilter.isStateRecord(r) && r.value() != null)
                .map(r -> r.headers().lastWithName("okast.key").value().toString())
                .toList();
    }

    private static Map<String, String> manyDone(int count) {
        Map<String, String> queue = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            queue.put(i + ".mp4", i % 2 == 0 ? "DONE" : "ERRORED");
        }
        return queue;
    }

    private static String path(SourceRecord record) {
        return ((Struct) record.key()).getString("filePath");
    }

    private static String changeType(SourceRecord record) {
        return ((Struct) record.value()).getString("changeType");
    }

    @Test
    void noneRecordsTheFirstAnswerAndEmitsOnlyLaterChanges() {
        InstanceTracker tracker = tracker(InstanceState.empty(), SnapshotMode.NONE);
        Map<String, String> queue = manyDone(200);
        queue.put("active.mp4", "PENDING");

        List<SourceRecord> all = answerAll(tracker, queue);
        assertEquals(
                0,
                all.stream().filter(r -> !StateRecordsFilter.isStateRecord(r)).count(),
                "no event");
        // The entries recorded silently are stored all the same: one state record each.
        assertEquals(201, stored(all).size(), "every entry of the first answer stored");
        assertEquals(201, tracker.state().size(), "all of them recorded");
        assertEquals(201, tracker.stats().entriesTracked());
        assertEquals(0, tracker.stats().events(ChangeType.NEW));

        queue.put("active.mp4", "DOWNLOADING");
        queue.put("later.mp4", "PENDING");
        queue.remove("7.mp4");
        List<SourceRecord> second = answer(tracker, queue);
        assertEquals(
                List.of("REMOVED 7.mp4", "STATUS_CHANGED active.mp4", "NEW later.mp4"),
                second.stream().map(r -> changeType(r) + " " + path(r)).toList());
    }

    @Test
    void activeAsNewEmitsTheEntriesStillUnderWay() {
        InstanceTracker tracker = tracker(InstanceState.empty(), SnapshotMode.ACTIVE_AS_NEW);
        Map<String, String> queue = manyDone(40);
        queue.put("a.mp4", "PENDING");
        queue.put("b.mp4", "PROCESSING");
        List<SourceRecord> all = answerAll(tracker, queue);
        assertEquals(42, stored(all).size(), "the terminal entries are stored besides the two emitted");
        List<SourceRecord> first =
                all.stream().filter(r -> !StateRecordsFilter.isStateRecord(r)).toList();
        assertEquals(
                List.of("a.mp4", "b.mp4"),
                first.stream().map(FirstSightTrackerTest::path).toList());
        assertEquals(2, tracker.stats().events(ChangeType.NEW));
        assertEquals(42, tracker.state().size());

        queue.put("0.mp4", "ERRORED");
        List<SourceRecord> second = answer(tracker, queue);
        assertEquals(
                List.of("STATUS_CHANGED 0.mp4"),
                second.stream().map(r -> changeType(r) + " " + path(r)).toList());
    }

    @Test
    void allAsNewIsTodaysFirstStart() {
        InstanceTracker tracker = tracker(InstanceState.empty(), SnapshotMode.ALL_AS_NEW);
        assertEquals(10, answer(tracker, manyDone(10)).size());
    }

    @Test
    void failuresBeforeTheFirstAnswerDoNotUseTheSnapshot() {
        InstanceTracker tracker = tracker(InstanceState.empty(), SnapshotMode.NONE);
        tracker.onResult(new FetchResult.Failure(FailureCause.SERVER_ERROR, "HTTP 503", 1), 1, new ArrayList<>());
        assertEquals(List.of(), answer(tracker, manyDone(5)), "the first parsed answer is the snapshot");
        Map<String, String> queue = manyDone(5);
        queue.put("new.mp4", "PENDING");
        assertEquals(
                List.of("new.mp4"),
                answer(tracker, queue).stream().map(FirstSightTrackerTest::path).toList());
    }

    @Test
    void anEmptyFirstAnswerEndsTheSnapshot() {
        InstanceTracker tracker = tracker(InstanceState.empty(), SnapshotMode.NONE);
        assertEquals(List.of(), answer(tracker, Map.of()));
        assertEquals(3, answer(tracker, manyDone(3)).size(), "entries arriving after the first answer are NEW");
    }

    @Test
    void anInstanceWithStoredStateComparesItsFirstAnswerWithIt() {
        Map<EntryKey, EntryState> stored =
                Map.of(new EntryKey("0.mp4", REQUEST_TIME, 0), new EntryState("PROCESSING", "2026-1128 10:00:00"));
        // null: the state was restored, snapshot.mode does not apply
        InstanceTracker tracker = tracker(InstanceState.of(stored), null);
        Map<String, String> queue = manyDone(2);
        assertEquals(
                List.of("STATUS_CHANGED 0.mp4", "NEW 1.mp4"),
                answer(tracker, queue).stream()
                        .map(r -> changeType(r) + " " + path(r))
                        .toList());
    }
}
