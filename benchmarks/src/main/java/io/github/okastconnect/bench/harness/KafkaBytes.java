package io.github.okastconnect.bench.harness;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the broker stores, read from the broker itself: the size of every topic's log (all partitions, all log
 * directories, as {@code Admin.describeLogDirs} reports it), and the key + value bytes of the records a topic
 * received between two offsets. Log growth over a window is what was written to Kafka in it, whatever the topic
 * (events, Connect's offsets, a state topic, the transaction log); compaction does not run on the active segment, so
 * nothing written in a short window is gone when it is measured.
 */
final class KafkaBytes implements AutoCloseable {
    private final String bootstrap;
    private final Admin admin;

    KafkaBytes(String bootstrapServers) {
        this.bootstrap = bootstrapServers;
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        this.admin = Admin.create(p);
    }

    /** Topic → bytes in its log on the broker. */
    Map<String, Long> topicSizes() throws Exception {
        List<Integer> brokers =
                admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
        Map<String, Long> out = new HashMap<>();
        for (Map<String, LogDirDescription> dirs :
                admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                dir.replicaInfos().forEach((tp, info) -> out.merge(tp.topic(), info.size(), Long::sum));
            }
        }
        return out;
    }

    /** Partition → end offset of a topic now. */
    Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(false)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** {records, key + value bytes} of the committed records between two sets of end offsets. */
    long[] recordBytes(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        long records = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(true)) {
            consumer.assign(to.keySet());
            to.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (to.keySet().stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < to.get(tp)) {
                        records++;
                        bytes += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
                    }
                }
            }
        }
        return new long[] {records, bytes};
    }

    private KafkaConsumer<byte[], byte[]> consumer(boolean readCommitted) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
        p.put("max.partition.fetch.bytes", Integer.toString(8 << 20));
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        admin.close();
    }
}
