package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.github.okastconnect.OkastSourceConnector;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.testkit.TestProxy;
import io.github.okastconnect.testkit.ValidationErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances behind a real proxy (Jetty's forward proxy and CONNECT handler, with Basic authentication), configured
 * the way a user does: http:// instances through the proxy as a forward proxy, https:// ones through a tunnel the
 * proxy sees only encrypted bytes of; the proxy's own failures told apart from the instance's and blamed on the
 * proxy's keys; bypassed hosts and per-instance overrides never touch the proxy.
 */
class StatusClientProxyTest {
    private static final String PATH = "/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php";
    private static final String PROXY_USER = "connect";
    private static final String PROXY_PASSWORD = "pr0xy-pa55-never-logged";
    private static final String INSTANCE_PASSWORD = "inst4nce-pa55-only-inside-tls";
    private static final byte[] BODY = ("[{\"request\":{\"filePath\":\"https://s/a.mp4\"},\"requestTime\":"
                    + "\"2026-1203 10:00:00\",\"lastStatusUpdate\":\"2026-1203 10:00:01\",\"status\":\"PENDING\"}]")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static HttpsServer https;
    static HttpServer plain;
    static final List<String> SEEN_BY_INSTANCES = new CopyOnWriteArrayList<>();

    private TestProxy proxy;

    @BeforeAll
    static void servers() throws Exception {
        certs = TestCertificates.create(dir);
        https = certs.startServer(PATH, StatusClientProxyTest::answer);
        plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.setExecutor(TestCertificates.daemonThreads());
        plain.createContext(PATH, StatusClientProxyTest::answer);
        plain.start();
    }

    /** Answers gzip when asked, as a compressing instance would. */
    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            SEEN_BY_INSTANCES.add(exchange.getRequestHeaders().getFirst("Host"));
            String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            if (accept != null && accept.contains("gzip")) {
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody())) {
                    out.write(BODY);
                }
            } else {
                exchange.sendResponseHeaders(200, BODY.length);
                exchange.getResponseBody().write(BODY);
            }
        }
    }

    @AfterAll
    static void stopServers() {
        https.stop(0);
        plain.stop(0);
    }

    @BeforeEach
    void startProxy() throws IOException {
        proxy = TestProxy.startWithBasicAuth(PROXY_USER, PROXY_PASSWORD);
        SEEN_BY_INSTANCES.clear();
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private Map<String, String> config(String proxyPassword) {
        Map<String, String> props = new HashMap<>();
        props.put("okast.instances", "secure,plain");
        props.put(
                "okast.instance.secure.url",
                "https://localhost:" + https.getAddress().getPort());
        props.put("okast.instance.secure.auth.type", "basic");
        props.put("okast.instance.secure.auth.username", "ops");
        props.put("okast.instance.secure.auth.password", INSTANCE_PASSWORD);
        props.put(
                "okast.instance.plain.url",
                "http://127.0.0.1:" + plain.getAddress().getPort());
        props.put("http.ssl.truststore.location", certs.trustPkcs12.toString());
        props.put("http.ssl.truststore.password", TestCertificates.TRUST_PASSWORD);
        props.put("http.proxy.url", proxy.url());
        props.put("http.proxy.username", PROXY_USER);
        props.put("http.proxy.password", proxyPassword);
        props.put("validation.probe.enabled", "false");
        return props;
    }

    private static Map<String, InstanceConfig> instances(Map<String, String> props) {
        return new OkastSourceConfig(props).instances().stream().collect(Collectors.toMap(InstanceConfig::id, i -> i));
    }

    private static StatusClient client(Map<String, String> props) {
        OkastSourceConfig config = new OkastSourceConfig(props);
        return new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 20)
                        .withTls(config.sslContext(), true)
                        .withReceiveBufferPoolBytes(1 << 20)
                        .withCompression(true),
                Clock.systemUTC());
    }

    private static FetchResult fetch(StatusClient client, InstanceConfig instance) throws Exception {
        return client.fetch(instance).get(30, TimeUnit.SECONDS);
    }

    @Test
    void httpsInstancesGoThroughOneReusedTunnelAndTheirCredentialsNeverAppearInClear() throws Exception {
        Map<String, String> props = config(PROXY_PASSWORD);
        try (StatusClient client = client(props)) {
            InstanceConfig secure = instances(props).get("secure");
            for (int i = 0; i < 3; i++) {
                FetchResult.Success success = assertInstanceOf(FetchResult.Success.class, fetch(client, secure));
                assertArrayEquals(BODY, success.body(), "gzip decoded through the tunnel");
            }
        }
        assertEquals(1, proxy.connects().size(), "three polls, one tunnel kept alive: " + proxy.connects());
        TestProxy.ConnectRecord connect = proxy.connects().get(0);
        assertEquals("localhost:" + https.getAddress().getPort(), connect.target());
        assertEquals(200, connect.status());
        assertEquals(
                TestProxy.basic(PROXY_USER, PROXY_PASSWORD),
                connect.proxyAuthorization().orElseThrow());
        assertEquals(3, SEEN_BY_INSTANCES.size());
        String instanceBasic =
                Base64.getEncoder().encodeToString(("ops:" + INSTANCE_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertFalse(proxy.sawInClear(INSTANCE_PASSWORD), "instance password in clear at the proxy");
        assertFalse(proxy.sawInClear(instanceBasic), "instance Basic header in clear at the proxy");
        assertFalse(proxy.sawInClear("_getIngestStatus.php"), "the request path travels inside TLS too");
        assertTrue(proxy.tunnels().stream().mapToInt(t -> t.fromServer().length).sum() > 0, "bytes did flow");
    }

    @Test
    void httpInstancesGoThroughTheProxyAsAForwardProxy() throws Exception {
        Map<String, String> props = config(PROXY_PASSWORD);
        try (StatusClient client = client(props)) {
            FetchResult.Success success = assertInstanceOf(
                    FetchResult.Success.class, fetch(client, instances(props).get("plain")));
            assertArrayEquals(BODY, success.body());
        }
        List<TestProxy.ForwardRecord> forwarded = proxy.forwards();
        assertEquals(1, forwarded.size(), forwarded.toString());
        assertEquals(
                "http://127.0.0.1:" + plain.getAddress().getPort() + PATH,
                forwarded.get(0).uri());
        assertEquals(200, forwarded.get(0).status());
        assertEquals("gzip", forwarded.get(0).header("Accept-Encoding").orElseThrow());
        assertEquals(0, proxy.connects().size());
    }

    @Test
    void aWrongProxyPasswordIsAProxyFailureNamingTheProxyKeysInBothModes() throws Exception {
        Map<String, String> props = config("not-the-password");
        try (StatusClient client = client(props)) {
            for (String id : List.of("secure", "plain")) {
                FetchResult.Failure failure = assertInstanceOf(
                        FetchResult.Failure.class,
                        fetch(client, instances(props).get(id)));
                assertEquals(FailureCause.PROXY_AUTH, failure.cause(), id + ": " + failure.message());
                assertTrue(failure.message().contains("http.proxy.password"), failure.message());
                assertFalse(failure.message().contains("not-the-password"), failure.message());
            }
        }
        assertEquals(2, proxy.authChallenges());
        assertEquals(List.of(), SEEN_BY_INSTANCES, "nothing reached an instance");
    }

    @Test
    void aProxyThatIsDownRefusesOrCannotReachTheInstanceIsToldApartFromTheInstance() throws Exception {
        Map<String, String> props = config(PROXY_PASSWORD);
        Map<String, InstanceConfig> instances = instances(props);
        try (StatusClient client = client(props)) {
            proxy.refuseConnect("localhost:" + https.getAddress().getPort(), 403);
            FetchResult.Failure refused =
                    assertInstanceOf(FetchResult.Failure.class, fetch(client, instances.get("secure")));
            assertEquals(FailureCause.PROXY_REFUSED, refused.cause(), refused.message());
            assertTrue(
                    refused.message().contains("403") && refused.message().contains("http.proxy.url"),
                    refused.message());

            proxy.failForward("127.0.0.1:" + plain.getAddress().getPort(), 504);
            FetchResult.Failure gateway =
                    assertInstanceOf(FetchResult.Failure.class, fetch(client, instances.get("plain")));
            assertEquals(FailureCause.PROXY_REFUSED, gateway.cause(), gateway.message());
            proxy.clearFaults();

            proxy.down();
            for (String id : List.of("secure", "plain")) {
                FetchResult.Failure down =
                        assertInstanceOf(FetchResult.Failure.class, fetch(client, instances.get(id)));
                assertEquals(FailureCause.PROXY_UNREACHABLE, down.cause(), id + ": " + down.message());
                assertTrue(down.message().contains("http.proxy.url"), down.message());
            }
            proxy.up();
            assertInstanceOf(FetchResult.Success.class, fetch(client, instances.get("secure")));
            assertInstanceOf(FetchResult.Success.class, fetch(client, instances.get("plain")));
        }
    }

    @Test
    void bypassedHostsAndInstancesSetToNoneConnectDirectlyAndAnOverrideUsesItsOwnProxy() throws Exception {
        Map<String, String> props = config(PROXY_PASSWORD);
        props.put("http.proxy.bypass.hosts", "localhost");
        props.put("okast.instance.plain.proxy.url", "none");
        try (StatusClient client = client(props)) {
            assertInstanceOf(
                    FetchResult.Success.class, fetch(client, instances(props).get("secure")));
            assertInstanceOf(
                    FetchResult.Success.class, fetch(client, instances(props).get("plain")));
        }
        assertEquals(List.of(), proxy.connects());
        assertEquals(List.of(), proxy.forwards());
        assertEquals(2, SEEN_BY_INSTANCES.size());

        try (TestProxy other = TestProxy.start()) {
            props.put("okast.instance.plain.proxy.url", other.url());
            try (StatusClient client = client(props)) {
                assertInstanceOf(
                        FetchResult.Success.class,
                        fetch(client, instances(props).get("plain")));
            }
            assertEquals(1, other.forwards().size());
            assertFalse(
                    other.forwards().get(0).header("Proxy-Authorization").isPresent(),
                    "the connector's proxy password is never sent to an instance's own proxy");
            assertEquals(List.of(), proxy.forwards());
        }
    }

    @Test
    void theLiveProbeTakesTheProxyRouteAndBlamesAWrongPasswordOnItsKey() {
        Map<String, String> props = config("not-the-password");
        props.put("validation.probe.enabled", "true");
        List<ConfigValue> values = new OkastSourceConnector().validate(props).configValues();
        Map<String, List<String>> errors = ValidationErrors.byKey(values);
        assertEquals(List.of("http.proxy.password"), List.copyOf(errors.keySet()), errors.toString());
        assertFalse(values.toString().contains("not-the-password"));
        assertEquals(2, proxy.authChallenges(), "both instances' probes went to the proxy");

        props.put("http.proxy.password", PROXY_PASSWORD);
        List<ConfigValue> good = new OkastSourceConnector().validate(props).configValues();
        assertEquals(Map.of(), ValidationErrors.byKey(good), good.toString());
        assertEquals(1, proxy.connects().stream().filter(c -> c.status() == 200).count());
        assertEquals(1, proxy.forwards().stream().filter(f -> f.status() == 200).count());
    }
}
