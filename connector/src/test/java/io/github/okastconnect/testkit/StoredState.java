package io.github.okastconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.okastconnect.state.StateEntry;
import io.github.okastconnect.state.StateRecords;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a connector has stored, as a restart would see it: per instance, the entries whose last record in the state
 * topic is a state (not a tombstone) of the epoch the instance's marker names.
 */
public final class StoredState {
    private StoredState() {}

    /** Live stored entries per instance that has a marker or state records (default state topic name). */
    public static Map<String, Integer> entriesByInstance(
            String bootstrapServers, ConnectRestClient rest, String connector) {
        Map<String, Long> epochs = new HashMap<>();
        for (JsonNode o : rest.getOffsets(connector).get("offsets")) {
            JsonNode partition = o.get("partition");
            if (partition.size() == 1 && o.get("offset").has("e")) {
                epochs.put(
                        partition.get("instance").asText(),
                        o.get("offset").get("e").asLong());
            }
        }
        Map<String, StateEntry> latest = new HashMap<>();
        for (StateEntry e : read(bootstrapServers, connector + ".okast-state")) {
            latest.put(e.instance() + "/" + e.encodedKey(), e);
        }
        Map<String, Integer> out = new TreeMap<>();
        epochs.keySet().forEach(id -> out.put(id, 0));
        for (StateEntry e : latest.values()) {
            out.putIfAbsent(e.instance(), 0);
            if (e.encodedState() != null && epochs.containsKey(e.instance()) && epochs.get(e.instance()) == e.epoch()) {
                out.merge(e.instance(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Every state record of a state topic, committed ones only, in log order per partition. */
    public static List<StateEntry> read(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<StateEntry> out = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.listTopics().get(topic);
            if (infos == null) {
                return out;
            }
            List<TopicPartition> parts = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("state topic " + topic + " not read to its end in 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    StateRecords.decode(r.headers()).ifPresent(out::add);
                }
            }
        }
        return out;
    }
}
