package io.github.okastconnect.it;

import io.github.okastconnect.it.OkastJson.Entry;
import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Bytes written to Kafka per poll (events, Connect's offsets, the state topic) with 10,000 tracked entries and 1 %
 * changing per poll, at-least-once and exactly-once, on a real broker and worker. A measurement, not a test: its name
 * matches no surefire or failsafe pattern, so run it by name ({@code mvn -B -pl connector -am test
 * -Dtest=StateBytesMeasurement -Dsurefire.failIfNoSpecifiedTests=false [-Dstate.bytes.label=...]}). It rewrites its
 * own section of benchmarks/results/state-bytes.md and keeps the others, so the file holds the runs of several builds.
 */
class StateBytesMeasurement {
    private static final int ENTRIES = 10_000;
    private static final int CHANGED = ENTRIES / 100;
    private static final int ROUNDS = 5;
    private static final String EVENTS = "okast.bytes";
    private static final String STATE = "okast.bytes.state";

    /** Bytes of keys, values and headers, and records, per topic kind. */
    record Bytes(long events, long offsets, long state, long eventRecords, long offsetRecords, long stateRecords) {
        static final Bytes ZERO = new Bytes(0, 0, 0, 0, 0, 0);

        Bytes plus(Bytes o) {
            return new Bytes(
                    events + o.events,
                    offsets + o.offsets,
                    state + o.state,
                    eventRecords + o.eventRecords,
                    offsetRecords + o.offsetRecords,
                    stateRecords + o.stateRecords);
        }
    }

    @Test
    void measure() throws Exception {
        String label = System.getProperty("state.bytes.label", "after");
        Path out = Path.of(System.getProperty("state.bytes.out", "../benchmarks/results/state-bytes.md"));
        Map<String, Bytes> byMode = new LinkedHashMap<>();
        byMode.put("at-least-once", run(Map.of()));
        byMode.put("exactly-once", run(Map.of("exactly.once.source.support", "enabled")));
        write(out, label, byMode);
    }

    private Bytes run(Map<String, String> overrides) throws Exception {
        List<Entry> queue = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            queue.add(new Entry(
                    "https://storage.example.com/media/bytes/programme-" + i + "/master.mp4",
                    "2026-1128 10:00:00",
                    "2026-1128 10:05:00",
                    "PROCESSING",
                    null));
        }
        try (ScriptedOkastServer server = new ScriptedOkastServer();
                EmbeddedConnectCluster cluster = EmbeddedConnectCluster.start(1, overrides)) {
            server.setBody("bytes", OkastJson.body(queue));
            Map<String, String> c = SourceConfig.of(EVENTS, 1, 500);
            c.put("okast.instances", "bytes");
            c.put("okast.instance.bytes.url", server.baseUrl("bytes"));
            // Unknown to builds before the state topic (ignored there).
            c.put("state.bootstrap.servers", cluster.bootstrapServers());
            c.put("state.topic", STATE);
            ConnectRestClient rest = cluster.rest();
            rest.createConnector("bytes", c);
            rest.awaitRunning("bytes", 1);
            Waits.until(
                    Duration.ofSeconds(120), "first sight of every entry", () -> records(cluster, EVENTS) >= ENTRIES);
            Thread.sleep(3_000);
            Bytes total = Bytes.ZERO;
            for (int round = 1; round <= ROUNDS; round++) {
                Map<TopicPartition, Long> start = ends(cluster);
                for (int i = round; i < ENTRIES; i += ENTRIES / CHANGED) {
                    queue.set(
                            i,
                            queue.get(i)
                                    .withStatus(round % 2 == 0 ? "PROCESSING" : "DONE", "2026-1128 11:00:0" + round));
                }
                server.setBody("bytes", OkastJson.body(queue));
                long want = records(cluster, EVENTS) + CHANGED;
                Waits.until(Duration.ofSeconds(60), "the round's events", () -> records(cluster, EVENTS) >= want);
                Thread.sleep(3_000); // at least two offset flushes (offset.flush.interval.ms=1000)
                Bytes one = since(cluster, start);
                System.out.printf("round %d: %s%n", round, one);
                total = total.plus(one);
            }
            return total;
        }
    }

    private static long records(EmbeddedConnectCluster cluster, String topic) {
        return ends(cluster).entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static Map<TopicPartition, Long> ends(EmbeddedConnectCluster cluster) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of(EVENTS, STATE, cluster.offsetsTopic())) {
                var infos = consumer.listTopics().get(topic);
                if (infos != null) {
                    infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
                }
            }
            return new HashMap<>(consumer.endOffsets(parts));
        }
    }

    /** What was written to each topic after {@code start} (records of this connector only, on the offsets topic). */
    private static Bytes since(EmbeddedConnectCluster cluster, Map<TopicPartition, Long> start) {
        Map<TopicPartition, Long> end = ends(cluster);
        Bytes total = Bytes.ZERO;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster)) {
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                TopicPartition tp = e.getKey();
                long from = start.getOrDefault(tp, 0L);
                if (from >= e.getValue()) {
                    continue;
                }
                consumer.assign(List.of(tp));
                consumer.seek(tp, from);
                boolean done = false;
                while (!done) {
                    var polled = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<byte[], byte[]> r : polled) {
                        if (r.offset() >= e.getValue()) {
                            done = true;
                            break;
                        }
                        total = total.plus(bytes(cluster, r));
                    }
                    done |= consumer.position(tp) >= e.getValue();
                }
            }
        }
        return total;
    }

    private static Bytes bytes(EmbeddedConnectCluster cluster, ConsumerRecord<byte[], byte[]> r) {
        long n = Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
        for (Header h : r.headers()) {
            n += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        if (r.topic().equals(EVENTS)) {
            return new Bytes(n, 0, 0, 1, 0, 0);
        }
        if (r.topic().equals(STATE)) {
            return new Bytes(0, 0, n, 0, 0, 1);
        }
        String key = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
        return key.contains("\"bytes\"") ? new Bytes(0, n, 0, 0, 1, 0) : Bytes.ZERO;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedConnectCluster cluster) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void write(Path out, String label, Map<String, Bytes> byMode) throws IOException {
        StringBuilder section = new StringBuilder("## " + label + "\n\n");
        section.append("Run ")
                .append(Instant.now())
                .append(", ")
                .append(ENTRIES)
                .append(" entries, ")
                .append(CHANGED)
                .append(" changed per poll, ")
                .append(ROUNDS)
                .append(" polls per mode; bytes are keys + values + headers")
                .append(
                        " as stored, per changed poll (offsets: this connector's records on Connect's offsets topic).\n\n");
        section.append(
                "| mode | events B/poll | offsets B/poll | state topic B/poll | total / events |\n|---|---|---|---|---|\n");
        byMode.forEach((mode, b) -> section.append(String.format(
                "| %s | %,d (%d records) | %,d (%d records) | %,d (%d records) | %.2f x |%n",
                mode,
                b.events() / ROUNDS,
                b.eventRecords() / ROUNDS,
                b.offsets() / ROUNDS,
                b.offsetRecords() / ROUNDS,
                b.state() / ROUNDS,
                b.stateRecords() / ROUNDS,
                (double) (b.events() + b.offsets() + b.state()) / b.events())));
        System.out.print(section);
        String header = "# Bytes written to Kafka per poll: 10k entries, 1 % changed\n\n"
                + "Written by connector/src/test/java/io/github/okastconnect/it/StateBytesMeasurement.java; each section"
                + " is one run of one build (the label says which).\n\n";
        String text = Files.exists(out) ? Files.readString(out) : header;
        int at = text.indexOf("## " + label + "\n");
        if (at >= 0) {
            int next = text.indexOf("\n## ", at + 1);
            text = text.substring(0, at) + (next < 0 ? "" : text.substring(next + 1));
        }
        Files.writeString(out, text.stripTrailing() + "\n\n" + section);
    }
}
