package io.github.okastconnect.testkit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.testplugin.TickPluginJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Every REST operation against a real worker, with a connector that exists only on plugin.path. */
class ConnectRestClientIT {

    private static final String TICK = "io.github.okastconnect.testkit.testplugin.TickSourceConnector";

    @Test
    void connectorLifecycleThroughRest() throws Exception {
        Path workDir = Path.of("target/it-rest-client");
        Path pluginRoot = workDir.resolve("plugins");
        TickPluginJar.write(pluginRoot);
        try (LocalKafkaStack stack = LocalKafkaStack.builder()
                .workDir(workDir)
                .pluginPath(pluginRoot)
                .exactlyOnce(true)
                .build()
                .start()) {
            ConnectRestClient rest = stack.restClient(0);
            assertTrue(rest.listConnectorPlugins().stream()
                    .anyMatch(p -> p.className().equals(TICK)));
            assertEquals("enabled", stack.workerConfig(0).get("exactly.once.source.support"));

            ConfigValidation invalid = rest.validate(TICK, Map.of("name", "ticks", "tasks.max", "1"));
            assertEquals(1, invalid.errorCount(), invalid.errorsByKey()::toString);
            assertTrue(invalid.errorsByKey().containsKey("topic"), invalid.errorsByKey()::toString);

            ConnectRestException unknown = assertThrows(
                    ConnectRestException.class,
                    () -> rest.createConnector("bogus", Map.of("connector.class", "no.such.Connector")));
            assertEquals(400, unknown.statusCode());
            assertTrue(unknown.body().contains("no.such.Connector"), unknown.body());

            ConnectorInfo created =
                    rest.createConnector("ticks", Map.of("connector.class", TICK, "tasks.max", "1", "topic", "ticks"));
            assertEquals("ticks", created.name());
            rest.awaitRunningAtLeast("ticks", 1, Duration.ofSeconds(30));
            assertTrue(consume(stack.bootstrapServers(), "ticks", 5).size() >= 5);

            rest.stop("ticks");
            rest.awaitStatus("ticks", s -> "STOPPED".equals(s.state()), "STOPPED", Duration.ofSeconds(30));
            JsonNode offsets = rest.getOffsets("ticks").path("offsets");
            assertEquals(
                    "ticks", offsets.path(0).path("partition").path("source").asText(), offsets::toString);
            assertTrue(offsets.path(0).path("offset").path("tick").asLong() >= 4, offsets::toString);
            rest.resetOffsets("ticks");
            assertEquals(0, rest.getOffsets("ticks").path("offsets").size());

            rest.resume("ticks");
            rest.awaitRunningAtLeast("ticks", 1, Duration.ofSeconds(30));
            rest.pause("ticks");
            rest.awaitStatus("ticks", s -> "PAUSED".equals(s.state()), "PAUSED", Duration.ofSeconds(30));
            rest.resume("ticks");
            rest.restart("ticks");
            rest.awaitRunningAtLeast("ticks", 1, Duration.ofSeconds(30));
            rest.putConfig("ticks", Map.of("connector.class", TICK, "tasks.max", "1", "topic", "ticks2"));
            assertEquals("ticks2", rest.getConfig("ticks").get("topic"));

            rest.delete("ticks");
            assertFalse(rest.listConnectors().contains("ticks"));
        }
    }

    private static List<String> consume(String bootstrap, String topic, int atLeast) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "rest-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // exactly-once source writes in transactions: read only what was committed
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
