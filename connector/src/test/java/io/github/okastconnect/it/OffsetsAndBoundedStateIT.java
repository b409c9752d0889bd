package io.github.okastconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.okastconnect.TestResources;
import io.github.okastconnect.it.OkastJson.Entry;
import io.github.okastconnect.testkit.ConnectRest;
import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.EventConsumer;
import io.github.okastconnect.testkit.EventConsumer.Event;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import io.github.okastconnect.testkit.Waits;

/**
 * The offsets REST API (KIP-875) as operators use it, and the promise that stored state stays bounded by the live
 * queue however many entries have passed through it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OffsetsAndBoundedStateIT {
    private ScriptedOkastServer server;
    private EmbeddedConnectCluster cluster;

    @BeforeAll
    void start() throws Exception {
        server = new ScriptedOkastServer();
        cluster = EmbeddedConnectCluster.start(1, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        cluster.close();
        server.close();
    }

    private Map<String, String> config(String topic, String instance, String removalMode) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.github.okastconnect.OkastSourceConnector");
        c.put("tasks.max", "1");
        c.put("topic", topic);
        c.put("poll.interval.ms", "100");
        c.put("removal.mode", removalMode);
        c.put("okast.instances", instance);
        c.put("okast.instance." + instance + ".url", server.baseUrl(instance));
        return c;
    }

    @Test
    void offsetsCanBeInspectedValidatedAndResetToReEmitTheCurrentState() {
        ConnectRest rest = cluster.rest();
        server.setBody("paris", new String(TestResources.bytes("seed-response.json"), StandardCharsets.UTF_8));
        rest.createConnector("offsets", config("okast.offsets", "paris", "event"));
        rest.awaitRunning("offsets", 1);
        try (EventConsumer consumer = new EventConsumer(cluster.bootstrapServers(), "okast.offsets", false)) {
            assertEquals(4, consumer.take(4, Duration.ofSeconds(30)).size());

            // Offsets can only be altered on a stopped connector.
            rest.stop("offsets");
            JsonNode stored = rest.offsets("offsets").get("offsets").get(0);
            assertEquals("paris", stored.get("partition").get("instance").asText());
            assertEquals(5, stored.get("offset").size(), "version + 4 entries: " + stored);

            // Malformed offsets and unknown instances are refused, with the reason.
            ConnectRest.Response bad = rest.call("PATCH", "/connectors/offsets/offsets",
                    "{\"offsets\":[{\"partition\":{\"instance\":\"paris\"},\"offset\":{\"v\":1,\"garbage\":\"x\"}}]}");
            assertTrue(bad.status() >= 400 && bad.body().contains("garbage"), bad.toString());
            ConnectRest.Response unknown = rest.call("PATCH", "/connectors/offsets/offsets",
                    "{\"offsets\":[{\"partition\":{\"instance\":\"rome\"},\"offset\":{\"v\":1}}]}");
            assertTrue(unknown.status() >= 400 && unknown.body().contains("rome"), unknown.toString());
            assertEquals(5, rest.offsets("offsets").get("offsets").get(0).get("offset").size(), "unchanged");

            // Reset one instance with a null offset: on resume every current entry is emitted again as NEW.
            ConnectRest.Response reset = rest.call("PATCH", "/connectors/offsets/offsets",
                    "{\"offsets\":[{\"partition\":{\"instance\":\"paris\"},\"offset\":null}]}");
            assertEquals(200, reset.status(), reset.toString());
            rest.resume("offsets");
            rest.awaitRunning("offsets", 1);
            List<Event> again = consumer.take(4, Duration.ofSeconds(30));
            assertEquals(List.of("NEW", "NEW", "NEW", "NEW"), again.stream().map(Event::changeType).toList());
            int polls = server.requestCount("paris");
            Waits.until(Duration.ofSeconds(10), "more polls", () -> server.requestCount("paris") > polls + 3);
            assertEquals(List.of(), consumer.drain(Duration.ofMillis(500)));

            // DELETE resets the whole connector the same way.
            rest.stop("offsets");
            assertEquals(200, rest.call("DELETE", "/connectors/offsets/offsets", null).status());
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
        ConnectRest rest = cluster.rest();
        server.setBody("churn", "[]");
        rest.createConnector("churn", config("okast.churn", "churn", "none"));
        rest.awaitRunning("churn", 1);
        Deque<Entry> queue = new ArrayDeque<>();
        int created = 0;
        long events = 0;
        try (EventConsumer consumer = new EventConsumer(cluster.bootstrapServers(), "okast.churn", false)) {
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
                    queue.addLast(new Entry("https://storage.example.com/media/churn/" + created + ".mp4",
                            "2026-1128 10:00:00", "2026-1128 10:00:00", "PENDING", null));
                }
                server.setBody("churn", OkastJson.body(List.copyOf(queue)));
                int polls = server.requestCount("churn");
                Waits.until(Duration.ofSeconds(20), "two polls", () -> server.requestCount("churn") >= polls + 2);
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
        double tracked = (Double) ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName("kafka.connect:type=plugins,connector=churn,task=0,instance=churn"), "entries-tracked");
        rest.stop("churn");
        int stored = rest.offsets("churn").get("offsets").get(0).get("offset").size() - 1;
        System.out.printf("bounded state: %d entries cycled, live queue %d, tracked in task %.0f, stored in offset %d%n",
                total, live, tracked, stored);
        assertEquals(live, (int) tracked);
        assertEquals(live, stored);
    }
}
