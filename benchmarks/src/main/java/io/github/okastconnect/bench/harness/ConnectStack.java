package io.github.okastconnect.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.testkit.SingleBrokerKafka;
import io.github.okastconnect.testkit.WorkerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A real KRaft broker (Kafka's KafkaClusterTestKit) and one real distributed Connect worker
 * ({@code ConnectDistributed.startConnect}), Kafka 4.4.0, in this JVM. The worker finds the connector on the
 * classpath through its ServiceLoader manifest ({@code plugin.discovery=service_load}). REST calls use
 * HttpURLConnection on the caller's thread, so no HTTP thread of this class is mistaken for the connector's
 * ({@code okast-http-*}) in the per-thread CPU attribution.
 */
public final class ConnectStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaClusterTestKit kafka;
    private final Connect<?> worker;
    private final URI rest;
    private final Admin admin;
    private final String offsetsTopic;

    private ConnectStack(KafkaClusterTestKit kafka, Connect<?> worker, String offsetsTopic) {
        this.kafka = kafka;
        this.offsetsTopic = offsetsTopic;
        this.worker = worker;
        this.rest = worker.rest().serverUrl();
        this.admin = kafka.admin();
    }

    public static ConnectStack start(long offsetFlushIntervalMs) throws Exception {
        KafkaClusterTestKit kafka = SingleBrokerKafka.start();
        Map<String, String> props = WorkerProperties.forSingleBroker(kafka.bootstrapServers(), "bench-connect");
        props.put("offset.flush.interval.ms", Long.toString(offsetFlushIntervalMs));
        props.put("scheduled.rebalance.max.delay.ms", "1000");
        Connect<?> worker;
        try {
            worker = new ConnectDistributed().startConnect(props);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        ConnectStack stack = new ConnectStack(kafka, worker, props.get("offset.storage.topic"));
        stack.waitFor(Duration.ofSeconds(60), "worker healthy", () -> stack.status("/health") == 200);
        return stack;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
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
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(offsetsTopic).stream()
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

    public void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get();
    }

    public void createConnector(String name, Map<String, String> config) throws IOException {
        createConnector(name, config, false);
    }

    /** With {@code stopped}, the connector is created in the STOPPED state (so that its offsets can be set). */
    public void createConnector(String name, Map<String, String> config, boolean stopped) throws IOException {
        Map<String, Object> body = stopped
                ? Map.of("name", name, "config", config, "initial_state", "STOPPED")
                : Map.of("name", name, "config", config);
        Response r = call("POST", "/connectors", JSON.writeValueAsBytes(body));
        if (r.code != 201) {
            throw new IllegalStateException("creating connector " + name + ": HTTP " + r.code + " " + r.body);
        }
    }

    /**
     * Sets the stored offsets of a stopped connector ({@code PATCH /connectors/{name}/offsets}). HttpURLConnection
     * cannot send PATCH; this one call uses the JDK HttpClient (its threads idle afterwards).
     */
    public void alterOffsets(String name, List<Map<String, Object>> offsets) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("offsets", offsets));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> response = client.send(
                java.net.http.HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/offsets"))
                        .header("Content-Type", "application/json")
                        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "altering offsets of " + name + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    public void resumeConnector(String name) throws IOException {
        Response r = call("PUT", "/connectors/" + name + "/resume", null);
        if (r.code != 202) {
            throw new IllegalStateException("resuming " + name + ": HTTP " + r.code + " " + r.body);
        }
    }

    /** The task states, e.g. [RUNNING]; empty while no task is assigned. */
    public Optional<JsonNode> connectorStatus(String name) throws IOException {
        Response r = call("GET", "/connectors/" + name + "/status", null);
        return r.code == 200 ? Optional.of(JSON.readTree(r.body)) : Optional.empty();
    }

    public boolean taskRunning(String name) throws IOException {
        Optional<JsonNode> status = connectorStatus(name);
        if (status.isEmpty()) {
            return false;
        }
        for (JsonNode task : status.get().path("tasks")) {
            if (task.path("state").asText().equals("FAILED")) {
                throw new IllegalStateException(
                        "task failed: " + task.path("trace").asText());
            }
            if (task.path("state").asText().equals("RUNNING")) {
                return true;
            }
        }
        return false;
    }

    public void deleteConnector(String name) throws Exception {
        call("DELETE", "/connectors/" + name, null);
        waitFor(
                Duration.ofSeconds(30),
                "connector " + name + " deleted",
                () -> call("GET", "/connectors/" + name, null).code == 404);
    }

    public interface Check {
        boolean ok() throws Exception;
    }

    public void waitFor(Duration timeout, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException retry) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private int status(String path) throws IOException {
        return call("GET", path, null).code;
    }

    private record Response(int code, String body) {}

    private Response call(String method, String path, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) rest.resolve(path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(60000);
        c.setRequestProperty("Accept", "application/json");
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int code = c.getResponseCode();
        InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (in != null) {
            in.close();
        }
        return new Response(code, text);
    }

    @Override
    public void close() throws Exception {
        try {
            admin.close();
            worker.stop();
            worker.awaitStop();
        } finally {
            kafka.close();
            Exit.resetExitProcedure();
        }
    }
}
