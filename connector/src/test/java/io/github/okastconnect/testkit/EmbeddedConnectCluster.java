package io.github.okastconnect.testkit;

import java.net.URI;
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
 * A real KRaft broker (Kafka's own KafkaClusterTestKit) and real distributed Connect workers, all Kafka 4.4.0, in
 * this JVM. Workers find the connector on the test classpath through its ServiceLoader manifest.
 */
public final class EmbeddedConnectCluster implements AutoCloseable {
    private final KafkaClusterTestKit kafka;
    private final Map<String, String> workerProps;
    private final List<Connect<?>> workers = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedConnectCluster(KafkaClusterTestKit kafka, Map<String, String> workerProps) {
        this.kafka = kafka;
        this.workerProps = workerProps;
    }

    public static EmbeddedConnectCluster start(int workerCount, Map<String, String> overrides) throws Exception {
        KafkaClusterTestKit kafka = SingleBrokerKafka.start();
        Map<String, String> props = WorkerProperties.forSingleBroker(kafka.bootstrapServers(), "connect");
        props.putAll(overrides);
        EmbeddedConnectCluster cluster1 = new EmbeddedConnectCluster(kafka, props);
        for (int i = 0; i < workerCount; i++) {
            cluster1.addWorker();
        }
        return cluster1;
    }

    /** Starts one more worker and waits until its REST API reports healthy. Returns its index. */
    public int addWorker() {
        Connect<?> connect = new ConnectDistributed().startConnect(new HashMap<>(workerProps));
        workers.add(connect);
        waitHealthy(connect);
        return workers.size() - 1;
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
        Connect<?> connect = new ConnectDistributed().startConnect(new HashMap<>(workerProps));
        workers.set(i, connect);
        waitHealthy(connect);
    }

    private void waitHealthy(Connect<?> connect) {
        URI health = connect.rest().serverUrl().resolve("/health");
        ConnectRest rest = new ConnectRest(connect.rest().serverUrl(), http);
        Waits.until(Duration.ofSeconds(60), "worker " + health + " healthy", () -> rest.healthy());
    }

    /** REST client of the first live worker. */
    public ConnectRest rest() {
        for (Connect<?> w : workers) {
            if (w != null) {
                return new ConnectRest(w.rest().serverUrl(), http);
            }
        }
        throw new IllegalStateException("no live worker");
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String offsetsTopic() {
        return workerProps.get("offset.storage.topic");
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    @Override
    public void close() throws Exception {
        for (int i = 0; i < workers.size(); i++) {
            try {
                stopWorker(i);
            } catch (RuntimeException e) {
                // Keep closing the others; the broker must go down whatever happens.
            }
        }
        kafka.close();
        Exit.resetExitProcedure();
    }
}
