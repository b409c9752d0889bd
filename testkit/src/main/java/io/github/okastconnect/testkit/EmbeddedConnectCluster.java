package io.github.okastconnect.testkit;

import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * Real distributed Connect workers (Kafka 4.4.0) in this JVM, on a real KRaft broker from Kafka's own
 * KafkaClusterTestKit ({@link #start}) or joined to any other Kafka cluster, e.g. one in a container ({@link #join}).
 * Workers find the connector on the classpath through its ServiceLoader manifest
 * ({@code plugin.discovery=service_load}). The same stack as real processes: {@code process.LocalKafkaStack}.
 *
 * <p>Needs Kafka's test kit on the caller's classpath ({@code kafka-test-common-runtime},
 * {@code kafka-clients:test}, {@code kafka_2.13}, {@code connect-runtime}, all test scope).
 */
public final class EmbeddedConnectCluster implements AutoCloseable {
    private final KafkaClusterTestKit kafka;
    private final String bootstrapServers;
    private final Map<String, String> workerProps;
    private final List<Connect<?>> workers = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedConnectCluster(KafkaClusterTestKit kafka, String bootstrapServers, Map<String, String> props) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.workerProps = props;
    }

    /** A single-broker cluster ({@link SingleBrokerKafka}) and {@code workerCount} workers on it. */
    public static EmbeddedConnectCluster start(int workerCount, Map<String, String> overrides) throws Exception {
        KafkaClusterTestKit kafka = SingleBrokerKafka.start();
        try {
            return withWorkers(
                    new EmbeddedConnectCluster(
                            kafka, kafka.bootstrapServers(), props(kafka.bootstrapServers(), overrides)),
                    workerCount);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** {@code workerCount} workers joined to a Kafka cluster that someone else runs (and closes). */
    public static EmbeddedConnectCluster join(String bootstrapServers, int workerCount, Map<String, String> overrides) {
        // A worker that fails to start calls Exit.exit, which would kill this JVM; make it an exception.
        SingleBrokerKafka.exitThrows();
        return withWorkers(
                new EmbeddedConnectCluster(null, bootstrapServers, props(bootstrapServers, overrides)), workerCount);
    }

    private static Map<String, String> props(String bootstrapServers, Map<String, String> overrides) {
        Map<String, String> props = WorkerProperties.forSingleBroker(bootstrapServers, "connect");
        props.putAll(overrides);
        return props;
    }

    private static EmbeddedConnectCluster withWorkers(EmbeddedConnectCluster cluster, int workerCount) {
        try {
            for (int i = 0; i < workerCount; i++) {
                cluster.addWorker();
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.stopWorkers();
            throw e;
        }
    }

    /** Starts one more worker and waits until its REST API reports healthy. Returns its index. */
    public int addWorker() {
        workers.add(null);
        startWorker(workers.size() - 1);
        return workers.size() - 1;
    }

    /** Starts stopped worker {@code i} again with the same configuration (same group, same internal topics). */
    public void startWorker(int i) {
        if (workers.get(i) != null) {
            throw new IllegalStateException("worker " + i + " already running");
        }
        Connect<?> connect = new ConnectDistributed().startConnect(new HashMap<>(workerProps));
        workers.set(i, connect);
        // startConnect returns before the worker has joined its group.
        ConnectRestClient rest = rest(connect);
        Waits.until(Duration.ofSeconds(60), "worker " + rest.baseUrl() + " healthy", rest::isHealthy);
    }

    /** Gracefully stops worker {@code i} (its tasks stop and commit their offsets). */
    public void stopWorker(int i) {
        Connect<?> connect = workers.get(i);
        if (connect != null) {
            connect.stop();
            connect.awaitStop();
            workers.set(i, null);
        }
    }

    /** Restarts worker {@code i} with the same configuration. */
    public void restartWorker(int i) {
        stopWorker(i);
        startWorker(i);
    }

    /** REST client of the first live worker. */
    public ConnectRestClient rest() {
        for (Connect<?> w : workers) {
            if (w != null) {
                return rest(w);
            }
        }
        throw new IllegalStateException("no live worker");
    }

    private ConnectRestClient rest(Connect<?> worker) {
        return new ConnectRestClient(worker.rest().serverUrl(), http);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String offsetsTopic() {
        return workerProps.get("offset.storage.topic");
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    private void stopWorkers() {
        for (int i = 0; i < workers.size(); i++) {
            try {
                stopWorker(i);
            } catch (RuntimeException e) {
                // Keep closing the others; the broker must go down whatever happens.
            }
        }
    }

    @Override
    public void close() throws Exception {
        stopWorkers();
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            Exit.resetExitProcedure();
        }
    }
}
