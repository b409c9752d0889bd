package io.github.okastconnect.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the in-process integration tests run against: a {@link ScriptedOkastServer}, a broker and one Connect worker
 * in this JVM ({@link EmbeddedConnectCluster}, or a worker joined to a broker someone else runs), and a
 * {@link LogCapture} of every line logged from before the first connector is created to after the worker stopped.
 * {@link #close()} stops the readers first, then the worker, the server and what runs beneath them, and fails if a
 * secret of the test reached the logs.
 *
 * <p>As a field of a {@code PER_CLASS} test, {@code @RegisterExtension final ScriptedStack stack =
 * ScriptedStack.of(SECRET);} starts it before the first test and closes it after the last; or call
 * {@link #start()} and {@link #close()} where something must run around them.
 */
public final class ScriptedStack implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private final SecretScan secrets;
    private final InstanceSecret instanceSecret;
    private Map<String, String> workerOverrides = Map.of();
    private String joinBootstrapServers;
    private ScriptedOkastServer server;
    private EmbeddedConnectCluster cluster;
    private LogCapture logs;
    private long startedAtMs;
    private final List<AutoCloseable> closeFirst = new ArrayList<>();
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    private ScriptedStack(SecretScan secrets, InstanceSecret instanceSecret) {
        this.secrets = secrets;
        this.instanceSecret = instanceSecret;
    }

    /** The instances demand {@code secret} ({@link #connectorConfig}); it must never appear in the logs. */
    public static ScriptedStack of(InstanceSecret secret) {
        return new ScriptedStack(secret.scan(), secret);
    }

    /** The test configures its secrets itself; {@code secrets} must never appear in the logs. */
    public static ScriptedStack of(SecretScan secrets) {
        return new ScriptedStack(secrets, null);
    }

    /** Worker properties of the test's own (e.g. config providers); before {@link #start()}. */
    public ScriptedStack workerProperties(Map<String, String> overrides) {
        this.workerOverrides = Map.copyOf(overrides);
        return this;
    }

    /** One worker joined to a Kafka cluster that runs elsewhere (e.g. in a container); before {@link #start()}. */
    public ScriptedStack joining(String bootstrapServers) {
        this.joinBootstrapServers = bootstrapServers;
        return this;
    }

    public ScriptedStack start() throws Exception {
        startedAtMs = System.currentTimeMillis();
        server = new ScriptedOkastServer();
        try {
            cluster = joinBootstrapServers == null
                    ? EmbeddedConnectCluster.start(1, workerOverrides)
                    : EmbeddedConnectCluster.join(joinBootstrapServers, 1, workerOverrides);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        logs = LogCapture.install();
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
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

    /** The wall-clock time {@link #start()} began: no record of this stack can be older. */
    public long startedAtMs() {
        return startedAtMs;
    }

    public LogCapture logs() {
        return logs;
    }

    /**
     * A one-task config that polls {@code instance} of the scripted server every 100 ms, keeps its state on this
     * cluster and, with an {@link InstanceSecret}, sends the credentials the server then demands.
     */
    public Map<String, String> connectorConfig(String topic, String instance) {
        Map<String, String> c = SourceConfig.of(topic, 1, 100);
        c.put("okast.instances", instance);
        c.put("state.bootstrap.servers", bootstrapServers());
        c.put("okast.instance." + instance + ".url", server.baseUrl(instance));
        if (instanceSecret != null) {
            instanceSecret.requireOn(server, instance);
            instanceSecret.configure(c, instance);
        }
        return c;
    }

    /** Idempotent: a test that closes the stack itself may also have it registered as an extension. */
    @Override
    public void close() throws Exception {
        if (logs == null) {
            // never started, or closed already: only what was handed over to close
            for (AutoCloseable c : closeLast) {
                c.close();
            }
            closeLast.clear();
            return;
        }
        LogCapture captured = logs;
        logs = null;
        try {
            List<AutoCloseable> order = new ArrayList<>(closeFirst);
            order.add(cluster);
            order.add(server);
            order.addAll(closeLast);
            closeFirst.clear();
            closeLast.clear();
            for (AutoCloseable c : order) {
                c.close();
            }
        } finally {
            captured.close();
        }
        // From before the first connector was created to after the worker shut down.
        secrets.assertAbsent(captured);
    }
}
