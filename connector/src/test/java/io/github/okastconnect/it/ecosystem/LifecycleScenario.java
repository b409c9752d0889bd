package io.github.okastconnect.it.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.okastconnect.it.ecosystem.Entries.Entry;
import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.InstanceSecret;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The product's end-to-end promise as one scenario, whatever runs Kafka and Connect: first sight, a status change,
 * a lastStatusUpdate-only change, nothing on an unchanged poll, a purge, then the restarts an operator does (the
 * connector stopped and resumed, the connector and its tasks restarted, the worker stopped and started), each with
 * a change made meanwhile or just after, which is emitted exactly once and nothing else is emitted again. Each
 * step's records are compared exactly (key, headers, every value field), and every record of an entry goes to one
 * partition of a 3-partition topic. The records are written with the worker's converters (schemaless JSON) unless a
 * {@link Format} names others, with the decoder that turns what they write back into JSON text.
 */
final class LifecycleScenario {
    /**
     * How the connector's records are written and read back: converter settings added to the connector config, and
     * the decoder that turns each key and value into the JSON the schemaless JsonConverter would have written.
     */
    record Format(Map<String, String> converters, TopicReader.Decoder decoder) {
        /** The worker's converters: JsonConverter without schemas. */
        static final Format WORKER_JSON = new Format(Map.of(), TopicReader.Decoder.UTF8);
    }

    static final String INSTANCE = "lyon";
    private static final Map<String, String> REQUEST = Map.of(
            "metadataPath",
            "https://storage/lyon/ingest.json",
            "destinationFolder",
            "a1b2c3d4-0000-4000-8000-000000000001",
            "destinationFolderKind",
            "queueBottom");

    /** The instance requires it; the ITs scan their whole run's logs for it. */
    static final InstanceSecret SECRET = new InstanceSecret("ops", "ec0system-pa55-never-logged");

    private final EmbeddedConnectCluster connect;
    private final String bootstrapServers;
    private final ScriptedOkastServer server;
    private final Format format;
    private final Map<String, Integer> partitionOfKey = new HashMap<>();
    private long started;

    LifecycleScenario(EmbeddedConnectCluster connect, String bootstrapServers, ScriptedOkastServer server) {
        this(connect, bootstrapServers, server, Format.WORKER_JSON);
    }

    LifecycleScenario(
            EmbeddedConnectCluster connect, String bootstrapServers, ScriptedOkastServer server, Format format) {
        this.connect = connect;
        this.bootstrapServers = bootstrapServers;
        this.server = server;
        this.format = format;
    }

    void run(String connectorName, String topic) throws Exception {
        started = System.currentTimeMillis();
        createTopic(topic, 3);
        server.setBody(INSTANCE, "[]");
        Map<String, String> config = SourceConfig.of(topic, 1, 250);
        config.put("removal.mode", "event_and_tombstone");
        config.put("okast.instances", INSTANCE);
        config.put("state.bootstrap.servers", bootstrapServers);
        config.put("okast.instance." + INSTANCE + ".url", server.baseUrl(INSTANCE));
        config.putAll(format.converters());
        SECRET.requireOn(server, INSTANCE);
        SECRET.configure(config, INSTANCE);
        connect.rest().createConnector(connectorName, config);
        connect.rest().awaitRunning(connectorName, 1);

        try (TopicReader reader = TopicReader.subscribe(bootstrapServers, List.of(topic), false, format.decoder())) {
            // 1. First sight: two entries, two NEW events.
            Entry clip = new Entry(
                    "https://storage/lyon/clip-0001.mp4",
                    "2026-1128 10:00:00",
                    "2026-1128 10:00:00",
                    "PENDING",
                    null,
                    REQUEST);
            Entry trailer = new Entry(
                    "https://storage/lyon/trailer.mp4",
                    "2026-1128 09:58:10",
                    "2026-1128 09:59:30",
                    "DONE",
                    null,
                    Map.of("metadataPath", "https://storage/lyon/ingest.json"));
            step(reader, List.of(clip, trailer), List.of(created(clip), created(trailer)));

            // 2. Status change: PENDING -> DOWNLOADING, one STATUS_CHANGED carrying the previous state.
            Entry downloading = clip.withStatus("DOWNLOADING", "2026-1128 10:00:05", null);
            step(reader, List.of(downloading, trailer), List.of(changed("STATUS_CHANGED", clip, downloading)));

            // 3. Only lastStatusUpdate moves: one UPDATED.
            Entry progressed = downloading.withStatus("DOWNLOADING", "2026-1128 10:00:09", null);
            step(reader, List.of(progressed, trailer), List.of(changed("UPDATED", downloading, progressed)));

            // 4. Unchanged queue (served in another order): nothing at all.
            step(reader, List.of(trailer, progressed), List.of());

            // 5. Purge: the clip leaves the queue; its REMOVED event, then its tombstone, in that order.
            List<LifecycleEvent> purge = step(
                    reader,
                    List.of(trailer),
                    List.of(
                            event(Entries.key(INSTANCE, progressed), Entries.removed(INSTANCE, progressed)),
                            line(
                                    Entries.key(INSTANCE, progressed),
                                    Entries.tombstoneHeaders(INSTANCE, progressed),
                                    null)));
            assertEquals(
                    List.of(false, true),
                    purge.stream().map(r -> r.valueText() == null).toList(),
                    "REMOVED event first, then the tombstone: " + purge);

            // 6. Connector stopped; meanwhile a new entry appears; connector resumed: its NEW event, once.
            connect.rest().stop(connectorName);
            Entry promo = new Entry(
                    "https://storage/lyon/promo.mp4",
                    "2026-1128 10:01:00",
                    "2026-1128 10:01:00",
                    "PENDING",
                    null,
                    REQUEST);
            server.setBody(INSTANCE, Entries.body(List.of(trailer, promo)));
            connect.rest().resume(connectorName);
            connect.rest().awaitRunning(connectorName, 1);
            step(reader, List.of(trailer, promo), List.of(created(promo)));

            // 7. Connector and task restarted with nothing changed: nothing emitted again; then one change, once.
            connect.rest().restart(connectorName);
            connect.rest().awaitRunning(connectorName, 1);
            step(reader, List.of(trailer, promo), List.of());
            Entry promoDownloading = promo.withStatus("DOWNLOADING", "2026-1128 10:01:07", null);
            step(
                    reader,
                    List.of(trailer, promoDownloading),
                    List.of(changed("STATUS_CHANGED", promo, promoDownloading)));

            // 8. Worker stopped; meanwhile the entry fails; worker started: that change once, nothing else.
            connect.stopWorker(0);
            Entry promoFailed = promoDownloading.withStatus("ERRORED", "2026-1128 10:01:30", "checksum mismatch");
            server.setBody(INSTANCE, Entries.body(List.of(trailer, promoFailed)));
            connect.startWorker(0);
            connect.rest().awaitRunning(connectorName, 1);
            step(
                    reader,
                    List.of(trailer, promoFailed),
                    List.of(changed("STATUS_CHANGED", promoDownloading, promoFailed)));
        }
        assertEquals(3, partitionOfKey.size(), "three entries: " + partitionOfKey);
    }

    private void createTopic(String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    private static String created(Entry e) {
        return event(Entries.key(INSTANCE, e), Entries.created(INSTANCE, e));
    }

    private static String changed(String type, Entry before, Entry now) {
        return event(Entries.key(INSTANCE, now), Entries.event(type, INSTANCE, before, now));
    }

    /** An event with its four headers (okast.change.type, okast.instance, okast.change.TYPE, okast.status.STATUS). */
    private static String event(ObjectNode key, ObjectNode value) {
        return line(key, Entries.headers(INSTANCE, value), value);
    }

    private static String line(ObjectNode key, List<String> headers, ObjectNode value) {
        return "key=" + Canon.json(key) + "\n  headers=" + headers + "\n  value=" + Canon.json(value);
    }

    /**
     * Serves the entries, waits for the expected records, then for three more polls, and checks that exactly the
     * expected records were written (as a multiset; order is checked by the caller where it is promised).
     */
    private List<LifecycleEvent> step(TopicReader reader, List<Entry> queue, List<String> expected) {
        server.setBody(INSTANCE, Entries.body(queue));
        List<LifecycleEvent> got = new ArrayList<>(reader.take(expected.size(), Duration.ofSeconds(30)));
        Canon.awaitPolls(server, List.of(INSTANCE), 3);
        got.addAll(reader.drain(Duration.ofMillis(500)));
        List<String> lines = new ArrayList<>();
        for (LifecycleEvent r : got) {
            ObjectNode value = r.valueText() == null ? null : (ObjectNode) Entries.tree(r.valueText());
            if (value != null) {
                Canon.takeObservedAt(value, r.timestamp(), started);
            }
            lines.add("key=" + Canon.json(Entries.tree(r.keyText())) + "\n  headers=" + r.headers() + "\n  value="
                    + Canon.json(value));
            Integer before = partitionOfKey.putIfAbsent(r.keyText(), r.partition());
            assertEquals(before == null ? r.partition() : before, r.partition(), "one partition per key: " + r);
        }
        assertEquals(Canon.sorted(expected), Canon.sorted(lines));
        return got;
    }
}
