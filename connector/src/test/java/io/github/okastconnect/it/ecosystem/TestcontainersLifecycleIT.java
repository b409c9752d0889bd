package io.github.okastconnect.it.ecosystem;

import io.github.okastconnect.testkit.ScriptedStack;
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
    private ScriptedStack stack;

    @BeforeAll
    void start() throws Exception {
        kafka = new LoopbackKafkaContainer();
        kafka.start();
        // The in-process worker's whole run is scanned, from before the connector was created to after it shut down.
        stack = ScriptedStack.of(LifecycleScenario.SECRET)
                .joining(kafka.bootstrapServers())
                .start();
        stack.closeLast(kafka::stop);
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        } else if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void firstSightChangesPurgeAndRestarts() throws Exception {
        new LifecycleScenario(stack.cluster(), kafka.bootstrapServers(), stack.server())
                .run("okast-lifecycle", "okast.lifecycle.testcontainers");
    }
}
