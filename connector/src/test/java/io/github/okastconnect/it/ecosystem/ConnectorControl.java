package io.github.okastconnect.it.ecosystem;

import java.util.Map;

import io.github.okastconnect.testkit.ConnectRest;

/**
 * The two Connect REST calls the lifecycle scenario needs, so the same scenario runs against the testkit's
 * EmbeddedConnectCluster (through its {@link ConnectRest}) and against a worker this package starts itself.
 */
interface ConnectorControl {
    /** POST /connectors. */
    void create(String name, Map<String, String> config);

    /** Waits until the connector and {@code tasks} tasks are RUNNING. */
    void awaitRunning(String name, int tasks);

    static ConnectorControl of(ConnectRest rest) {
        return new ConnectorControl() {
            @Override
            public void create(String name, Map<String, String> config) {
                rest.createConnector(name, config);
            }

            @Override
            public void awaitRunning(String name, int tasks) {
                rest.awaitRunning(name, tasks);
            }
        };
    }
}
