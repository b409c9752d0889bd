package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects carry the instance's credentials, so {@link StatusClient} follows them only within the same origin
 * (scheme, host, port). Two real plain-HTTP servers on 127.0.0.1: A (the instance) and B (somewhere else).
 */
class StatusClientRedirectTest {
    private static final byte[] BODY = "[{\"status\":\"DONE\"}]".getBytes(StandardCharsets.UTF_8);
    private static final Credentials BASIC = new Credentials.Basic("u", new Password("p"));
    private static final String BASIC_HEADER =
            "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));

    private Server a;
    private Server b;

    /** A server that logs every request (path and Authorization/X-Api-Key headers) and answers per path. */
    private static final class Server implements AutoCloseable {
        final HttpServer http;
        final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
        final Map<String, Function<HttpExchange, Integer>> routes = new ConcurrentHashMap<>();

        Server() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(TestCertificates.daemonThreads());
            http.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                requests.add(path + " auth=" + exchange.getRequestHeaders().getFirst("Authorization") + " key="
                        + exchange.getRequestHeaders().getFirst("X-Api-Key"));
                Function<HttpExchange, Integer> route = routes.get(path);
                if (route == null) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, BODY.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(BODY);
                    }
                } else {
                    exchange.sendResponseHeaders(route.apply(exchange), -1);
                    exchange.close();
                }
            });
            http.start();
        }

        int port() {
            return http.getAddress().getPort();
        }

        String url(String host, String path) {
            return "http://" + host + ":" + port() + path;
        }

        /** Answers {@code path} with {@code code} and the given Location. */
        void redirect(String path, int code, String location) {
            routes.put(path, exchange -> {
                exchange.getResponseHeaders().add("Location", location);
                return code;
            });
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        a = new Server();
        b = new Server();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    private FetchResult fetch(String path, Credentials credentials) throws Exception {
        StatusClient client = new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 20), Clock.systemUTC());
        InstanceConfig instance = new InstanceConfig("a", URI.create(a.url("127.0.0.1", path)), credentials);
        return client.fetch(instance).get(30, TimeUnit.SECONDS);
    }

    private static FetchResult.Failure assertRefused(FetchResult result) {
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, result, result::toString);
        assertEquals(FailureCause.REDIRECT, failure.cause(), failure.message());
        return failure;
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void crossOriginRedirectIsRefusedAndTheOtherServerReceivesNothing(int code) throws Exception {
        a.redirect("/status", code, b.url("127.0.0.1", "/status"));
        FetchResult.Failure failure = assertRefused(fetch("/status", BASIC));
        assertTrue(failure.message().contains("another origin"), failure.message());
        assertTrue(failure.message().contains("http://127.0.0.1:" + b.port()), failure.message());
        assertFalse(failure.message().contains(BASIC_HEADER.substring(6)), failure.message());
        assertEquals(List.of(), List.copyOf(b.requests), "B must never be contacted");
        assertEquals(List.of("/status auth=" + BASIC_HEADER + " key=null"), List.copyOf(a.requests));
    }

    @Test
    void noCredentialTypeFollowsACrossOriginRedirect() throws Exception {
        a.redirect("/status", 302, b.url("127.0.0.1", "/status"));
        assertRefused(fetch("/status", new Credentials.Bearer(new Password("tok"))));
        assertRefused(fetch("/status", new Credentials.CustomHeader("X-Api-Key", new Password("key"))));
        assertRefused(fetch("/status", new Credentials.None()));
        assertEquals(List.of(), List.copyOf(b.requests));
        assertEquals(
                List.of("/status auth=Bearer tok key=null", "/status auth=null key=key", "/status auth=null key=null"),
                List.copyOf(a.requests));
    }

    @Test
    void sameServerUnderAnotherHostNameOrSchemeIsAnotherOrigin() throws Exception {
        // The request went to 127.0.0.1; "localhost" reaches the same socket but is not the same origin.
        a.redirect("/status", 302, a.url("localhost", "/elsewhere"));
        assertRefused(fetch("/status", BASIC));
        a.redirect("/status", 302, "https://127.0.0.1:" + a.port() + "/elsewhere");
        assertRefused(fetch("/status", BASIC));
        a.redirect("/status", 302, "//127.0.0.1:" + b.port() + "/status");
        assertRefused(fetch("/status", BASIC));
        assertTrue(a.requests.stream().noneMatch(r -> r.startsWith("/elsewhere")), a.requests.toString());
        assertEquals(3, a.requests.size());
        assertEquals(List.of(), List.copyOf(b.requests));
    }

    @Test
    void sameOriginRedirectIsFollowedWithTheCredentials() throws Exception {
        a.redirect("/old", 302, "/status");
        a.redirect("/older", 301, a.url("127.0.0.1", "/old"));
        FetchResult result = fetch("/older", BASIC);
        FetchResult.Success success = assertInstanceOf(FetchResult.Success.class, result, result::toString);
        assertArrayEquals(BODY, success.body());
        assertEquals(
                List.of(
                        "/older auth=" + BASIC_HEADER + " key=null",
                        "/old auth=" + BASIC_HEADER + " key=null",
                        "/status auth=" + BASIC_HEADER + " key=null"),
                List.copyOf(a.requests));
        assertEquals(List.of(), List.copyOf(b.requests));
    }

    @Test
    void redirectLoopsStop() throws Exception {
        a.redirect("/loop", 302, "/loop");
        FetchResult.Failure failure = assertRefused(fetch("/loop", BASIC));
        assertTrue(failure.message().contains("redirects"), failure.message());
        assertEquals(4, a.requests.size(), "the first request and three redirects: " + a.requests);
    }

    @Test
    void redirectWithoutLocationFails() throws Exception {
        a.routes.put("/status", exchange -> 302);
        FetchResult.Failure failure = assertRefused(fetch("/status", BASIC));
        assertTrue(failure.message().contains("without a Location"), failure.message());
    }
}
