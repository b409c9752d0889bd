package io.github.okastconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.okastconnect.TestResources;
import io.github.okastconnect.it.OkastJson.Entry;
import io.github.okastconnect.testkit.InstanceSecret;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.ScriptedStack;
import io.github.okastconnect.testkit.StoredOffsets;
import io.github.okastconnect.testkit.StoredState;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The offsets REST API (KIP-875) as operators use it, and the promise that stored state stays bounded by the live
 * queue however many entries have passed through it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OffsetsAndBoundedStateIT {
    private static final InstanceSecret SECRET = new InstanceSecret("ops", "0ffsets-pa55-never-logged");

    @RegisterExtension
    final ScriptedStack stack = ScriptedStack.of(SECRET);

    private Map<String, String> config(String topic, String instance, String removalMode) {
        Map<String, String> c = stack.connectorConfig(topic, instance);
        c.put("removal.mode", removalMode);
        return c;
    }

    /** Live entries of each instance in the state topic, as a restart would restore them. */
    private Map<String, Integer> storedEntries(String connector) {
        return StoredState.entriesByInstance(
                stack.cluster().bootstrapServers(), stack.cluster().rest(), connector);
    }

    @Test
    void offsetsCanBeInspectedValidatedAndResetToReEmitTheCurrentState() {
        ConnectRestClient rest = stack.cluster().rest();
        stack.server().setBody("paris", new String(TestResources.bytes("seed-response.json"), StandardCharsets.UTF_8));
        rest.createConnector("offsets", config("okast.offsets", "paris", "event"));
        rest.awaitRunning("offsets", 1);
        try (TopicReader consumer =
                TopicReader.subscribe(stack.cluster().bootstrapServers(), List.of("okast.offsets"), false)) {
            assertEquals(4, consumer.take(4, Duration.ofSeconds(30)).size());

            // Offsets can only be altered on a stopped connector.
            rest.stop("offsets");
            JsonNode stored = rest.getOffsets("offsets").get("offsets");
            // One small marker per instance; the entries are in the state topic.
            assertEquals(1, stored.size(), stored.toString());
            for (JsonNode o : stored) {
                assertEquals(1, o.get("partition").size(), o.toString());
                assertEquals("paris", o.get("partition").get("instance").asText());
                assertEquals(3, o.get("offset").get("v").asInt(), o.toString());
            }
            assertEquals(Map.of("paris", 4), storedEntries("offsets"), stored.toString());

            // Malformed offsets (today's and format 2's), partitions of another shape and unknown instances are
            // refused, with the reason.
            ConnectRestClient.Response bad = rest.call(
                    "PATCH",
                    "/connectors/offsets/offsets",
                    "{\"offsets\":[{\"partition\":{\"instance\":\"paris\",\"shard\":0},"
                            + "\"offset\":{\"v\":2,\"garbage\":\"x\"}}]}");
            assertTrue(bad.status() >= 400 && bad.body().contains("garbage"), bad.toString());
            ConnectRestClient.Response badMarker = rest.call(
                    "PATCH",
                    "/connectors/offsets/offsets",
                    "{\"offsets\":[{\"partition\":{\"instance\":\"paris\"},\"offset\":{\"v\":3,\"e\":0,\"s\":-4,\"t\":1}}]}");
            assertTrue(badMarker.status() >= 400 && badMarker.body().contains("'s'"), badMarker.toString());
            ConnectRestClient.Response badShape = rest.call(
                    "PATCH",
                    "/connectors/offsets/offsets",
                    "{\"offsets\":[{\"partition\":{\"instance\":\"paris\",\"shard\":99},\"offset\":null}]}");
            assertTrue(badShape.status() >= 400 && badShape.body().contains("shard"), badShape.toString());
            ConnectRestClient.Response unknown = rest.call(
                    "PATCH",
                    "/connectors/offsets/offsets",
                    "{\"offsets\":[{\"partition\":{\"instance\":\"rome\",\"shard\":0},\"offset\":{\"v\":2}}]}");
            assertTrue(unknown.status() >= 400 && unknown.body().contains("rome"), unknown.toString());
            assertEquals(Map.of("paris", 4), storedEntries("offsets"), "unchanged");

            // Reset one instance (a null offset for its marker): on resume every current entry is emitted again as NEW.
            ConnectRestClient.Response reset =
                    rest.call("PATCH", "/connectors/offsets/offsets", StoredOffsets.resetOffsetsBody("paris"));
            assertEquals(200, reset.status(), reset.toString());
            rest.resume("offsets");
            rest.awaitRunning("offsets", 1);
            List<LifecycleEvent> again = consumer.take(4, Duration.ofSeconds(30));
            assertEquals(
                    List.of("NEW", "NEW", "NEW", "NEW"),
                    again.stream().map(LifecycleEvent::changeType).toList());
            int polls = stack.server().requestCount("paris");
            Waits.until(
                    Duration.ofSeconds(10), "more polls", () -> stack.server().requestCount("paris") > polls + 3);
            assertEquals(List.of(), consumer.drain(Duration.ofMillis(500)));

            // DELETE resets the whole connector the same way.
            rest.stop("offsets");
            assertEquals(
                    200,
                    rest.call("DELETE", "/connectors/offsets/offsets", null).status());
            rest.resume("offsets");
            rest.awaitRunning("offsets", 1);
            assertEquals(4, consumer.take(4, Duration.ofSeconds(30)).size());
        }
    }

    @Test
    void stateAndStoredOffsetsStayBoundedByTheLiveQueueAfter100kEntries() throws Exception {
        int live = 3_000;
        int step = 2_000;
        int total = 100_000;
        ConnectRestClient rest = stack.cluster().rest();
        stack.server().setBody("churn", "[]");
        rest.createConnector("churn", config("okast.churn", "churn", "none"));
        rest.awaitRunning("churn", 1);
        Deque<Entry> queue = new ArrayDeque<>();
        int created = 0;
        long events = 0;
        try (TopicReader consumer =
                TopicReader.subscribe(stack.cluster().bootstrapServers(), List.of("okast.churn"), false)) {
            while (created < total) {
                // Purge the oldest step, change the rest, add a new step: entries appear, change, get purged.
                while (queue.size() > live - step) {
                    queue.removeFirst();
                }
                List<Entry> changed = new ArrayList<>();
                for (Entry e : queue) {
                    changed.add(e.withStatus("PROCESSING", "2026-1128 11:00:00"));
                }
                queue.clear();
                queue.addAll(changed);
                for (int i = 0; i < step; i++, created++) {
                    queue.addLast(new Entry(
                            "https://storage.example.com/media/churn/" + created + ".mp4",
                            "2026-1128 10:00:00",
                            "2026-1128 10:00:00",
                            "PENDING",
                            null));
                }
                stack.server().setBody("churn", OkastJson.body(List.copyOf(queue)));
                int polls = stack.server().requestCount("churn");
                Waits.until(
                        Duration.ofSeconds(20),
                        "two polls",
                        () -> stack.server().requestCount("churn") >= polls + 2);
                events += consumer.drain(Duration.ofMillis(1)).size();
            }
            // Every entry: one NEW; every entry that survived a round: one STATUS_CHANGED.
            long expected = total + (long) (total - step) / step * (live - step);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (events < expected && System.nanoTime() < deadline) {
                events += consumer.drain(Duration.ofMillis(500)).size();
            }
            assertEquals(expected, events);
        }
        double tracked = (Double) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(
                        new ObjectName("kafka.connect:type=plugins,connector=churn,task=0,instance=churn"),
                        "entries-tracked");
        rest.stop("churn");
        int stored = storedEntries("churn").get("churn");
        System.out.printf(
                "bounded state: %d entries cycled, live queue %d, tracked in task %.0f, stored in state topic %d%n",
                total, live, tracked, stored);
        assertEquals(live, (int) tracked);
        assertEquals(live, stored);
    }

    /**
     * An offset is one Kafka record, refused by the producer above max.request.size (1 MB by default): state kept
     * in offsets once capped an instance's queue. With one state record per entry and a marker per instance, 25,000
     * live entries commit and a restart emits nothing.
     */
    @Test
    void largeQueuesCommitTheirOffsetsSoARestartEmitsNothing() throws Exception {
        int live = 25_000;
        List<Entry> queue = new ArrayList<>();
        for (int i = 0; i < live; i++) {
            queue.add(new Entry(
                    "https://storage.example.com/media/large-queue/programme-" + i + "/master.mp4",
                    "2026-1128 10:00:00",
                    "2026-1128 10:05:00",
                    "DONE",
                    null));
        }
        stack.server().setBody("large", OkastJson.body(queue));
        ConnectRestClient rest = stack.cluster().rest();
        rest.createConnector("large", config("okast.large", "large", "event"));
        rest.awaitRunning("large", 1);
        try (TopicReader consumer =
                TopicReader.subscribe(stack.cluster().bootstrapServers(), List.of("okast.large"), false)) {
            assertEquals(live, consumer.take(live, Duration.ofSeconds(90)).size());
            rest.stop("large");
            Map<String, Integer> stored = storedEntries("large");
            int partitions = rest.getOffsets("large").get("offsets").size();
            System.out.printf(
                    "large queue: %d live entries, stored in the state topic %s, %d offset partition(s)%n",
                    live, stored, partitions);
            assertEquals(Map.of("large", live), stored);

            rest.resume("large");
            rest.awaitRunning("large", 1);
            int polls = stack.server().requestCount("large");
            Waits.until(
                    Duration.ofSeconds(30),
                    "three polls after the restart",
                    () -> stack.server().requestCount("large") >= polls + 3);
            assertEquals(List.of(), consumer.drain(Duration.ofSeconds(1)), "nothing re-emitted after a restart");
        }
        rest.call("DELETE", "/connectors/large", null);
    }

    /**
     * A crash without exactly-once, replayed deterministically: the offsets committed after the first poll are
     * lost (reset to what the worker had stored then), while the events of the second poll are on the topic. With
     * recovery.bootstrap.servers the restarted task reads them back and emits exactly the next transitions; from
     * offsets alone it repeats two events and never emits the REMOVED of an entry seen and purged meanwhile.
     */
    @Test
    void readBackOfTheTopicRecoversWhatOffsetsCommittedAfterACrashMiss() {
        List<String> withReadBack = crashAndRecover("readback", true);
        List<String> offsetsAlone = crashAndRecover("offsetsonly", false);
        System.out.printf(
                "after a lost offset commit: with read-back %s; offsets alone %s%n", withReadBack, offsetsAlone);
        assertEquals(List.of("REMOVED d PENDING", "STATUS_CHANGED c ERRORED"), withReadBack);
        // The control: the same crash from offsets alone repeats a and b and loses d's removal.
        assertEquals(List.of("REMOVED b PENDING", "STATUS_CHANGED a DONE", "STATUS_CHANGED c ERRORED"), offsetsAlone);
    }

    private List<String> crashAndRecover(String name, boolean readBack) {
        ConnectRestClient rest = stack.cluster().rest();
        String topic = "okast." + name;
        Entry a = new Entry("a.mp4", "2026-1128 10:00:00", "2026-1128 10:00:00", "PENDING", null);
        Entry b = new Entry("b.mp4", "2026-1128 10:00:01", "2026-1128 10:00:01", "PENDING", null);
        Entry c = new Entry("c.mp4", "2026-1128 10:00:02", "2026-1128 10:00:02", "PENDING", null);
        Entry d = new Entry("d.mp4", "2026-1128 10:00:03", "2026-1128 10:00:03", "PENDING", null);
        stack.server().setBody(name, OkastJson.body(List.of(a, b, c)));
        Map<String, String> config = config(topic, name, "event");
        if (readBack) {
            config.put("recovery.bootstrap.servers", stack.cluster().bootstrapServers());
        }
        rest.createConnector(name, config);
        rest.awaitRunning(name, 1);
        try (TopicReader consumer = TopicReader.subscribe(stack.cluster().bootstrapServers(), List.of(topic), false)) {
            assertEquals(3, consumer.take(3, Duration.ofSeconds(30)).size());
            rest.stop(name);
            JsonNode committedAfterFirstPoll = rest.getOffsets(name).get("offsets");
            rest.resume(name);
            rest.awaitRunning(name, 1);

            Entry aDone = a.withStatus("DONE", "2026-1128 10:05:00");
            stack.server().setBody(name, OkastJson.body(List.of(aDone, c, d)));
            assertEquals(3, consumer.take(3, Duration.ofSeconds(30)).size(), "a changed, b removed, d new");
            rest.stop(name);

            // The crash: every offset committed since the first poll is gone; the topics still have the records.
            assertEquals(1, committedAfterFirstPoll.size(), committedAfterFirstPoll.toString());
            String patch = StoredOffsets.markerBody(
                    name, committedAfterFirstPoll.get(0).get("offset").toString());
            ConnectRestClient.Response reset = rest.call("PATCH", "/connectors/" + name + "/offsets", patch);
            assertEquals(200, reset.status(), reset.toString());
            stack.server().setBody(name, OkastJson.body(List.of(aDone, c.withStatus("ERRORED", "2026-1128 10:06:00"))));
            rest.resume(name);
            rest.awaitRunning(name, 1);
            int polls = stack.server().requestCount(name);
            Waits.until(
                    Duration.ofSeconds(30),
                    "three polls after the restart",
                    () -> stack.server().requestCount(name) >= polls + 3);
            List<String> after = new ArrayList<>();
            for (LifecycleEvent e : consumer.drain(Duration.ofSeconds(1))) {
                after.add(e.changeType() + " " + e.text("filePath").charAt(0) + " " + e.text("status"));
            }
            after.sort(null);
            rest.call("DELETE", "/connectors/" + name, null);
            return after;
        }
    }
}
