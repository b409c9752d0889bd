package io.github.okastconnect.it.ecosystem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain consumer that keeps everything a downstream user sees: topic, partition, key and value as the bytes the
 * converters wrote (read as UTF-8 text), the Kafka timestamp and every header in order.
 */
final class TopicReader implements AutoCloseable {
    /** One record as written. {@code headers} are "name=value" in order; a null value prints as "name=null". */
    record Rec(
            String topic, int partition, long offset, String key, String value, long timestamp, List<String> headers) {
        @Override
        public String toString() {
            return topic + "[" + partition + "@" + offset + "] key=" + key + " headers=" + headers + " value=" + value;
        }
    }

    private final KafkaConsumer<String, String> consumer;

    private TopicReader(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ecosystem-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Topics created later (routers, daily topics) must be found quickly by a pattern subscription.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "300");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    static TopicReader of(String bootstrapServers, List<String> topics) {
        TopicReader r = new TopicReader(bootstrapServers);
        r.consumer.subscribe(topics);
        return r;
    }

    static TopicReader matching(String bootstrapServers, Pattern topics) {
        TopicReader r = new TopicReader(bootstrapServers);
        r.consumer.subscribe(topics);
        return r;
    }

    /** Polls until {@code count} records arrived or the timeout passed; returns what arrived, in arrival order. */
    List<Rec> take(int count, Duration timeout) {
        List<Rec> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(100));
            for (ConsumerRecord<String, String> r : batch) {
                List<String> headers = new ArrayList<>();
                for (Header h : r.headers()) {
                    headers.add(h.key() + "="
                            + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)));
                }
                out.add(new Rec(
                        r.topic(), r.partition(), r.offset(), r.key(), r.value(), r.timestamp(), List.copyOf(headers)));
            }
            if (!batch.isEmpty()) {
                // A topic that appears later (a router's, a day's) rebalances the group; without committed
                // positions the consumer would then re-read every partition from the start.
                consumer.commitSync();
            }
        }
        return out;
    }

    /** Everything that arrives within {@code window}. */
    List<Rec> drain(Duration window) {
        return take(Integer.MAX_VALUE, window);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
