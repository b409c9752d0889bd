package io.github.okastconnect.it.ecosystem;

import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.LogCapture;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link LifecycleScenario} on the testkit's in-JVM KRaft broker and Connect 4.4.0 worker: no Docker needed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedLifecycleIT {
    private ScriptedOkastServer server;
    private LogCapture logs;
    private EmbeddedConnectCluster cluster;

    @BeforeAll
    void start() throws Exception {
        server = new ScriptedOkastServer();
        cluster = EmbeddedConnectCluster.start(1, Map.of());
        logs = LogCapture.install();
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (server != null) {
            server.close();
        }
        if (logs != null) {
            logs.close();
            // From before the connector was created to after the worker shut down.
            LifecycleScenario.SECRET.scan().assertAbsent(logs);
        }
    }

    @Test
    void firstSightChangesPurgeAndRestarts() throws Exception {
        new LifecycleScenario(cluster, cluster.bootstrapServers(), server)
                .run("okast-lifecycle", "okast.lifecycle.embedded");
    }
}
