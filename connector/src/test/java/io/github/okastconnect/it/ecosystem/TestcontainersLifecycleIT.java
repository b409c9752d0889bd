package io.github.okastconnect.it.ecosystem;

import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.LogCapture;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full {@link LifecycleScenario} (first sight, changes, purge, connector and worker restarts) on a real Apache
 * Kafka 4.4.0 broker in a container started by Testcontainers ({@link LoopbackKafkaContainer}: the locally built
 * image, host networking, loopback only), with an in-process Connect 4.4.0 worker on the host joined to it. Skipped,
 * with the reason in the report, where no Docker engine runs or the image was not built; {@code .ci/run} fails then.
 */
@ExtendWith(DockerRequired.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestcontainersLifecycleIT {
    private LoopbackKafkaContainer kafka;
    private EmbeddedConnectCluster worker;
    private ScriptedOkastServer server;
    private LogCapture logs;

    @BeforeAll
    void start() throws Exception {
        kafka = new LoopbackKafkaContainer();
        kafka.start();
        server = new ScriptedOkastServer();
        worker = EmbeddedConnectCluster.join(kafka.bootstrapServers(), 1, Map.of());
        logs = LogCapture.install();
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (logs != null) {
            logs.close();
            // The in-process worker's whole run, from before the connector was created to after it shut down.
            LifecycleScenario.SECRET.scan().assertAbsent(logs);
        }
    }

    @Test
    void firstSightChangesPurgeAndRestarts() throws Exception {
        new LifecycleScenario(worker, kafka.bootstrapServers(), server)
                .run("okast-lifecycle", "okast.lifecycle.testcontainers");
    }
}
