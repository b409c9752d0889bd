package io.github.okastconnect.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.okastconnect.testkit.SingleBrokerKafka;
import io.github.okastconnect.testkit.TopicReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two tracker instances (same application.id, persistent stores) on one real in-process broker: every
 * query is sent to the instance that does <em>not</em> own the data, searches and overviews gather from
 * both, and bad requests get JSON 4xx answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackerClusterIT {

    private static final String TOPIC = "okast.ingest.lifecycle";
    private KafkaClusterTestKit kafka;
    private IngestTracker a;
    private IngestTracker b;
    private KafkaProducer<String, String> producer;
    private String onA;
    private String onB;
    private final long now = System.currentTimeMillis();

    @BeforeAll
    void start() throws Exception {
        kafka = SingleBrokerKafka.start();
        TopicReader.createTopic(kafka.bootstrapServers(), TOPIC, 4);
        a = tracker("a");
        b = tracker("b");
        Http.await("both trackers running with tasks each", () -> bothHaveTasks(), ok -> ok);
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            candidates.add("channel-" + i);
        }
        onA = candidates.stream()
                .filter(name -> owner(name).equals(a.hostInfo()))
                .findFirst()
                .orElseThrow();
        onB = candidates.stream()
                .filter(name -> owner(name).equals(b.hostInfo()))
                .findFirst()
                .orElseThrow();
        producer = SingleBrokerKafka.producer(kafka.bootstrapServers());
    }

    private IngestTracker tracker(String name) throws Exception {
        Path stateDir =
                Files.createDirectories(Path.of("target", "tracker-state")).resolve(name + "-" + System.nanoTime());
        Properties extra = new Properties();
        extra.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        return IngestTracker.start(
                TrackerSettings.defaults()
                        .withBootstrapServers(kafka.bootstrapServers())
                        .withApplicationId("tracker-cluster-it")
                        .withHttpPort(0)
                        .withStateDir(stateDir.toString()),
                extra);
    }

    private boolean bothHaveTasks() {
        if (a.streams().state() != KafkaStreams.State.RUNNING || b.streams().state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        var clients = a.streams().metadataForAllStreamsClients();
        return clients.size() == 2
                && clients.stream().allMatch(m -> m.stateStoreNames().contains(TrackerStores.ENTRIES));
    }

    private HostInfo owner(String instance) {
        return a.streams()
                .queryMetadataForKey(
                        TrackerStores.ENTRIES, instance, Serdes.String().serializer())
                .activeHost();
    }

    @AfterAll
    void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
        for (IngestTracker t : new IngestTracker[] {a, b}) {
            if (t != null) {
                t.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private void send(Events e, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, e.key(), value)).get();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(n -> n.path(field).asText())
                .toList();
    }

    @Test
    void everyQueryIsAnsweredByTheInstanceThatDoesNotOwnTheData() throws Exception {
        Events e = new Events(onA, "https://cdn.example/news/owned-by-a.mp4", "2024-0101 10:00:00", now - 60_000);
        send(e, e.newEvent("PENDING", now - 3000));
        send(e, e.changedTo("DOWNLOADING", now - 2000));
        send(e, e.changedTo("DONE", now - 1000));

        // b does not own onA: it forwards to a.
        JsonNode page = Http.await(
                        "the entry on b",
                        () -> Http.get(b.url() + "api/instances/" + enc(onA) + "/ingests"),
                        r -> r.status() == 200
                                && r.json().path("total").asInt() == 1
                                && r.json()
                                        .path("items")
                                        .get(0)
                                        .path("status")
                                        .asText()
                                        .equals("DONE"))
                .json();
        JsonNode item = page.path("items").get(0);
        assertEquals("DONE", item.path("status").asText());
        assertEquals(List.of("PENDING", "DOWNLOADING", "DONE"), texts(item.path("timeline"), "status"));

        Http.Reply timeline =
                Http.get(b.url() + "api/ingests/" + item.path("id").asText());
        assertEquals(200, timeline.status());
        assertEquals(
                List.of(1000L, 1000L),
                List.of(
                        timeline.json().path("timeline").get(0).path("spentMs").asLong(),
                        timeline.json().path("timeline").get(1).path("spentMs").asLong()));

        Http.Reply figures = Http.get(b.url() + "api/instances/" + enc(onA));
        assertEquals(200, figures.status());
        assertEquals(1, figures.json().path("completed").asInt());

        Http.Reply filtered = Http.get(b.url() + "api/instances/" + enc(onA) + "/ingests?status=PENDING,ERRORED");
        assertEquals(0, filtered.json().path("total").asInt());

        // And the other way round.
        Events f = new Events(onB, "https://cdn.example/news/owned-by-b.mp4", "2024-0101 10:00:00", now - 60_000);
        send(f, f.newEvent("PROCESSING", now - 1000));
        JsonNode fromA = Http.await(
                        "the entry on a",
                        () -> Http.get(a.url() + "api/instances/" + enc(onB) + "/ingests"),
                        r -> r.status() == 200 && r.json().path("total").asInt() == 1)
                .json();
        assertEquals("PROCESSING", fromA.path("items").get(0).path("status").asText());
        assertEquals(
                200,
                Http.get(a.url() + "api/ingests/"
                                + fromA.path("items").get(0).path("id").asText())
                        .status());
    }

    @Test
    void searchAndOverviewsGatherFromBothInstances() throws Exception {
        Events onAEntry = new Events(onA, "https://cdn.example/a/Shared-Clip.mp4", "r1", now - 20_000);
        Events onBEntry = new Events(onB, "s3://bucket/b/shared-clip.mp4", "r2", now - 10_000);
        send(onAEntry, onAEntry.newEvent("PENDING", now - 20_000));
        send(onBEntry, onBEntry.newEvent("PENDING", now - 10_000));
        send(onBEntry, onBEntry.erroredWith("Checksum mismatch", now - 5_000));
        Events stuck = new Events(onA, "https://cdn.example/a/stuck-one.mp4", "r3", now - 3_600_000);
        send(stuck, stuck.newEvent("DOWNLOADING", now - 3_600_000));

        for (IngestTracker asked : new IngestTracker[] {a, b}) {
            JsonNode found = Http.await(
                            "search on " + asked.url(),
                            () -> Http.get(asked.url() + "api/search?q=shared-clip"),
                            r -> r.status() == 200 && r.json().path("items").size() == 2)
                    .json();
            assertEquals(List.of(onB, onA), texts(found.path("items"), "instance"), "newest request first");
            assertEquals(0, found.path("unavailableHosts").size());

            JsonNode attention = Http.await(
                            "attention on " + asked.url(),
                            () -> Http.get(asked.url() + "api/attention"),
                            r -> r.status() == 200
                                    && r.json().path("stuck").size() >= 1
                                    && texts(r.json().path("errored"), "filePath")
                                            .contains("s3://bucket/b/shared-clip.mp4"))
                    .json();
            JsonNode stuckOne = StreamSupport.stream(attention.path("stuck").spliterator(), false)
                    .filter(n -> n.path("filePath").asText().endsWith("stuck-one.mp4"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("DOWNLOADING", stuckOne.path("status").asText());
            assertTrue(stuckOne.path("stuckForMs").asLong() >= 3_600_000L);
            JsonNode errored = StreamSupport.stream(attention.path("errored").spliterator(), false)
                    .filter(n -> n.path("instance").asText().equals(onB))
                    .findFirst()
                    .orElseThrow();
            assertEquals("Checksum mismatch", errored.path("statusError").asText());

            JsonNode instances = Http.get(asked.url() + "api/instances").json();
            assertTrue(
                    texts(instances.path("instances"), "instance").containsAll(List.of(onA, onB)),
                    instances.toString());
        }
        assertNotEquals(owner(onA), owner(onB));
    }

    @Test
    void badRequestsGetJsonMessagesAndChangeNothing() throws Exception {
        String[][] cases = {
            {"api/nothing-here", "404"},
            {"api/instances/no-such-instance", "404"},
            {"api/instances/no-such-instance/ingests", "404"},
            {"api/ingests/not-an-id", "404"},
            {"api/ingests/" + EntryIds.toId("ghost\u0000p\u0000r\u00000"), "404"},
            {"api/search", "400"},
            {"api/search?q=%20", "400"},
            {"api/search?q=a&limit=0", "400"},
            {"api/search?q=a&limit=abc", "400"},
            {"api/search?q=a&limit=99999999999", "400"},
            {"api/search?q=%C3%28", "200"}, // not UTF-8: decoded with a replacement character, searched, nothing found
            {"api/search?q=a&q=b", "400"},
            {"api/search?q=" + "x".repeat(2000), "400"},
            {"api/instances/" + enc(onA) + "/ingests?status=PENDING;DROP", "400"},
            {"api/instances/" + enc(onA) + "/ingests?offset=-1", "400"},
            {"api/attention?limit=501", "400"},
        };
        for (IngestTracker asked : new IngestTracker[] {a, b}) {
            for (String[] c : cases) {
                Http.Reply r = Http.get(asked.url() + c[0]);
                assertEquals(Integer.parseInt(c[1]), r.status(), c[0]);
                assertTrue(r.contentType().startsWith("application/json"), c[0]);
                if (r.status() != 200) {
                    assertEquals(Integer.parseInt(c[1]), r.json().path("status").asInt(), c[0]);
                    assertTrue(!r.json().path("message").asText().isBlank(), c[0]);
                }
            }
            // A request line that is not a URI never reaches the app: the JDK server answers its own 400 page.
            assertEquals(400, Http.get(asked.url() + "api/search?q=%zz").status());
            Http.Reply post = Http.send(HttpRequest.newBuilder(URI.create(asked.url() + "api/search?q=a"))
                    .POST(HttpRequest.BodyPublishers.ofString("{"))
                    .build());
            assertEquals(405, post.status());
            assertEquals(405, post.json().path("status").asInt());
        }
        assertEquals(KafkaStreams.State.RUNNING, a.streams().state());
        assertEquals(KafkaStreams.State.RUNNING, b.streams().state());
        assertEquals(200, Http.get(a.url() + "api/instances").status());
    }
}
