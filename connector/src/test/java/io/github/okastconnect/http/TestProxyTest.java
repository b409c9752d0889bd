package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.github.okastconnect.testkit.TestProxy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test proxy against real clients and servers: {@code HttpURLConnection} for forward requests, a hand-written
 * CONNECT over a socket for tunnels (so the test controls exactly what the proxy is sent), and JDK servers upstream.
 */
class TestProxyTest {
    private static final String SECRET = "secret-xyz";

    private final List<Seen> upstreamSaw = new CopyOnWriteArrayList<>();
    private HttpServer upstream;

    /** A request as the upstream server received it. */
    private record Seen(String method, String uri, Headers headers, byte[] body) {}

    private record Answer(int status, String body, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", this::answer);
        upstream.setExecutor(TestCertificates.daemonThreads());
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            upstreamSaw.add(new Seen(
                    exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            byte[] answer = "hello from upstream".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private String upstreamUrl(String pathAndQuery) {
        return "http://127.0.0.1:" + upstream.getAddress().getPort() + pathAndQuery;
    }

    private String upstreamTarget() {
        return "127.0.0.1:" + upstream.getAddress().getPort();
    }

    @Test
    void plainHttpGetIsForwardedAndRecordedWithItsHeaders() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            Answer answer = get(proxy, upstreamUrl("/status?x=1"), Map.of("Authorization", "Bearer " + SECRET));

            assertEquals(200, answer.status());
            assertEquals("hello from upstream", answer.body());
            assertEquals(1, upstreamSaw.size());
            Seen seen = upstreamSaw.get(0);
            assertEquals("GET", seen.method());
            assertEquals("/status?x=1", seen.uri());
            assertEquals("Bearer " + SECRET, seen.headers().getFirst("Authorization"));
            assertTrue(seen.headers().getFirst("Via").contains(TestProxy.REALM), "went through the proxy");
            assertEquals(
                    List.of("Java/" + System.getProperty("java.version")),
                    seen.headers().get("User-Agent"));

            assertEquals(1, proxy.forwards().size());
            TestProxy.ForwardRecord forward = proxy.forwards().get(0);
            assertEquals("GET", forward.method());
            assertEquals(upstreamUrl("/status?x=1"), forward.uri());
            assertEquals(200, forward.status());
            assertEquals("Bearer " + SECRET, forward.header("authorization").orElseThrow());
            assertTrue(proxy.sawInClear(SECRET), "a plain-HTTP request's headers are in clear at the proxy");
            assertEquals(List.of(), proxy.connects());
            assertEquals(0, proxy.authChallenges());
        }
    }

    @Test
    void postBodyIsForwardedAndRecorded() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            HttpURLConnection connection = open(proxy, upstreamUrl("/submit"));
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write("token=body-secret".getBytes(StandardCharsets.UTF_8));
            }
            Answer answer = read(connection);

            assertEquals(200, answer.status());
            assertArrayEquals(
                    "token=body-secret".getBytes(StandardCharsets.UTF_8),
                    upstreamSaw.get(0).body());
            TestProxy.ForwardRecord forward = proxy.forwards().get(0);
            assertEquals("POST", forward.method());
            assertEquals("token=body-secret", forward.bodyText());
            assertTrue(proxy.sawInClear("body-secret"));
        }
    }

    @Test
    void forwardRequestWithoutCredentialsGets407AndIsNotSent() throws Exception {
        try (TestProxy proxy = TestProxy.startWithBasicAuth("alice", "s3cret")) {
            Answer answer = get(proxy, upstreamUrl("/status"), Map.of());

            assertEquals(407, answer.status());
            assertEquals("Basic realm=\"" + TestProxy.REALM + "\"", answer.header("Proxy-Authenticate"));
            assertEquals(List.of(), upstreamSaw);
            assertEquals(407, proxy.forwards().get(0).status());
            assertEquals(1, proxy.authChallenges());
        }
    }

    @Test
    void forwardRequestWithPreemptiveCredentialsPassesAndTheyStopAtTheProxy() throws Exception {
        try (TestProxy proxy = TestProxy.startWithBasicAuth("alice", "s3cret")) {
            String credentials = TestProxy.basic("alice", "s3cret");
            Answer answer = get(proxy, upstreamUrl("/status"), Map.of("Proxy-Authorization", credentials));

            assertEquals(200, answer.status());
            assertEquals("hello from upstream", answer.body());
            TestProxy.ForwardRecord forward = proxy.forwards().get(0);
            assertEquals(credentials, forward.header("Proxy-Authorization").orElseThrow());
            assertEquals(200, forward.status());
            Headers upstreamHeaders = upstreamSaw.get(0).headers();
            assertFalse(
                    upstreamHeaders.containsKey("Proxy-Authorization"),
                    upstreamHeaders.keySet().toString());
            assertFalse(
                    upstreamHeaders.containsKey("Proxy-Connection"),
                    upstreamHeaders.keySet().toString());
            assertEquals(0, proxy.authChallenges());
        }
    }

    @Test
    void wrongPasswordGets407OnForwardRequestsAndConnects() throws Exception {
        try (TestProxy proxy = TestProxy.startWithBasicAuth("alice", "s3cret")) {
            String wrong = TestProxy.basic("alice", "guess");
            assertEquals(
                    407,
                    get(proxy, upstreamUrl("/status"), Map.of("Proxy-Authorization", wrong))
                            .status());
            try (Socket socket = connectTo(proxy)) {
                String head = sendConnect(socket, "localhost:443", wrong);
                assertEquals(407, statusOf(head));
                assertTrue(head.contains("Proxy-Authenticate: Basic realm=\"" + TestProxy.REALM + "\""), head);
            }
            assertEquals(List.of(), upstreamSaw);
            assertEquals(2, proxy.authChallenges());
            assertEquals(wrong, proxy.connects().get(0).proxyAuthorization().orElseThrow());
        }
    }

    @Test
    void connectWithoutCredentialsGets407() throws Exception {
        try (TestProxy proxy = TestProxy.startWithBasicAuth("alice", "s3cret");
                Socket socket = connectTo(proxy)) {
            String head = sendConnect(socket, "localhost:443", null);

            assertEquals(407, statusOf(head));
            assertTrue(head.contains("Proxy-Authenticate: Basic realm=\"" + TestProxy.REALM + "\""), head);
            TestProxy.ConnectRecord connect = proxy.connects().get(0);
            assertEquals("localhost:443", connect.target());
            assertTrue(connect.proxyAuthorization().isEmpty());
            assertEquals(407, connect.status());
            assertEquals(List.of(), proxy.tunnels());
        }
    }

    @Test
    void tlsThroughATunnelReachesUpstreamAndTheProxySeesNoSecret(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpsServer https = certificates.startServer("/", exchange -> {
            try (exchange) {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] answer = "hello over tls".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        String target = "localhost:" + https.getAddress().getPort();
        String credentials = TestProxy.basic("alice", "s3cret");
        try (TestProxy proxy = TestProxy.startWithBasicAuth("alice", "s3cret");
                Socket socket = connectTo(proxy)) {
            assertEquals(200, statusOf(sendConnect(socket, target, credentials)));
            String answer = getOverTls(certificates, socket, target, "Bearer " + SECRET);

            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.endsWith("hello over tls"), answer);
            assertEquals(List.of("Bearer " + SECRET), authorizations, "the secret did travel, inside TLS");

            TestProxy.ConnectRecord connect = proxy.connects().get(0);
            assertEquals(target, connect.target());
            assertEquals(credentials, connect.proxyAuthorization().orElseThrow());
            assertEquals(200, connect.status());
            TestProxy.TunnelRecord tunnel = proxy.tunnels().get(0);
            assertEquals(target, tunnel.target());
            assertEquals(0x16, tunnel.fromClient()[0], "a TLS handshake record opens the tunnel");
            assertEquals(0x16, tunnel.fromServer()[0]);
            assertFalse(tunnel.contains(SECRET));
            assertFalse(tunnel.contains("hello over tls"));
            assertFalse(proxy.sawInClear(SECRET));

            assertEquals(
                    200,
                    get(
                                    proxy,
                                    upstreamUrl("/status"),
                                    Map.of("Proxy-Authorization", credentials, "Authorization", "Bearer " + SECRET))
                            .status());
            assertTrue(proxy.sawInClear(SECRET), "the recorder does see a secret sent in clear");
        } finally {
            https.stop(0);
        }
    }

    @Test
    void plainTextThroughATunnelIsRecordedInFullBothWays() throws Exception {
        try (TestProxy proxy = TestProxy.start();
                Socket socket = connectTo(proxy)) {
            assertEquals(200, statusOf(sendConnect(socket, upstreamTarget(), null)));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /in-clear HTTP/1.1\r\nHost: " + upstreamTarget() + "\r\nAuthorization: Bearer " + SECRET
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answer.endsWith("hello from upstream"), answer);
            TestProxy.TunnelRecord tunnel = proxy.tunnels().get(0);
            assertTrue(new String(tunnel.fromClient(), StandardCharsets.ISO_8859_1).startsWith("GET /in-clear "));
            assertEquals(answer, new String(tunnel.fromServer(), StandardCharsets.UTF_8));
            assertTrue(tunnel.contains(SECRET));
            assertTrue(proxy.sawInClear(SECRET));
            assertEquals(List.of(), proxy.forwards(), "tunneled requests are not forward requests");
        }
    }

    @Test
    void refusedConnectTargetGetsTheConfiguredStatus() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            proxy.refuseConnect("blocked.example:443", 403);
            proxy.refuseConnect("LOCALHOST:8443", 502);
            try (Socket socket = connectTo(proxy)) {
                assertEquals(403, statusOf(sendConnect(socket, "blocked.example:443", null)));
            }
            try (Socket socket = connectTo(proxy)) {
                assertEquals(502, statusOf(sendConnect(socket, "localhost:8443", null)));
            }
            assertEquals(
                    List.of(403, 502),
                    proxy.connects().stream()
                            .map(TestProxy.ConnectRecord::status)
                            .toList());
            assertEquals(List.of(), proxy.tunnels());
        }
    }

    @Test
    void connectToAClosedPortGets502() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (TestProxy proxy = TestProxy.start();
                Socket socket = connectTo(proxy)) {
            assertEquals(502, statusOf(sendConnect(socket, "127.0.0.1:" + closedPort, null)));
            assertEquals(502, proxy.connects().get(0).status());
        }
    }

    @Test
    void failedForwardTargetGetsTheConfiguredStatusAndIsNotSent() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            proxy.failForward(upstreamTarget(), 504);
            assertEquals(504, get(proxy, upstreamUrl("/status"), Map.of()).status());
            proxy.failForward(upstreamTarget(), 502);
            assertEquals(502, get(proxy, upstreamUrl("/status"), Map.of()).status());
            assertEquals(List.of(), upstreamSaw);

            proxy.clearFaults();
            assertEquals(200, get(proxy, upstreamUrl("/status"), Map.of()).status());
            assertEquals(
                    List.of(504, 502, 200),
                    proxy.forwards().stream()
                            .map(TestProxy.ForwardRecord::status)
                            .toList());
        }
    }

    @Test
    void downClosesThePortAndUpOpensItAgain() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            assertEquals(200, get(proxy, upstreamUrl("/status"), Map.of()).status());
            proxy.down();
            assertThrows(ConnectException.class, () -> connectTo(proxy).close());
            assertThrows(ConnectException.class, () -> get(proxy, upstreamUrl("/status"), Map.of()));
            proxy.up();
            assertEquals(200, get(proxy, upstreamUrl("/status"), Map.of()).status());
            assertEquals(2, proxy.forwards().size());
        }
    }

    @Test
    void aRequestNamingTheProxyItselfIsNotForwarded() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            assertEquals(400, get(proxy, proxy.url() + "/loop", Map.of()).status());
            assertEquals(1, proxy.forwards().size());
        }
    }

    @Test
    void urlIsLoopbackWithTheBoundPort() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            assertEquals("http://127.0.0.1:" + proxy.port(), proxy.url());
            assertTrue(proxy.port() > 0);
        }
    }

    private static HttpURLConnection open(TestProxy proxy, String url) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(url).toURL().openConnection(proxy.javaProxy());
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        return connection;
    }

    private static Answer get(TestProxy proxy, String url, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = open(proxy, url);
        headers.forEach(connection::setRequestProperty);
        return read(connection);
    }

    private static Answer read(HttpURLConnection connection) throws IOException {
        try {
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, body, connection.getHeaderFields());
        } finally {
            connection.disconnect();
        }
    }

    private static Socket connectTo(TestProxy proxy) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends a CONNECT and returns the answer's head; the socket is left right after it, ready for a tunnel. */
    private static String sendConnect(Socket socket, String target, String proxyAuthorization) throws IOException {
        StringBuilder request = new StringBuilder()
                .append("CONNECT ")
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(target)
                .append("\r\n");
        if (proxyAuthorization != null) {
            request.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readHead(socket.getInputStream());
    }

    /** Byte by byte, so nothing after the head (the tunnel's first bytes) is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed within the head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int statusOf(String head) {
        return Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
    }

    private static String getOverTls(TestCertificates certificates, Socket tunnel, String target, String authorization)
            throws Exception {
        String host = target.substring(0, target.indexOf(':'));
        int port = Integer.parseInt(target.substring(target.indexOf(':') + 1));
        try (SSLSocket tls =
                (SSLSocket) trusting(certificates).getSocketFactory().createSocket(tunnel, host, port, true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            out.write(("GET /status HTTP/1.1\r\nHost: " + target + "\r\nAuthorization: " + authorization
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static SSLContext trusting(TestCertificates certificates) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.trustPkcs12)) {
            trust.load(in, TestCertificates.TRUST_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
