package io.github.okastconnect.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real HTTP proxy on 127.0.0.1 for tests, built from Jetty's own proxy handlers so the connector is tested against
 * a proxy it did not write: {@code ProxyHandler.Forward} forwards absolute-URI requests for {@code http://} targets,
 * {@code ConnectHandler} opens CONNECT tunnels for {@code https://} ones.
 *
 * <p>It records what a proxy sees, for assertions about what the connector gives away: each CONNECT (target, headers
 * including {@code Proxy-Authorization}, status), each other request (method, absolute URI, headers and body as
 * received, status), and every byte each tunnel carried in both directions. Records are taken from Jetty's threads
 * before the answer goes out, so they are complete once the client has its answer.
 *
 * <p>Optionally it requires Basic proxy authentication (407 with {@code Proxy-Authenticate} otherwise), and it takes
 * faults: refuse a CONNECT target, fail forward requests to a target, or go down (port closed) and come back up on
 * the same port. {@code ProxyHandler} drops hop-by-hop headers, {@code Proxy-Authorization} included, before a
 * request goes upstream.
 */
public final class TestProxy implements AutoCloseable {
    /** The realm of the {@code Proxy-Authenticate} challenge. */
    public static final String REALM = "okast-test-proxy";

    private static final String HOST = "127.0.0.1";

    private final ProxyLog log = new ProxyLog();
    private final ProxyFaults faults = new ProxyFaults();
    private final Server server;
    private final ServerConnector connector;
    private final int port;

    private TestProxy(ProxyAuth auth) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("test-proxy");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(HOST);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new RecordingHandler(
                log,
                new RecordingConnectHandler(
                        auth, faults, log, new ForwardGate(auth, faults, new TransparentForward()))));
        try {
            server.start();
        } catch (Exception e) {
            keepInterrupt(e);
            stopQuietly(e);
            throw new IOException("the test proxy did not start", e);
        }
        port = connector.getLocalPort();
    }

    /** A proxy that lets every client through. */
    public static TestProxy start() throws IOException {
        return new TestProxy(ProxyAuth.none());
    }

    /** A proxy that answers 407 unless a request carries {@code Proxy-Authorization} for this user and password. */
    public static TestProxy startWithBasicAuth(String user, String password) throws IOException {
        return new TestProxy(ProxyAuth.basic(user, password, REALM));
    }

    /** The {@code Proxy-Authorization} value for these credentials. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + HOST + ":" + port;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** This proxy for {@code URL.openConnection(Proxy)}. */
    public Proxy javaProxy() {
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(HOST, port));
    }

    /** CONNECTs to {@code target} ({@code host:port} as the client writes it) get {@code status}, e.g. 403 or 502. */
    public void refuseConnect(String target, int status) {
        faults.refuseConnect(target, status);
    }

    /** Forward requests to {@code target} ({@code host:port}) get {@code status}, e.g. 502 or 504, unsent. */
    public void failForward(String target, int status) {
        faults.failForward(target, status);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Closes the listening port and the client connections; records stay. */
    public void down() {
        try {
            connector.stop();
        } catch (Exception e) {
            keepInterrupt(e);
            throw new IllegalStateException("the test proxy did not go down", e);
        }
    }

    /** Listens again on the same port after {@link #down()}. */
    public void up() throws IOException {
        connector.setPort(port);
        try {
            connector.start();
        } catch (Exception e) {
            keepInterrupt(e);
            throw new IOException("the test proxy did not come back on port " + port, e);
        }
    }

    public List<ConnectRecord> connects() {
        return log.connects();
    }

    /** Every request other than CONNECT, forwarded or answered by the proxy itself (407, faults). */
    public List<ForwardRecord> forwards() {
        return log.forwards();
    }

    public List<TunnelRecord> tunnels() {
        return log.tunnels();
    }

    /** How many times the proxy answered 407, on CONNECTs and forward requests together. */
    public int authChallenges() {
        return (int) (connects().stream().filter(c -> c.status() == 407).count()
                + forwards().stream().filter(f -> f.status() == 407).count());
    }

    /**
     * Whether {@code text} (as UTF-8) appears anywhere the proxy could read it: CONNECT headers, forward requests'
     * line, headers and body, and the bytes of every tunnel in either direction.
     */
    public boolean sawInClear(String text) {
        return connects().stream().anyMatch(c -> c.headers().stream().anyMatch(h -> h.contains(text)))
                || forwards().stream().anyMatch(f -> f.contains(text))
                || tunnels().stream().anyMatch(t -> t.contains(text));
    }

    public void clearRecords() {
        log.clear();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            keepInterrupt(e);
            throw new IllegalStateException("the test proxy did not stop", e);
        }
    }

    /** Jetty's lifecycle throws {@code Exception}; an interrupt inside it must survive the wrapping. */
    private static void keepInterrupt(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopQuietly(Exception cause) {
        try {
            server.stop();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** A request header as the proxy received it. */
    public record Header(String name, String value) {
        public boolean contains(String text) {
            return (name + ": " + value).contains(text);
        }
    }

    /** A CONNECT: {@code target} is {@code host:port} as the client wrote it; {@code status} what the proxy answered. */
    public record ConnectRecord(String target, List<Header> headers, int status) {
        public ConnectRecord {
            headers = List.copyOf(headers);
        }

        public Optional<String> proxyAuthorization() {
            return first(headers, "Proxy-Authorization");
        }
    }

    /**
     * A request other than CONNECT. {@code uri} is absolute ({@code http://host:port/path?query}); {@code body} is
     * what the proxy had read of the request body when its answer started. Arrays are copied in and out, and compare
     * by identity in {@code equals}.
     */
    public record ForwardRecord(String method, String uri, List<Header> headers, byte[] body, int status) {
        public ForwardRecord {
            headers = List.copyOf(headers);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public Optional<String> header(String name) {
            return first(headers, name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Whether {@code text} appears in the request line, a header, or (as UTF-8) the body. */
        public boolean contains(String text) {
            return (method + " " + uri).contains(text)
                    || headers.stream().anyMatch(h -> h.contains(text))
                    || bytesContain(body, text);
        }
    }

    /**
     * The bytes one tunnel carried so far, as the proxy saw them: {@code fromClient} towards the target,
     * {@code fromServer} back. Arrays are copied in and out, and compare by identity in {@code equals}.
     */
    public record TunnelRecord(String target, byte[] fromClient, byte[] fromServer) {
        public TunnelRecord {
            fromClient = fromClient.clone();
            fromServer = fromServer.clone();
        }

        @Override
        public byte[] fromClient() {
            return fromClient.clone();
        }

        @Override
        public byte[] fromServer() {
            return fromServer.clone();
        }

        /** Whether {@code text} (as UTF-8) appears in either direction. */
        public boolean contains(String text) {
            return bytesContain(fromClient, text) || bytesContain(fromServer, text);
        }
    }

    private static Optional<String> first(List<Header> headers, String name) {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst();
    }

    /** Byte-for-char (ISO-8859-1) views on both sides, so a byte sequence is searched with {@code String.contains}. */
    private static boolean bytesContain(byte[] haystack, String text) {
        String needle = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
