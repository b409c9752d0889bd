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
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A plain consumer that keeps everything a downstream user sees: topic, partition, key and value as the bytes the
 * converters wrote (read as UTF-8 text, or turned into text by a {@link Decoder} for binary formats), the Kafka
 * timestamp and every header in order.
 */
final class TopicReader implements AutoCloseable {
    /** Turns a key or value as written (never null) into the text the tests compare. */
    interface Decoder {
        String decode(String topic, Headers headers, byte[] data, boolean isKey);

        /** The bytes as UTF-8 text: what JSON and string converters write. */
        Decoder UTF8 = (topic, headers, data, isKey) -> new String(data, StandardCharsets.UTF_8);
    }

    /** One record as written. {@code headers} are "name=value" in order; a null value prints as "name=null". */
    record Rec(
            String topic, int partition, long offset, String key, String value, long timestamp, List<String> headers) {
        @Override
        public String toString() {
            return topic + "[" + partition + "@" + offset + "] key=" + key + " headers=" + headers + " value=" + value;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Decoder decoder;

    private TopicReader(String bootstrapServers, Decoder decoder) {
        this.decoder = decoder;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ecosystem-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Topics created later (routers, daily topics) must be found quickly by a pattern subscription.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "300");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static TopicReader of(String bootstrapServers, List<String> topics) {
        return of(bootstrapServers, topics, Decoder.UTF8);
    }

    static TopicReader of(String bootstrapServers, List<String> topics, Decoder decoder) {
        TopicReader r = new TopicReader(bootstrapServers, decoder);
        r.consumer.subscribe(topics);
        return r;
    }

    static TopicReader matching(String bootstrapServers, Pattern topics) {
        TopicReader r = new TopicReader(bootstrapServers, Decoder.UTF8);
        r.consumer.subscribe(topics);
        return r;
    }

    /** Polls until {@code count} records arrived or the timeout passed; returns what arrived, in arrival order. */
    List<Rec> take(int count, Duration timeout) {
        List<Rec> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                List<String> headers = new ArrayList<>();
                for (Header h : r.headers()) {
                    headers.add(h.key() + "="
                            + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)));
                }
                out.add(new Rec(
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        r.key() == null ? null : decoder.decode(r.topic(), r.headers(), r.key(), true),
                        r.value() == null ? null : decoder.decode(r.topic(), r.headers(), r.value(), false),
                        r.timestamp(),
                        List.copyOf(headers)));
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
