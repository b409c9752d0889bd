package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import io.github.okastconnect.http.TestCertificates.Issued;
import io.github.okastconnect.http.TestCertificates.Role;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.LogCapture;
import io.github.okastconnect.testkit.SecretScan;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.TestProxy;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector in a customer's network, on a real Connect worker: a proxy with Basic authentication in front of
 * every instance, gzip from the simulator, an OAuth2 instance with short-lived tokens, an https:// instance that
 * requires a client certificate (the instance's own keystore) and a password, reached through a CONNECT tunnel.
 * Every secret comes from a file through Connect's FileConfigProvider, as the docs recommend, and none of them, nor
 * any token issued, shows up in the logs, the records, the REST API, the metrics, or what the proxy saw in clear.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkIT {
    private static final String NAME = "okast-networks";
    private static final String TOPIC = "okast.networks";
    private static final String PATH = "/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php";
    private static final String PROXY_PASSWORD = "pr0xy-pa55-n3tw0rk";
    private static final String CLIENT_SECRET = "cl1ent-s3cret-n3tw0rk";
    private static final String STORE_PASSWORD = "st0re-pa55-n3tw0rk";
    private static final String KEY_PASSWORD = "k3y-pa55-n3tw0rk";
    private static final String INSTANCE_PASSWORD = "inst4nce-pa55-n3tw0rk";
    private static final List<String> SECRETS = List.of(
            PROXY_PASSWORD,
            CLIENT_SECRET,
            STORE_PASSWORD,
            KEY_PASSWORD,
            INSTANCE_PASSWORD,
            base64("connect:" + PROXY_PASSWORD),
            base64("ops:" + INSTANCE_PASSWORD));

    @TempDir
    static Path dir;

    private OkastSimulator sim;
    private TestProxy proxy;
    private HttpsServer mtls;
    private volatile byte[] mtlsBody = "[]".getBytes(StandardCharsets.UTF_8);
    private final List<String> mtlsClients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Path keystore;
    private Path caPem;
    private Path secrets;
    private EmbeddedConnectCluster cluster;
    private TopicReader consumer;
    private LogCapture logs;
    /** Every secret configured, and the last token issued: scanned for again once the worker has shut down. */
    private final List<String> forbidden = new ArrayList<>(SECRETS);

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    void start() throws Exception {
        sim = OkastSimulator.builder()
                .oauth2Client("okast-connect", CLIENT_SECRET)
                .tokenLifetime(Duration.ofSeconds(4))
                .build()
                .start();
        sim.addInstance(InstanceSettings.builder("gz").build());
        sim.addInstance(InstanceSettings.builder("identity").gzip(false).build());
        sim.addInstance(InstanceSettings.builder("oauth").oauth2(true).build());
        proxy = TestProxy.startWithBasicAuth("connect", PROXY_PASSWORD);

        Issued ca = TestCertificates.ca("Okast Network CA", "EC");
        keystore = TestCertificates.writeKeystore(
                dir.resolve("client.p12"),
                "PKCS12",
                TestCertificates.issue(ca, "okast-connect", "EC", Role.CLIENT),
                STORE_PASSWORD,
                KEY_PASSWORD);
        caPem = Files.writeString(dir.resolve("ca.pem"), TestCertificates.pem(ca.certificate()));
        String expectedAuthorization = "Basic " + base64("ops:" + INSTANCE_PASSWORD);
        mtls = TestCertificates.startServer(
                TestCertificates.issue(ca, "localhost", "EC", Role.SERVER), ca.certificate(), PATH, exchange -> {
                    try (exchange) {
                        mtlsClients.add(((com.sun.net.httpserver.HttpsExchange) exchange)
                                .getSSLSession()
                                .getPeerPrincipal()
                                .getName());
                        if (!expectedAuthorization.equals(
                                exchange.getRequestHeaders().getFirst("Authorization"))) {
                            exchange.sendResponseHeaders(401, -1);
                            return;
                        }
                        byte[] body = mtlsBody;
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
        secrets = Files.writeString(
                dir.resolve("okast-secrets.properties"),
                String.join(
                        "\n",
                        "proxy.password=" + PROXY_PASSWORD,
                        "oauth.secret=" + CLIENT_SECRET,
                        "mtls.store=" + STORE_PASSWORD,
                        "mtls.key=" + KEY_PASSWORD,
                        "mtls.password=" + INSTANCE_PASSWORD,
                        ""));
        cluster = EmbeddedConnectCluster.start(
                1,
                Map.of(
                        "config.providers",
                        "file",
                        "config.providers.file.class",
                        "org.apache.kafka.common.config.provider.FileConfigProvider"));
        logs = LogCapture.install();
        consumer = TopicReader.subscribe(cluster.bootstrapServers(), List.of(TOPIC), false);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {consumer, cluster, proxy, sim}) {
            if (c != null) {
                c.close();
            }
        }
        if (mtls != null) {
            mtls.stop(0);
        }
        if (logs != null) {
            logs.close();
            // Everything the JVM logged from before the connector was created to after the worker shut down.
            SecretScan.of(forbidden).assertAbsent(logs);
        }
    }

    private String secret(String name) {
        return "${file:" + secrets + ":" + name + "}";
    }

    private Map<String, String> config() {
        Map<String, String> c = SourceConfig.of(TOPIC, 2, 300);
        c.put("okast.instances", "gz,identity,oauth,mtls");
        c.put("state.bootstrap.servers", cluster.bootstrapServers());
        c.put("http.proxy.url", proxy.url());
        c.put("http.proxy.username", "connect");
        c.put("http.proxy.password", secret("proxy.password"));
        c.put("okast.instance.gz.url", sim.baseUrl("gz"));
        c.put("okast.instance.identity.url", sim.baseUrl("identity"));
        c.put("okast.instance.oauth.url", sim.baseUrl("oauth"));
        // The simulator's token endpoint is plain HTTP: its secret must not cross the proxy in clear.
        c.put("okast.instance.oauth.proxy.url", "none");
        c.put("okast.instance.oauth.auth.type", "oauth2");
        c.put("okast.instance.oauth.auth.oauth2.token.url", sim.tokenUrl());
        c.put("okast.instance.oauth.auth.oauth2.client.id", "okast-connect");
        c.put("okast.instance.oauth.auth.oauth2.client.secret", secret("oauth.secret"));
        c.put(
                "okast.instance.mtls.url",
                "https://localhost:" + mtls.getAddress().getPort());
        c.put("okast.instance.mtls.auth.type", "basic");
        c.put("okast.instance.mtls.auth.username", "ops");
        c.put("okast.instance.mtls.auth.password", secret("mtls.password"));
        c.put("http.ssl.truststore.location", caPem.toString());
        c.put("http.ssl.truststore.type", "PEM");
        c.put("okast.instance.mtls.ssl.keystore.location", keystore.toString());
        c.put("okast.instance.mtls.ssl.keystore.password", secret("mtls.store"));
        c.put("okast.instance.mtls.ssl.key.password", secret("mtls.key"));
        return c;
    }

    private void setQueues(String json) {
        for (String id : List.of("gz", "identity", "oauth")) {
            sim.instance(id).setRawBody(json);
        }
        mtlsBody = json.getBytes(StandardCharsets.UTF_8);
    }

    private static String entry(String file, String updated, String status) {
        return "{\"request\":{\"filePath\":\"https://storage/" + file
                + ".mp4\"},\"requestTime\":\"2026-1203 09:00:00\"," + "\"lastStatusUpdate\":\"2026-1203 " + updated
                + "\",\"status\":\"" + status + "\"}";
    }

    /** Each instance's events as (change, file, status) lines, in order. */
    private static Map<String, List<String>> byInstance(List<LifecycleEvent> events) {
        return events.stream()
                .collect(Collectors.groupingBy(
                        e -> e.key().get("instance").asText(),
                        Collectors.mapping(
                                e -> e.changeType() + " "
                                        + e.key().get("filePath").asText() + " " + e.text("status"),
                                Collectors.toList())));
    }

    @Test
    void aProxiedGzippedOAuth2AndClientCertificateFleetEmitsTheSameEventsAsAPlainOneAndLeaksNoSecret()
            throws Exception {
        ConnectRestClient rest = cluster.rest();
        String validatePath = "/connector-plugins/io.github.okastconnect.OkastSourceConnector/config/validate";
        Map<String, String> wrongProxy = config();
        wrongProxy.put("http.proxy.password", "not-the-proxy-password");
        wrongProxy.put("name", NAME);
        ConnectRestClient.Response refused = rest.call("PUT", validatePath, wrongProxy);
        assertEquals(200, refused.status(), refused.body());
        List<String> refusedKeys = new ArrayList<>();
        refused.json().path("configs").forEach(v -> {
            if (v.path("value").path("errors").size() > 0) {
                refusedKeys.add(v.path("value").path("name").asText());
            }
        });
        assertEquals(List.of("http.proxy.password"), refusedKeys);
        assertFalse(refused.body().contains("not-the-proxy-password"), "validate echoed the wrong password");
        Map<String, String> good = config();
        good.put("name", NAME);
        ConnectRestClient.Response valid = rest.call("PUT", validatePath, good);
        assertEquals(0, valid.json().path("error_count").asInt(), "validate found errors in the right config");

        setQueues("[" + entry("a", "09:00:01", "PENDING") + "]");
        rest.createConnector(NAME, config());
        rest.awaitRunning(NAME, 2);
        List<LifecycleEvent> events = new ArrayList<>(consumer.take(4, Duration.ofSeconds(60)));
        setQueues("[" + entry("a", "09:01:00", "DOWNLOADING") + "," + entry("b", "09:01:00", "PENDING") + "]");
        events.addAll(consumer.take(8, Duration.ofSeconds(30)));
        int tokensBefore = (int) sim.oauth2().issuedCount();
        Thread.sleep(5_000); // past one token lifetime: the OAuth2 instance keeps polling on a renewed token
        setQueues("[" + entry("b", "09:02:00", "DONE") + "]");
        events.addAll(consumer.take(8, Duration.ofSeconds(30)));
        Thread.sleep(1_000);
        assertEquals(List.of(), consumer.drain(Duration.ofSeconds(1)), "nothing more than the transitions");

        Map<String, List<String>> perInstance = byInstance(events);
        List<String> expected = List.of(
                "NEW https://storage/a.mp4 PENDING",
                "STATUS_CHANGED https://storage/a.mp4 DOWNLOADING",
                "NEW https://storage/b.mp4 PENDING",
                "REMOVED https://storage/a.mp4 DOWNLOADING",
                "STATUS_CHANGED https://storage/b.mp4 DONE");
        for (String id : List.of("gz", "identity", "oauth", "mtls")) {
            List<String> got = new ArrayList<>(perInstance.get(id));
            // Within one poll, the order of a new entry and a changed one follows the body; compare as sets per step.
            assertEquals(
                    expected.stream().sorted().toList(), got.stream().sorted().toList(), id + ": " + got);
        }
        assertEquals(perInstance.get("identity"), perInstance.get("gz"), "gzip changes nothing in the events");

        // The route each instance took, seen from the proxy and the instances.
        assertTrue(sim.instance("gz").stats().gzipResponses() > 0, "the gz instance answered compressed");
        assertEquals(0, sim.instance("identity").stats().gzipResponses());
        assertTrue(proxy.forwards().stream().anyMatch(f -> f.uri().contains("/gz/") && f.status() == 200));
        assertTrue(proxy.forwards().stream().anyMatch(f -> f.uri().contains("/identity/") && f.status() == 200));
        assertTrue(proxy.forwards().stream().noneMatch(f -> f.uri().contains("/oauth")), "oauth is direct");
        assertTrue(
                proxy.connects().stream()
                        .anyMatch(c -> c.target()
                                        .equals("localhost:" + mtls.getAddress().getPort())
                                && c.status() == 200),
                proxy.connects().toString());
        assertTrue(mtlsClients.stream().allMatch(c -> c.contains("okast-connect")), mtlsClients.toString());
        long tokens = sim.oauth2().issuedCount();
        assertTrue(tokens > tokensBefore, "a token was renewed during the run");
        assertEquals(0, sim.oauth2().refusedCount());

        // No secret, and no token issued, anywhere a person or a proxy can look.
        String lastAuthorization =
                sim.instance("oauth").lastRequestHeaders().get("Authorization").get(0);
        forbidden.add(lastAuthorization.substring("Bearer ".length()));
        SecretScan scan = SecretScan.of(forbidden);
        scan.assertAbsent(logs);
        List<String> places = new ArrayList<>();
        events.forEach(e -> places.add("record: " + e.key() + " " + e.value()));
        places.add("GET config: "
                + rest.call("GET", "/connectors/" + NAME + "/config", null).body());
        places.add("status: "
                + rest.call("GET", "/connectors/" + NAME + "/status", null).body());
        places.add("validate: " + valid.body() + refused.body());
        places.add("metrics: " + connectMetrics());
        for (String secret : forbidden) {
            // The proxy's own credentials are for the proxy to read; nothing else is.
            boolean proxysOwn = secret.equals(PROXY_PASSWORD) || secret.equals(base64("connect:" + PROXY_PASSWORD));
            assertTrue(proxysOwn || !proxy.sawInClear(secret), "the proxy saw a secret in clear");
        }
        for (String place : places) {
            scan.assertAbsent(place.substring(0, place.indexOf(':')), place);
        }
    }

    /** Every attribute of every Kafka Connect MBean of this JVM, as text. */
    private static String connectMetrics() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder text = new StringBuilder();
        for (ObjectName name : server.queryNames(new ObjectName("kafka.connect*:*"), null)) {
            text.append(name).append('\n');
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                try {
                    text.append(attribute.getName())
                            .append('=')
                            .append(server.getAttribute(name, attribute.getName()))
                            .append('\n');
                } catch (Exception unreadable) {
                    text.append(attribute.getName()).append("=?\n");
                }
            }
        }
        assertTrue(text.indexOf("okast") >= 0 || text.indexOf(NAME) >= 0, "the connector's metrics were read");
        return text.toString();
    }
}
