package io.github.okastconnect.it.ecosystem;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import io.github.okastconnect.testkit.ScriptedOkastServer;

/**
 * {@link LifecycleScenario} on a real Apache Kafka broker in a container (Testcontainers, apache/kafka image) with an
 * in-process Connect 4.4.0 worker joined to it. Skipped, with the reason in the report, where no Docker engine runs.
 */
@ExtendWith(DockerRequired.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestcontainersLifecycleIT {
    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.0.0");

    private KafkaContainer kafka;
    private InProcessConnectWorker worker;
    private ScriptedOkastServer server;

    @BeforeAll
    void start() throws Exception {
        kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.start();
        server = new ScriptedOkastServer();
        worker = InProcessConnectWorker.start(kafka.getBootstrapServers());
    }

    @AfterAll
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void firstSightStatusChangeUpdateSilenceAndPurge() throws Exception {
        new LifecycleScenario(worker, kafka.getBootstrapServers(), server)
                .run("okast-lifecycle", "okast.lifecycle.testcontainers");
    }
}
