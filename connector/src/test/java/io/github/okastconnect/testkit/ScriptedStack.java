package io.github.okastconnect.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the in-process integration tests run against: a {@link ScriptedOkastServer}, a broker and one Connect worker
 * in this JVM ({@link EmbeddedConnectCluster}, or a worker joined to a broker someone else runs), and a
 * {@link LogCapture} of every line logged from before the first connector is created to after the worker stopped.
 * {@link #close()} stops the readers first, then the worker, the server and what runs beneath them, and fails if a
 * secret of the test reached the logs.
 */
public final class ScriptedStack implements AutoCloseable {
    private final ScriptedOkastServer server;
    private final EmbeddedConnectCluster cluster;
    private final LogCapture logs;
    private final SecretScan secrets;
    private final List<AutoCloseable> closeFirst = new ArrayList<>();
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    private ScriptedStack(ScriptedOkastServer server, EmbeddedConnectCluster cluster, SecretScan secrets) {
        this.server = server;
        this.cluster = cluster;
        this.secrets = secrets;
        this.logs = LogCapture.install();
    }

    /** A single-broker cluster with one worker; {@code secrets} must never appear in what the JVM logs. */
    public static ScriptedStack start(SecretScan secrets) throws Exception {
        return start(secrets, Map.of());
    }

    /** The same, with worker properties of the test's own (e.g. config providers). */
    public static ScriptedStack start(SecretScan secrets, Map<String, String> workerOverrides) throws Exception {
        ScriptedOkastServer server = new ScriptedOkastServer();
        try {
            return new ScriptedStack(server, EmbeddedConnectCluster.start(1, workerOverrides), secrets);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** One worker joined to a Kafka cluster that runs elsewhere (e.g. in a container). */
    public static ScriptedStack join(String bootstrapServers, SecretScan secrets) throws Exception {
        ScriptedOkastServer server = new ScriptedOkastServer();
        try {
            return new ScriptedStack(server, EmbeddedConnectCluster.join(bootstrapServers, 1, Map.of()), secrets);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** Closes {@code resource} (a reader of the topics) before the worker; returns it. */
    public <T extends AutoCloseable> T closeFirst(T resource) {
        closeFirst.add(0, resource);
        return resource;
    }

    /** Closes {@code resource} (what the worker or the connector talks to) after the worker and the server. */
    public <T extends AutoCloseable> T closeLast(T resource) {
        closeLast.add(0, resource);
        return resource;
    }

    public ScriptedOkastServer server() {
        return server;
    }

    public EmbeddedConnectCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public LogCapture logs() {
        return logs;
    }

    @Override
    public void close() throws Exception {
        try {
            List<AutoCloseable> order = new ArrayList<>(closeFirst);
            order.add(cluster);
            order.add(server);
            order.addAll(closeLast);
            for (AutoCloseable c : order) {
                c.close();
            }
        } finally {
            logs.close();
        }
        // From before the first connector was created to after the worker shut down.
        secrets.assertAbsent(logs);
    }
}
