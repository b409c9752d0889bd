package io.github.okastconnect.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain {@link KafkaConsumer} on the whole topic from the beginning (manual assignment, no group), reading the
 * JsonConverter's output as strings.
 */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<LifecycleEvent> all = new ArrayList<>();
    private final String topic;
    private int step = -1;
    private Instant firstArrival;

    /** {@code readCommitted}: what a consumer of an exactly-once connector must use. */
    TopicReader(String bootstrapServers, String topic, boolean readCommitted) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "system-test-reader-" + topic);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.isEmpty()) {
            consumer.partitionsFor(topic, Duration.ofSeconds(5))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            if (partitions.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Creates the topic up front (a key's events all go to one partition, whatever the count). */
    static void createTopic(String bootstrapServers, String topic, int partitions) {
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

    String topic() {
        return topic;
    }

    /** Tags the events received from now on with this scenario step. */
    void step(int step) {
        this.step = step;
    }

    /** One poll; returns what it brought (also kept in {@link #all()}). */
    List<LifecycleEvent> poll(Duration timeout) {
        List<LifecycleEvent> batch = new ArrayList<>();
        for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
            batch.add(LifecycleEvent.from(r, step));
        }
        if (firstArrival == null && !batch.isEmpty()) {
            firstArrival = Instant.now();
        }
        all.addAll(batch);
        return batch;
    }

    /** Polls until {@code done} holds for everything received so far, or the timeout; returns whether it held. */
    boolean pollUntil(Predicate<List<LifecycleEvent>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(all)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            poll(Duration.ofMillis(200));
        }
        return true;
    }

    /** Waits for {@code count} more events than received so far (fewer on timeout) and returns them. */
    List<LifecycleEvent> take(int count, Duration timeout) {
        int from = all.size();
        pollUntil(events -> events.size() >= from + count, timeout);
        return List.copyOf(all.subList(from, all.size()));
    }

    /** Whatever arrives within {@code quiet}. */
    List<LifecycleEvent> drain(Duration quiet) {
        int from = all.size();
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(all.subList(from, all.size()));
    }

    /** When the first record was received (for read_committed: some time after the first commit). */
    Optional<Instant> firstArrival() {
        return Optional.ofNullable(firstArrival);
    }

    List<LifecycleEvent> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
