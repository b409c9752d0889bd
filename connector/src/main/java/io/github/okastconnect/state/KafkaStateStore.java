package io.github.okastconnect.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The state topic on a Kafka cluster, through an Admin client and a consumer of the connector's own settings. */
public final class KafkaStateStore implements StateStore {
    private final Map<String, Object> settings;
    private final Duration timeout;

    /**
     * @param clientSettings client settings from the connector config (security); may hold secrets, never logged
     */
    public KafkaStateStore(List<String> bootstrapServers, Map<String, Object> clientSettings, Duration timeout) {
        Map<String, Object> s = new HashMap<>(clientSettings);
        s.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
        this.settings = s;
        this.timeout = timeout;
    }

    @Override
    public Check prepare(String topic, int partitionsIfCreated) {
        Map<String, Object> admin = new HashMap<>(settings);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "okast-state-admin");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        // The admin client refuses a request timeout longer than its API timeout.
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        try (Admin client = Admin.create(admin)) {
            try {
                client.createTopics(List.of(new NewTopic(topic, Optional.of(partitionsIfCreated), Optional.empty())
                                .configs(
                                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    return new Check.Problem("cannot create state topic '" + topic + "' (" + e.getCause()
                            + "); create it yourself with cleanup.policy=compact, or give the connector's principal "
                            + "the right to create it");
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            TopicDescription description = null;
            Config config = null;
            while (description == null) {
                try {
                    description = client.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .get(topic);
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                    config = client.describeConfigs(List.of(resource))
                            .all()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .get(resource);
                } catch (ExecutionException e) {
                    // A topic just created is not known to every broker at once.
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    description = null;
                    Thread.sleep(100);
                }
            }
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                return new Check.Problem("state topic '" + topic + "' has cleanup.policy="
                        + (policy == null ? "?" : policy.value()) + ", but it must be compact (without compaction "
                        + "it grows forever, with delete alone it loses state): set cleanup.policy=compact on it, "
                        + "or choose another state.topic");
            }
            return new Check.Ready(description.partitions().size());
        } catch (ExecutionException e) {
            return new Check.Problem("cannot describe state topic '" + topic + "': " + e.getCause());
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            return new Check.Problem("no answer about state topic '" + topic + "' within " + timeout.toMillis()
                    + " ms from " + settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check.Problem("interrupted while preparing state topic '" + topic + "'");
        }
    }

    @Override
    public Map<String, List<StateEntry>> read(StateTopic topic, Set<String> instances) {
        Map<String, List<StateEntry>> out = new HashMap<>();
        instances.forEach(id -> out.put(id, new ArrayList<>()));
        Set<Integer> numbers = new TreeSet<>();
        instances.forEach(id -> numbers.add(topic.partitionOf(id)));
        List<TopicPartition> partitions =
                numbers.stream().map(p -> new TopicPartition(topic.name(), p)).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> active = new HashMap<>(consumer.endOffsets(partitions, remaining(deadline)));
            active.entrySet().removeIf(e -> e.getValue() == 0);
            while (!active.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading state topic " + topic.name() + " did not reach the end of "
                            + active.keySet() + " within " + timeout.toMillis() + " ms");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Long end = active.get(new TopicPartition(record.topic(), record.partition()));
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    StateRecords.decode(record.headers())
                            .filter(entry -> out.containsKey(entry.instance()))
                            .ifPresent(entry -> out.get(entry.instance()).add(entry));
                }
                active.entrySet().removeIf(e -> consumer.position(e.getKey(), remaining(deadline)) >= e.getValue());
            }
        } catch (UnknownTopicOrPartitionException e) {
            throw new KafkaException("state topic " + topic.name() + " has no partition " + numbers, e);
        }
        return out;
    }

    private Map<String, Object> consumerSettings() {
        Map<String, Object> s = new HashMap<>(settings);
        s.put(ConsumerConfig.CLIENT_ID_CONFIG, "okast-state-restore");
        s.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        s.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        s.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Records of aborted exactly-once transactions never happened.
        s.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        s.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        s.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return s;
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }
}
