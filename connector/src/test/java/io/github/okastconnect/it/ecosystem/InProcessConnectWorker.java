package io.github.okastconnect.it.ecosystem;

import io.github.okastconnect.testkit.ConnectRest;
import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.WorkerProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * One distributed Connect 4.4.0 worker in this JVM, joined to any Kafka cluster (e.g. one in a container), with
 * the connector found on the test classpath through its ServiceLoader manifest. Same worker settings as the
 * testkit's EmbeddedConnectCluster. It can be stopped and started again (same group, same internal topics).
 */
final class InProcessConnectWorker implements ConnectorControl, AutoCloseable {
    private final Map<String, String> props;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Connect<?> connect;

    private InProcessConnectWorker(Map<String, String> props) {
        this.props = props;
    }

    static InProcessConnectWorker start(String bootstrapServers) {
        // A worker that fails to start calls Exit.exit, which would kill the test JVM; make it an exception.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
        });
        InProcessConnectWorker worker =
                new InProcessConnectWorker(WorkerProperties.forSingleBroker(bootstrapServers, "connect"));
        worker.startWorker();
        return worker;
    }

    @Override
    public ConnectRest rest() {
        if (connect == null) {
            throw new IllegalStateException("worker stopped");
        }
        return new ConnectRest(connect.rest().serverUrl(), http);
    }

    @Override
    public void startWorker() {
        if (connect != null) {
            throw new IllegalStateException("worker already running");
        }
        connect = new ConnectDistributed().startConnect(new HashMap<>(props));
        ConnectRest rest = rest();
        // startConnect returns before the worker has joined its group.
        Waits.until(
                Duration.ofSeconds(60),
                "worker " + connect.rest().serverUrl() + " healthy",
                () -> rest.call("GET", "/health", null).status() == 200);
    }

    @Override
    public void stopWorker() {
        if (connect != null) {
            connect.stop();
            connect.awaitStop();
            connect = null;
        }
    }

    @Override
    public void close() {
        stopWorker();
        Exit.resetExitProcedure();
    }
}
