package io.github.okastconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.it.OkastJson.Entry;
import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.StoredState;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The state topic on a real broker and worker: an upgrade from today's offsets (format 2, the committed fixture)
 * re-emits nothing, and an instance restored by another task (after a rebalance) re-emits nothing either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateTopicIT {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private Map<String, String> config(String topic, String instances, int tasks) {
        Map<String, String> c = SourceConfig.of(topic, tasks, 100);
        c.put("removal.mode", "event");
        c.put("okast.instances", instances);
        for (String id : instances.split(",")) {
            c.put("okast.instance." + id + ".url", server.baseUrl(id));
        }
        c.put("state.bootstrap.servers", cluster.bootstrapServers());
        return c;
    }

    /** Three more polls of the instance, then nothing may have arrived. */
    private void nothingMore(TopicReader consumer, String instance, String why) {
        int polls = server.requestCount(instance);
        Waits.until(
                Duration.ofSeconds(30),
                "3 more polls of " + instance,
                () -> server.requestCount(instance) >= polls + 3);
        assertEquals(List.of(), consumer.drain(Duration.ofSeconds(1)), why);
    }

    @Test
    void todaysOffsetsAreMigratedWithoutReEmittingAnything() throws Exception {
        Path fixtures = Path.of("src/test/resources/upgrade");
        String body = Files.readString(fixtures.resolve("v2-body.json"));
        JsonNode legacy = JSON.readTree(fixtures.resolve("v2-offsets.json").toFile());
        assertEquals(22, legacy.get("offsets").size(), "the fixture: 22 shard offsets holding 40 entries");
        server.setBody("legacy", body);
        ConnectRestClient rest = cluster.rest();
        Map<String, Object> create =
                Map.of("name", "legacy", "config", config("okast.legacy", "legacy", 1), "initial_state", "STOPPED");
        assertEquals(201, rest.call("POST", "/connectors", create).status());
        rest.awaitState("legacy", "STOPPED");
        ConnectRestClient.Response patched = rest.call("PATCH", "/connectors/legacy/offsets", legacy.toString());
        assertEquals(200, patched.status(), patched.toString());

        try (TopicReader consumer = TopicReader.subscribe(cluster.bootstrapServers(), List.of("okast.legacy"), false)) {
            rest.resume("legacy");
            rest.awaitRunning("legacy", 1);
            nothingMore(consumer, "legacy", "the upgrade re-emits nothing");

            rest.stop("legacy");
            JsonNode offsets = rest.getOffsets("legacy").get("offsets");
            assertEquals(1, offsets.size(), "the shards are gone, one marker left: " + offsets);
            assertEquals(3, offsets.get(0).get("offset").get("v").asInt(), offsets.toString());
            assertEquals(
                    Map.of("legacy", 40), StoredState.entriesByInstance(cluster.bootstrapServers(), rest, "legacy"));

            // From the migrated state: a restart emits nothing, one change once.
            rest.resume("legacy");
            rest.awaitRunning("legacy", 1);
            nothingMore(consumer, "legacy", "a restart after the upgrade emits nothing");
            server.setBody("legacy", body.replaceFirst("\"PENDING\"", "\"ERRORED\""));
            List<LifecycleEvent> change = consumer.take(1, Duration.ofSeconds(30));
            assertEquals(1, change.size());
            assertEquals("STATUS_CHANGED", change.get(0).changeType());
            assertEquals("PENDING", change.get(0).text("previousStatus"));
            nothingMore(consumer, "legacy", "the change once");
        }
        rest.call("DELETE", "/connectors/legacy", null);
    }

    @Test
    void anInstanceMovedToAnotherTaskIsRestoredFromTheStateTopic() {
        ConnectRestClient rest = cluster.rest();
        Entry a = new Entry("a.mp4", "2026-1128 10:00:00", "2026-1128 10:00:00", "PENDING", null);
        Entry b = new Entry("b.mp4", "2026-1128 10:00:01", "2026-1128 10:00:01", "DOWNLOADING", null);
        server.setBody("north", OkastJson.body(List.of(a, b)));
        server.setBody("south", OkastJson.body(List.of(a, b)));
        rest.createConnector("moving", config("okast.moving", "north,south", 2));
        rest.awaitRunning("moving", 2);
        try (TopicReader consumer = TopicReader.subscribe(cluster.bootstrapServers(), List.of("okast.moving"), false)) {
            assertEquals(4, consumer.take(4, Duration.ofSeconds(30)).size());
            nothingMore(consumer, "south", "first sight once");

            // One task now owns both instances: 'south' moves from task 1 to task 0.
            ConnectRestClient.Response put =
                    rest.call("PUT", "/connectors/moving/config", config("okast.moving", "north,south", 1));
            assertTrue(put.status() < 300, put.toString());
            rest.awaitRunning("moving", 1);
            nothingMore(consumer, "south", "a moved instance re-emits nothing");
            server.setBody("south", OkastJson.body(List.of(a.withStatus("DONE", "2026-1128 10:05:00"), b)));
            List<LifecycleEvent> change = consumer.take(1, Duration.ofSeconds(30));
            assertEquals(1, change.size());
            assertEquals("STATUS_CHANGED", change.get(0).changeType());
            assertEquals("south", change.get(0).text("instance"));
            nothingMore(consumer, "south", "the change once");
        }
        rest.call("DELETE", "/connectors/moving", null);
    }
}
