package io.github.okastconnect.bench.harness;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the connector's topic from the beginning, timestamps each record when {@code poll()} hands it over, and
 * joins it to the {@link ChangeLog}: latency = arrival − the instant the simulator made the change. Events with no
 * recorded change are the initial snapshot of the static entries (every entry is NEW on the first poll).
 */
public final class LatencyConsumer implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ChangeLog log;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private volatile boolean countOnly = true;
    private volatile long windowStartMs = Long.MAX_VALUE;
    private volatile long windowEndMs = Long.MAX_VALUE;
    private long windowEvents; // consumer thread only, read after stopWindow's barrier
    private long[] latencies = new long[1 << 16];
    private int latencyCount;
    private final Object windowLock = new Object();

    public LatencyConsumer(String bootstrapServers, String topic, int partitions, ChangeLog log) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency-consumer");
        this.consumer = new KafkaConsumer<>(p);
        this.log = log;
        List<TopicPartition> assigned = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            assigned.add(new TopicPartition(topic, i));
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        thread = new Thread(this::run, "bench-latency-consumer");
        thread.setDaemon(true);
    }

    public LatencyConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long arrival = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handle(record.value(), arrival);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(byte[] value, long arrival) throws IOException {
        if (value == null) {
            return; // tombstone
        }
        if (countOnly) {
            // Before the driver starts, every event is the initial snapshot: no need to parse it.
            events.incrementAndGet();
            unmatched.incrementAndGet();
            return;
        }
        String changeType = null;
        String instance = null;
        String filePath = null;
        String requestTime = null;
        String status = null;
        try (JsonParser p = JSON.createParser(value)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (token.isStructStart()) {
                    p.skipChildren();
                    continue;
                }
                switch (field) {
                    case "changeType" -> changeType = p.getText();
                    case "instance" -> instance = p.getText();
                    case "filePath" -> filePath = token == JsonToken.VALUE_NULL ? null : p.getText();
                    case "requestTime" -> requestTime = token == JsonToken.VALUE_NULL ? null : p.getText();
                    case "status" -> status = token == JsonToken.VALUE_NULL ? null : p.getText();
                    default -> {}
                }
            }
        }
        events.incrementAndGet();
        Long changedAt =
                log.take(instance, filePath, requestTime, "REMOVED".equals(changeType) ? ChangeLog.REMOVED : status);
        if (changedAt == null) {
            unmatched.incrementAndGet();
        } else {
            matched.incrementAndGet();
        }
        synchronized (windowLock) {
            if (arrival >= windowStartMs && arrival < windowEndMs) {
                windowEvents++;
                if (changedAt != null) {
                    if (latencyCount == latencies.length) {
                        latencies = Arrays.copyOf(latencies, latencies.length * 2);
                    }
                    latencies[latencyCount++] = arrival - changedAt;
                }
            }
        }
    }

    /** From now on events are parsed and joined to the change log (call before the driver starts). */
    public void startJoining() {
        countOnly = false;
    }

    public void startWindow(long atMs) {
        synchronized (windowLock) {
            windowStartMs = atMs;
            windowEndMs = Long.MAX_VALUE;
            windowEvents = 0;
            latencyCount = 0;
        }
    }

    public void endWindow(long atMs) {
        synchronized (windowLock) {
            windowEndMs = atMs;
        }
    }

    /** Events that arrived in the window, and the latencies of those that matched a recorded change. */
    public record Window(long events, long[] latencies) {}

    public Window window() {
        synchronized (windowLock) {
            return new Window(windowEvents, Arrays.copyOf(latencies, latencyCount));
        }
    }

    public long events() {
        check();
        return events.get();
    }

    public long matched() {
        return matched.get();
    }

    public long unmatched() {
        return unmatched.get();
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("consumer failed", failure);
        }
    }

    @Override
    public void close() {
        synchronized (windowLock) {
            latencies = new long[0]; // the heap measured after the window must not include the samples
            latencyCount = 0;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
