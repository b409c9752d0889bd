package io.github.okastconnect.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import io.github.okastconnect.testkit.rest.ConnectRestException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The testkit's in-process stack ({@link EmbeddedConnectCluster}: a real KRaft broker and one real distributed
 * Connect worker, Kafka 4.4.0, in this JVM) with what the load harness asks of it. The worker finds the connector
 * on the classpath through its ServiceLoader manifest ({@code plugin.discovery=service_load}). REST calls go
 * through the testkit's {@link ConnectRestClient} (JDK HttpClient): the harness makes none inside a CPU window, so
 * that client's idle threads add nothing to the connector's HTTP thread group of {@link CpuMeter}.
 */
public final class ConnectStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedConnectCluster cluster;
    private final ConnectRestClient rest;

    private ConnectStack(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
        this.rest = cluster.rest();
    }

    public static ConnectStack start(long offsetFlushIntervalMs) throws Exception {
        return new ConnectStack(EmbeddedConnectCluster.start(
                1,
                Map.of(
                        "offset.flush.interval.ms",
                        Long.toString(offsetFlushIntervalMs),
                        "scheduled.rebalance.max.delay.ms",
                        "1000")));
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public ConnectRestClient rest() {
        return rest;
    }

    /**
     * How many of the connector's instances have at least one shard offset committed to the worker's
     * offsets topic: reads the topic from the start to its current end. An instance whose offset never commits
     * (e.g. larger than the producer's max.request.size) would re-emit its entries after a restart.
     */
    public int committedPartitions(String connector) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrapServers());
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("enable.auto.commit", "false");
        java.util.Set<String> committed = new java.util.HashSet<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(p)) {
            List<org.apache.kafka.common.TopicPartition> partitions =
                    consumer.partitionsFor(cluster.offsetsTopic()).stream()
                            .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null || record.value() == null) {
                        continue;
                    }
                    JsonNode key = JSON.readTree(record.key());
                    if (key.isArray()
                            && key.size() == 2
                            && connector.equals(key.get(0).asText())) {
                        committed.add(key.get(1).path("instance").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return committed.size();
    }

    public void createTopic(String topic, int partitions) {
        TopicReader.createTopic(bootstrapServers(), topic, partitions);
    }

    public void createConnector(String name, Map<String, String> config) {
        createConnector(name, config, false);
    }

    /** With {@code stopped}, the connector is created in the STOPPED state (so that its offsets can be set). */
    public void createConnector(String name, Map<String, String> config, boolean stopped) {
        rest.createConnector(name, config, stopped ? "STOPPED" : null);
    }

    /** Sets the stored offsets of a stopped connector ({@code PATCH /connectors/{name}/offsets}). */
    public void alterOffsets(String name, List<Map<String, Object>> offsets) {
        rest.alterOffsets(name, Map.of("offsets", offsets));
    }

    /** Waits until the connector and its task run; fails at once when one of them FAILED (with its trace). */
    public void awaitTaskRunning(String name) {
        rest.awaitRunningAtLeast(name, 1, Duration.ofSeconds(60));
    }

    /** Deletes the connector if it exists (also after a scenario that failed before creating it). */
    public void deleteConnector(String name) {
        try {
            rest.delete(name);
        } catch (ConnectRestException e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        Waits.until(Duration.ofSeconds(30), "connector " + name + " deleted", () -> {
            try {
                rest.getStatus(name);
                return false;
            } catch (ConnectRestException e) {
                return e.statusCode() == 404;
            }
        });
    }

    public interface Check {
        boolean ok() throws Exception;
    }

    public void waitFor(Duration timeout, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
