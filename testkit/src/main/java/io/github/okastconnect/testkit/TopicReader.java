package io.github.okastconnect.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A plain {@link KafkaConsumer} that keeps everything a downstream user sees, as {@link LifecycleEvent}s: topic,
 * partition, key and value as the text the converters wrote, the Kafka timestamp and every header in order. Three
 * ways to read: one topic from its beginning by manual assignment ({@link #fromStart}), named topics through a
 * consumer group ({@link #subscribe}), or every topic matching a pattern, also those created later
 * ({@link #matching}).
 */
public final class TopicReader implements AutoCloseable {

    /** Turns a key or value as written (never null) into the text the tests compare. */
    public interface Decoder {
        String decode(String topic, Headers headers, byte[] data, boolean isKey);

        /** The bytes as UTF-8 text: what JSON and string converters write. */
        Decoder UTF8 = (topic, headers, data, isKey) -> new String(data, StandardCharsets.UTF_8);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Decoder decoder;
    private final boolean grouped;
    private final List<LifecycleEvent> all = new ArrayList<>();
    private final String topic;
    private int step = -1;
    private Instant firstArrival;

    private TopicReader(
            String bootstrapServers, String topic, boolean readCommitted, boolean grouped, Decoder decoder) {
        this.topic = topic;
        this.decoder = decoder;
        this.grouped = grouped;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (grouped) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
            // Topics created later (routers, daily topics) must be found quickly by a pattern subscription.
            p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "300");
        } else {
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + topic);
        }
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Every partition of {@code topic} from its beginning, without a group. {@code readCommitted}: what a consumer
     * of an exactly-once connector must use. Waits up to 30 s for the topic to exist.
     */
    public static TopicReader fromStart(String bootstrapServers, String topic, boolean readCommitted) {
        TopicReader reader = new TopicReader(bootstrapServers, topic, readCommitted, false, Decoder.UTF8);
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.isEmpty()) {
            reader.consumer
                    .partitionsFor(topic, Duration.ofSeconds(5))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            if (partitions.isEmpty() && System.nanoTime() > deadline) {
                reader.close();
                throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
            }
        }
        reader.consumer.assign(partitions);
        reader.consumer.seekToBeginning(partitions);
        return reader;
    }

    /** The named topics through a consumer group of its own, from the earliest offset, as UTF-8 text. */
    public static TopicReader subscribe(String bootstrapServers, List<String> topics, boolean readCommitted) {
        return subscribe(bootstrapServers, topics, readCommitted, Decoder.UTF8);
    }

    /** The same, with keys and values turned into text by {@code decoder} (for binary formats such as Avro). */
    public static TopicReader subscribe(
            String bootstrapServers, List<String> topics, boolean readCommitted, Decoder decoder) {
        TopicReader reader = new TopicReader(bootstrapServers, String.join(",", topics), readCommitted, true, decoder);
        reader.consumer.subscribe(topics);
        return reader;
    }

    /** Every topic matching {@code topics}, also those created after the reader, from the earliest offset. */
    public static TopicReader matching(String bootstrapServers, Pattern topics) {
        TopicReader reader = new TopicReader(bootstrapServers, topics.pattern(), false, true, Decoder.UTF8);
        reader.consumer.subscribe(topics);
        return reader;
    }

    /** Creates a topic up front (a key's events all go to one partition, whatever the count). */
    public static void createTopic(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    /** The topic (or the topics, or the pattern) this reader reads. */
    public String topic() {
        return topic;
    }

    /** Tags the events received from now on with this scenario step. */
    public void step(int step) {
        this.step = step;
    }

    /** One poll; returns what it brought (also kept in {@link #all()}). */
    public List<LifecycleEvent> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        List<LifecycleEvent> batch = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            batch.add(LifecycleEvent.from(
                    r,
                    r.key() == null ? null : decoder.decode(r.topic(), r.headers(), r.key(), true),
                    r.value() == null ? null : decoder.decode(r.topic(), r.headers(), r.value(), false),
                    step));
        }
        if (grouped && !batch.isEmpty()) {
            // A topic that appears later (a router's, a day's) rebalances the group; without committed positions
            // the consumer would then re-read every partition from the start.
            consumer.commitSync();
        }
        if (firstArrival == null && !batch.isEmpty()) {
            firstArrival = Instant.now();
        }
        all.addAll(batch);
        return batch;
    }

    /** Polls until {@code done} holds for everything received so far, or the timeout; returns whether it held. */
    public boolean pollUntil(Predicate<List<LifecycleEvent>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(all)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            poll(Duration.ofMillis(200));
        }
        return true;
    }

    /** Waits for {@code count} more events than received so far (fewer on timeout) and returns them in order. */
    public List<LifecycleEvent> take(int count, Duration timeout) {
        int from = all.size();
        pollUntil(events -> events.size() >= from + count, timeout);
        return List.copyOf(all.subList(from, all.size()));
    }

    /** Whatever arrives within {@code window}. */
    public List<LifecycleEvent> drain(Duration window) {
        int from = all.size();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(all.subList(from, all.size()));
    }

    /** When the first record was received (for read_committed: some time after the first commit). */
    public Optional<Instant> firstArrival() {
        return Optional.ofNullable(firstArrival);
    }

    /** Everything received so far, in arrival order. */
    public List<LifecycleEvent> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
