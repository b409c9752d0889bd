package io.github.okastconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.okastconnect.it.OkastJson.Entry;
import io.github.okastconnect.testkit.InstanceSecret;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.ScriptedStack;
import io.github.okastconnect.testkit.StoredOffsets;
import io.github.okastconnect.testkit.StoredState;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * snapshot.mode on a real Connect worker: what the first start emits of a queue already full, that the entries held
 * back are still tracked (a later change of one is STATUS_CHANGED or UPDATED, never NEW), and that resetting the
 * offsets through the REST API (DELETE, or PATCH of one instance's marker to null, on the stopped connector) brings the
 * same first-start behaviour back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotModeIT {
    private static final Entry PENDING = entry("pending.mp4", "00", "PENDING");
    private static final Entry DOWNLOADING = entry("downloading.mp4", "01", "DOWNLOADING");
    private static final Entry DONE = entry("done.mp4", "02", "DONE");
    private static final Entry ERRORED = entry("errored.mp4", "03", "ERRORED");
    private static final Entry LATER = entry("later.mp4", "04", "PENDING");

    private static final InstanceSecret SECRET = new InstanceSecret("ops", "sn4pshot-pa55-never-logged");

    @RegisterExtension
    final ScriptedStack stack = ScriptedStack.of(SECRET);

    private static Entry entry(String file, String second, String status) {
        return new Entry(
                "https://storage.example.com/" + file, "2026-1128 09:00:" + second, "2026-1128 09:30:00", status, null);
    }

    @Test
    void allAsNewEmitsTheWholeQueueOnFirstStartAndAfterAReset() {
        run(
                "all_as_new",
                List.of("NEW done.mp4", "NEW downloading.mp4", "NEW errored.mp4", "NEW pending.mp4"),
                false,
                List.of("NEW done.mp4", "NEW downloading.mp4", "NEW errored.mp4", "NEW later.mp4", "NEW pending.mp4"));
    }

    @Test
    void noneEmitsNothingForTheQueueOnFirstStartNorAfterAReset() {
        run("none", List.of(), true, List.of());
    }

    @Test
    void activeAsNewEmitsTheEntriesNotDoneOrErroredOnFirstStartAndAfterAReset() {
        run(
                "active_as_new",
                List.of("NEW downloading.mp4", "NEW pending.mp4"),
                false,
                List.of("NEW downloading.mp4", "NEW later.mp4", "NEW pending.mp4"));
    }

    /**
     * @param firstStart   what the first start emits of the queue PENDING, DOWNLOADING, DONE, ERRORED
     * @param patchReset   reset with PATCH (a null offset for the instance's marker) instead of DELETE
     * @param afterReset   what the first poll after the reset emits of the queue then
     */
    private void run(String mode, List<String> firstStart, boolean patchReset, List<String> afterReset) {
        String name = "snapshot-" + mode.replace('_', '-');
        String instance = "inst_" + mode;
        String topic = "okast." + name;
        ConnectRestClient rest = stack.cluster().rest();
        List<Entry> queue = new ArrayList<>(List.of(PENDING, DOWNLOADING, DONE, ERRORED));
        stack.server().setBody(instance, OkastJson.body(queue));
        rest.createConnector(name, config(topic, instance, mode));
        rest.awaitRunning(name, 1);
        try (TopicReader consumer = TopicReader.subscribe(stack.cluster().bootstrapServers(), List.of(topic), false)) {
            assertEquals(firstStart, settle(consumer, instance, firstStart.size()), mode + ": first start");

            // Held back or not, every entry is tracked: a change of the DONE one is UPDATED, not NEW.
            queue.set(0, PENDING.withStatus("DOWNLOADING", "2026-1128 09:31:00"));
            queue.set(2, DONE.withStatus("DONE", "2026-1128 09:32:00"));
            queue.add(LATER);
            stack.server().setBody(instance, OkastJson.body(queue));
            assertEquals(
                    List.of("NEW later.mp4", "STATUS_CHANGED pending.mp4", "UPDATED done.mp4"),
                    sortedByType(settle(consumer, instance, 3)),
                    mode + ": changes after the first start");

            rest.stop(name);
            ConnectRestClient.Response reset = patchReset
                    ? rest.call("PATCH", "/connectors/" + name + "/offsets", StoredOffsets.resetOffsetsBody(instance))
                    : rest.call("DELETE", "/connectors/" + name + "/offsets", null);
            assertEquals(200, reset.status(), reset.toString());
            assertEquals(
                    0,
                    StoredState.entriesByInstance(stack.cluster().bootstrapServers(), rest, name)
                            .getOrDefault(instance, 0),
                    "no stored entry after the reset (PATCH leaves null offsets listed, DELETE none)");
            rest.resume(name);
            rest.awaitRunning(name, 1);
            assertEquals(afterReset, settle(consumer, instance, afterReset.size()), mode + ": after the reset");

            queue.set(1, DOWNLOADING.withStatus("DONE", "2026-1128 09:33:00"));
            stack.server().setBody(instance, OkastJson.body(queue));
            assertEquals(
                    List.of("STATUS_CHANGED downloading.mp4"),
                    settle(consumer, instance, 1),
                    mode + ": a change after the reset");
        } finally {
            rest.call("DELETE", "/connectors/" + name, null);
        }
    }

    private Map<String, String> config(String topic, String instance, String mode) {
        Map<String, String> c = stack.connectorConfig(topic, instance);
        c.put("snapshot.mode", mode);
        return c;
    }

    /**
     * Takes {@code expected} events, then lets the instance be polled a few more times and adds whatever else came:
     * an event too many fails the comparison. Returned as "CHANGE_TYPE file" sorted by file.
     */
    private List<String> settle(TopicReader consumer, String instance, int expected) {
        List<LifecycleEvent> events = new ArrayList<>(consumer.take(expected, Duration.ofSeconds(60)));
        int polls = stack.server().requestCount(instance);
        Waits.until(
                Duration.ofSeconds(30),
                "5 more polls of " + instance,
                () -> stack.server().requestCount(instance) > polls + 5);
        events.addAll(consumer.drain(Duration.ofMillis(700)));
        return events.stream()
                .map(e -> e.changeType() + " " + e.text("filePath").replace("https://storage.example.com/", ""))
                .sorted((a, b) -> a.substring(a.indexOf(' ')).compareTo(b.substring(b.indexOf(' '))))
                .toList();
    }

    private static List<String> sortedByType(List<String> events) {
        return events.stream().sorted().toList();
    }
}
