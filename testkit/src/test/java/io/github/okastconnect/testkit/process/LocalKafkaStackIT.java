package io.github.okastconnect.testkit.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.testkit.rest.ConnectRestClient;
import io.github.okastconnect.testkit.rest.PluginInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Real broker and worker processes: lifecycle (kill, restart, graceful stop, close) and isolation. */
class LocalKafkaStackIT {

    @Test
    void processesLiveDieAndRestartForReal() throws Exception {
        Path workDir = Path.of("target/it-stack-lifecycle");
        List<Integer> ports;
        List<Long> pids = new ArrayList<>();
        Steps steps = new Steps();
        try (LocalKafkaStack stack =
                LocalKafkaStack.builder().workDir(workDir).workers(1).build().start()) {
            steps.done("start " + stack.startTimes().orElseThrow());
            ports = stack.ports();
            pids.add(stack.brokerPid().orElseThrow());
            ConnectRestClient rest = stack.restClient(0);

            assertEquals("4.4.0", rest.serverInfo().path("version").asText());
            List<String> plugins =
                    rest.listPlugins().stream().map(PluginInfo::className).toList();
            assertTrue(plugins.contains("org.apache.kafka.connect.json.JsonConverter"), plugins::toString);
            assertTrue(plugins.contains("org.apache.kafka.connect.transforms.InsertField$Value"), plugins::toString);

            // isolation is only real if the worker JVM cannot see this project's classes
            String workerArgs = Files.readString(workDir.resolve("config/worker-0.jvmargs"));
            assertFalse(
                    workerArgs.contains("target/classes")
                            || workerArgs.contains("target/test-classes")
                            || workerArgs.contains("okastconnect"),
                    workerArgs);

            steps.done("rest checks");
            assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), roundTrip(stack.bootstrapServers(), 5));
            steps.done("produce/consume");

            long firstWorker = stack.workerPid(0).orElseThrow();
            stack.killWorker(0);
            assertFalse(
                    ProcessHandle.of(firstWorker).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(rest.isHealthy());

            steps.done("kill");
            stack.startWorker(0);
            steps.done("start after kill");
            assertTrue(rest.isHealthy());
            long secondWorker = stack.workerPid(0).orElseThrow();
            assertNotEquals(firstWorker, secondWorker);

            stack.stopWorker(0);
            steps.done("graceful stop");
            assertFalse(stack.isWorkerRunning(0));
            assertFalse(
                    ProcessHandle.of(secondWorker).map(ProcessHandle::isAlive).orElse(false));
            assertTrue(stack.workerPid(0).isEmpty());
        }
        steps.done("close");
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
        for (int port : ports) {
            assertTrue(FreePorts.isFree(port), "port " + port + " still bound");
        }
    }

    private static List<String> roundTrip(String bootstrap, int count) {
        String topic = "stack-it-" + UUID.randomUUID();
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-it");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    /** Prints how long each phase took (to the failsafe output file) so start-up regressions are visible. */
    private static final class Steps {
        private long last = System.nanoTime();

        void done(String step) {
            long now = System.nanoTime();
            System.out.printf("%-30s %6d ms%n", step, (now - last) / 1_000_000);
            last = now;
        }
    }
}
