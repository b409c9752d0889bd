package io.github.okastconnect.it.ecosystem;

import io.github.okastconnect.testkit.ConnectRest;
import io.github.okastconnect.testkit.EmbeddedConnectCluster;

/**
 * What the lifecycle scenario does to Connect: REST calls to a live worker, and stopping and starting that worker,
 * so the same scenario runs against the testkit's EmbeddedConnectCluster and against a worker this package starts
 * itself next to a broker in a container.
 */
interface ConnectorControl {
    /** The REST API of the live worker (its address changes when the worker is started again). */
    ConnectRest rest();

    /** Stops the worker gracefully: its tasks stop and commit their offsets. */
    void stopWorker();

    /** Starts the stopped worker again with the same configuration, and waits until it is healthy. */
    void startWorker();

    /** The first worker of {@code cluster}. */
    static ConnectorControl of(EmbeddedConnectCluster cluster) {
        return new ConnectorControl() {
            @Override
            public ConnectRest rest() {
                return cluster.rest();
            }

            @Override
            public void stopWorker() {
                cluster.stopWorker(0);
            }

            @Override
            public void startWorker() {
                cluster.restartWorker(0);
            }
        };
    }
}
