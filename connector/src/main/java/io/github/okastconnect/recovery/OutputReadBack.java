package io.github.okastconnect.recovery;

import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.state.HeaderText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads back the events written to the output topic since a point in time. Without exactly-once, Connect commits
 * source offsets some time after the records: a task killed in between restarts from older offsets, and only the
 * topic knows what was written since. Reading it from the oldest committed offset's observation time (the records'
 * Kafka timestamp) to the end, and replaying the events per entry in log order, gives the state downstream has.
 *
 * <p>Reading from too early is harmless (replaying older events of an entry ends on its latest one); reading from
 * too late would miss events, hence a margin for clock steps.
 */
public final class OutputReadBack {
    /** Slack before the oldest stored observation time, for a clock stepped back between two polls. */
    static final long CLOCK_MARGIN_MS = 30_000;

    private final Map<String, Object> consumerSettings;
    private final Duration timeout;

    /**
     * @param userSettings consumer settings from the connector config (security); may hold secrets, never logged
     */
    public OutputReadBack(
            List<String> bootstrapServers, Map<String, Object> userSettings, String clientId, Duration timeout) {
        Map<String, Object> settings = new HashMap<>(userSettings);
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Records of aborted exactly-once transactions were never seen downstream.
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerSettings = settings;
        this.timeout = timeout;
    }

    /** What was read: the events in log order per topic partition, and how many records were looked at. */
    public record Result(List<WrittenEvent> events, long recordsRead, int partitionsRead) {}

    /**
     * Events of the given instances written to {@code topic} at or after {@code sinceMs} (minus a margin).
     *
     * @throws org.apache.kafka.common.errors.TimeoutException when the end is not reached within the timeout
     * @throws org.apache.kafka.common.KafkaException on any other client failure
     */
    public Result read(String topic, long sinceMs, Set<String> instances) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
            if (infos == null || infos.isEmpty()) {
                return new Result(List.of(), 0, 0);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, Math.max(0, sinceMs - CLOCK_MARGIN_MS)));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, remaining(deadline));
            Map<TopicPartition, Long> active = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                if (start != null && start.offset() < ends.getOrDefault(tp, 0L)) {
                    active.put(tp, ends.get(tp));
                }
            }
            consumer.assign(active.keySet());
            active.forEach((tp, end) -> consumer.seek(tp, starts.get(tp).offset()));
            int partitionsRead = active.size();
            List<WrittenEvent> events = new ArrayList<>();
            long read = 0;
            while (!active.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new org.apache.kafka.common.errors.TimeoutException("read-back of " + topic
                            + " did not reach the end of " + active.keySet() + " within " + timeout.toMillis()
                            + " ms");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Long end = active.get(new TopicPartition(record.topic(), record.partition()));
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    read++;
                    WrittenEvent event = event(record, instances);
                    if (event != null) {
                        events.add(event);
                    }
                }
                active.entrySet().removeIf(e -> consumer.position(e.getKey(), remaining(deadline)) >= e.getValue());
            }
            return new Result(events, read, partitionsRead);
        }
    }

    private static WrittenEvent event(ConsumerRecord<byte[], byte[]> record, Set<String> instances) {
        String instance = text(record, RecordMapper.HEADER_INSTANCE);
        if (instance == null || !instances.contains(instance)) {
            return null;
        }
        String key = text(record, RecordMapper.HEADER_KEY);
        String state = text(record, RecordMapper.HEADER_STATE);
        String type = text(record, RecordMapper.HEADER_CHANGE_TYPE);
        if (key == null || state == null || type == null) {
            return null; // written before read-back was turned on, or headers dropped by an SMT
        }
        return new WrittenEvent(instance, key, state, type.equals("REMOVED"));
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String header) {
        Header last = record.headers().lastHeader(header);
        return last == null ? null : HeaderText.decode(last.value());
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }
}
