package io.github.okastconnect.it.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;

/** The container cannot be talked off host networking; no Docker engine needed to check that. */
class LoopbackKafkaContainerTest {
    @Test
    void hostNetworkingOnLoopbackOnly() {
        try (LoopbackKafkaContainer kafka = new LoopbackKafkaContainer()) {
            assertEquals("host", kafka.getNetworkMode());
            assertTrue(kafka.getExposedPorts().isEmpty());
            assertTrue(kafka.bootstrapServers().matches("127\\.0\\.0\\.1:\\d+"), kafka.bootstrapServers());
            assertEquals(
                    kafka.bootstrapServers(), "127.0.0.1:" + kafka.getEnvMap().get("PORT"));
            assertTrue(!kafka.getEnvMap().get("PORT").equals(kafka.getEnvMap().get("CONTROLLER_PORT")));

            assertThrows(UnsupportedOperationException.class, () -> kafka.withNetworkMode("bridge"));
            assertThrows(UnsupportedOperationException.class, () -> kafka.setNetworkMode("bridge"));
            assertThrows(UnsupportedOperationException.class, () -> kafka.withNetwork(Network.SHARED));
            assertThrows(UnsupportedOperationException.class, () -> kafka.withExposedPorts(9092));
            assertThrows(UnsupportedOperationException.class, () -> kafka.addExposedPort(9092));
            assertThrows(UnsupportedOperationException.class, () -> kafka.addExposedPorts(9092));
            assertEquals("host", kafka.withNetworkMode("host").getNetworkMode());
        }
    }
}
