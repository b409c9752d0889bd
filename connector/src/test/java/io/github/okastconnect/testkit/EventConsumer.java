package io.github.okastconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain consumer of the lifecycle topic, as a downstream user would run it (JSON, schemas off). */
public final class EventConsumer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;

    /** One record: key and value as JSON; value null for a tombstone. */
    public record Event(JsonNode key, JsonNode value, long timestamp) {
        public String changeType() {
            return value == null ? "TOMBSTONE" : value.path("changeType").asText();
        }

        public String text(String field) {
            return value == null || value.get(field) == null || value.get(field).isNull()
                    ? null
                    : value.get(field).asText();
        }

        @Override
        public String toString() {
            return changeType() + " " + key
                    + (value == null
                            ? ""
                            : " status=" + text("status") + " previous=" + text("previousStatus") + " last="
                                    + text("lastStatusUpdate"));
        }
    }

    public EventConsumer(String bootstrapServers, String topic, boolean readCommitted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code count} events arrived (or the timeout passed); returns what arrived. */
    public List<Event> take(int count, Duration timeout) {
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                out.add(new Event(parse(r.key()), parse(r.value()), r.timestamp()));
            }
        }
        return out;
    }

    /** Everything that arrives within {@code window}. */
    public List<Event> drain(Duration window) {
        return take(Integer.MAX_VALUE, window);
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
