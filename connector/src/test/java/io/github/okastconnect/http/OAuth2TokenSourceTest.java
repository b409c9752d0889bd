package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.okastconnect.http.OAuth2Settings.ClientAuthentication;
import io.github.okastconnect.http.TokenResult.FailureKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OAuth2TokenSource} against a real client-credentials token endpoint on 127.0.0.1, which checks the grant,
 * the client authentication, scope and audience of every request. Time is an injected clock: no test waits for a
 * token to expire.
 */
class OAuth2TokenSourceTest {
    private static final String CLIENT_ID = "okast connector:1";
    private static final String SECRET = "s3cr&t=é+/:";
    private static final ConnectionOpener DIRECT =
            uri -> (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);

    private TokenServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** One request as the token endpoint saw it. */
    record Request(
            String method,
            String path,
            String contentType,
            String accept,
            String authorization,
            Map<String, String> form) {}

    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of("Content-Type", "application/json"));
        }

        static Answer token(String token, long expiresIn) {
            return json(
                    200,
                    "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}");
        }
    }

    /**
     * A client-credentials token endpoint at /token. Requests that do not authenticate {@link #CLIENT_ID} with
     * {@link #SECRET} by the expected method, or lack the grant type, get RFC 6749 errors; valid ones get what
     * {@link #answer} says (by default a fresh token per request). /elsewhere is where redirects point.
     */
    static final class TokenServer implements AutoCloseable {
        final HttpServer http;
        final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
        final AtomicInteger elsewhere = new AtomicInteger();
        final AtomicInteger issued = new AtomicInteger();
        volatile ClientAuthentication expectedAuthentication = ClientAuthentication.CLIENT_SECRET_BASIC;
        volatile Function<Request, Answer> answer = request -> Answer.token("tok-" + issued.incrementAndGet(), 3600);

        TokenServer() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(TestCertificates.daemonThreads());
            http.createContext("/token", this::handle);
            http.createContext("/elsewhere", exchange -> {
                elsewhere.incrementAndGet();
                respond(exchange, Answer.token("elsewhere", 3600));
            });
            http.start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    parseForm(body));
            requests.add(request);
            respond(exchange, check(request).orElseGet(() -> answer.apply(request)));
        }

        /** RFC 6749 §5.2 errors for requests a real endpoint would refuse. */
        private Optional<Answer> check(Request request) {
            if (!"POST".equals(request.method())
                    || !"application/x-www-form-urlencoded".equals(request.contentType())) {
                return Optional.of(Answer.json(400, "{\"error\":\"invalid_request\"}"));
            }
            if (!"client_credentials".equals(request.form().get("grant_type"))) {
                return Optional.of(Answer.json(400, "{\"error\":\"unsupported_grant_type\"}"));
            }
            boolean authenticated = switch (expectedAuthentication) {
                case CLIENT_SECRET_BASIC ->
                    basic(CLIENT_ID, SECRET).equals(request.authorization())
                            && !request.form().containsKey("client_secret");
                case CLIENT_SECRET_POST ->
                    request.authorization() == null
                            && CLIENT_ID.equals(request.form().get("client_id"))
                            && SECRET.equals(request.form().get("client_secret"));
            };
            if (!authenticated) {
                return Optional.of(new Answer(
                        401,
                        "{\"error\":\"invalid_client\"}",
                        Map.of("Content-Type", "application/json", "WWW-Authenticate", "Basic realm=\"token\"")));
            }
            return Optional.empty();
        }

        static void respond(HttpExchange exchange, Answer answer) throws IOException {
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        private static Map<String, String> parseForm(String body) {
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    /** RFC 6749 §2.3.1: each part form-encoded before base64. */
    static String basic(String id, String secret) {
        String pair =
                URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = new TokenServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OAuth2Settings settings(URI uri, ClientAuthentication authentication) {
        return new OAuth2Settings(
                uri,
                CLIENT_ID,
                new Password(SECRET),
                Optional.of("status:read ingest"),
                Optional.of("https://okast.example/api"),
                authentication,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2));
    }

    private OAuth2TokenSource source() {
        return new OAuth2TokenSource(
                settings(server.uri("/token"), ClientAuthentication.CLIENT_SECRET_BASIC), DIRECT, clock);
    }

    private static TokenResult.Token token(TokenResult result) {
        return assertInstanceOf(TokenResult.Token.class, result, () -> "expected a token, got " + result);
    }

    private static TokenResult.Failure failure(TokenResult result) {
        return assertInstanceOf(TokenResult.Failure.class, result, () -> "expected a failure, got " + result);
    }

    @Test
    void basicAuthenticationSendsTheGrantScopeAndAudienceWithFormEncodedCredentials() {
        TokenResult.Token token = token(source().token());

        assertEquals("tok-1", token.value().value());
        assertEquals("Bearer tok-1", token.authorizationHeaderValue().value());
        Request request = server.requests.remove();
        assertEquals("application/json", request.accept());
        assertEquals(basic(CLIENT_ID, SECRET), request.authorization());
        assertEquals(
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "scope",
                        "status:read ingest",
                        "audience",
                        "https://okast.example/api"),
                request.form());
    }

    @Test
    void postAuthenticationSendsTheCredentialsAsFormFields() {
        server.expectedAuthentication = ClientAuthentication.CLIENT_SECRET_POST;
        OAuth2TokenSource source = new OAuth2TokenSource(
                settings(server.uri("/token"), ClientAuthentication.CLIENT_SECRET_POST), DIRECT, clock);

        assertEquals("tok-1", token(source.token()).value().value());
        Request request = server.requests.remove();
        assertNull(request.authorization());
        assertEquals(CLIENT_ID, request.form().get("client_id"));
        assertEquals(SECRET, request.form().get("client_secret"));
    }

    @Test
    void scopeAndAudienceAreLeftOutWhenNotSet() {
        OAuth2TokenSource source = new OAuth2TokenSource(
                new OAuth2Settings(
                        server.uri("/token"),
                        CLIENT_ID,
                        new Password(SECRET),
                        Optional.empty(),
                        Optional.of(" "),
                        ClientAuthentication.CLIENT_SECRET_BASIC,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(2)),
                DIRECT,
                clock);

        token(source.token());
        assertEquals(
                Map.of("grant_type", "client_credentials"),
                server.requests.remove().form());
    }

    @Test
    void aTokenIsCachedWhileValid() {
        OAuth2TokenSource source = source();

        TokenResult.Token first = token(source.token());
        clock.advance(Duration.ofMinutes(59)); // 3600 s lifetime, refreshed 30 s before: still good
        TokenResult.Token second = token(source.token());

        assertSame(first, second);
        assertEquals(1, server.requests.size());
        assertEquals(clock.instant().minus(Duration.ofMinutes(59)).plusSeconds(3600), first.expiresAt());
    }

    @Test
    void aShortLivedTokenIsReplacedATenthOfItsLifetimeBeforeExpiry() {
        server.answer = request -> Answer.token("tok-" + server.issued.incrementAndGet(), 2);
        OAuth2TokenSource source = source();

        TokenResult.Token first = token(source.token());
        clock.advance(Duration.ofMillis(1799));
        assertSame(first, token(source.token()));
        clock.advance(Duration.ofMillis(1)); // 0.2 s before expiry
        TokenResult.Token second = token(source.token());

        assertEquals("tok-2", second.value().value());
        assertEquals(2, server.requests.size());
    }

    @Test
    void withoutExpiresInTheConfiguredDefaultLifetimeApplies() {
        server.answer = request -> Answer.json(
                200,
                "{\"access_token\":\"" + "tok-" + server.issued.incrementAndGet() + "\",\"token_type\":\"bearer\"}");
        OAuth2TokenSource source = new OAuth2TokenSource(
                settings(server.uri("/token"), ClientAuthentication.CLIENT_SECRET_BASIC),
                DIRECT,
                clock,
                new OAuth2TokenSource.Timing(
                        Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60)));

        TokenResult.Token first = token(source.token());
        assertEquals(clock.instant().plus(Duration.ofMinutes(10)), first.expiresAt());
        clock.advance(Duration.ofMinutes(9).plusSeconds(29));
        assertSame(first, token(source.token()));
        clock.advance(Duration.ofSeconds(1));

        assertEquals("tok-2", token(source.token()).value().value());
    }

    @Test
    void sixteenConcurrentCallersShareOneRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.answer = request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.token("tok-" + server.issued.incrementAndGet(), 3600);
        };
        OAuth2TokenSource source = source();
        List<Thread> callers = new ArrayList<>();
        List<CompletableFuture<TokenResult>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            CompletableFuture<TokenResult> result = new CompletableFuture<>();
            Thread caller = new Thread(() -> result.complete(source.token()), "caller-" + i);
            caller.setDaemon(true);
            results.add(result);
            callers.add(caller);
            caller.start();
        }
        // Hold the answer until one caller's request has arrived and the other 15 are parked waiting for it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((server.requests.isEmpty()
                        || callers.stream()
                                        .filter(t -> t.getState() == Thread.State.WAITING)
                                        .count()
                                < 15)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();

        for (CompletableFuture<TokenResult> result : results) {
            assertEquals(
                    "tok-1", token(result.get(10, TimeUnit.SECONDS)).value().value());
        }
        assertEquals(1, server.requests.size());
    }

    @Test
    void invalidateDropsOnlyTheTokenThatWasRefused() {
        OAuth2TokenSource source = source();
        TokenResult.Token stale = token(source.token());

        TokenResult.Token fresh = token(source.refreshAfterRejection(stale));
        assertEquals("tok-2", fresh.value().value());
        // Other requests refused with the stale token: the fresh one stays.
        source.invalidate(stale);
        assertSame(fresh, token(source.refreshAfterRejection(stale)));
        assertEquals(2, server.requests.size());
        // A token equal in value (not the same object) counts as the one refused.
        source.invalidate(new TokenResult.Token(new Password("tok-2"), fresh.expiresAt()));

        assertEquals("tok-3", token(source.token()).value().value());
        assertEquals(3, server.requests.size());
    }

    @Test
    void concurrentRejectionsWithTheSameStaleTokenCauseOneRefresh() throws Exception {
        OAuth2TokenSource source = source();
        TokenResult.Token stale = token(source.token());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TokenResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> source.refreshAfterRejection(stale)));
            }
            for (Future<TokenResult> result : results) {
                assertEquals(
                        "tok-2", token(result.get(10, TimeUnit.SECONDS)).value().value());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, server.requests.size());
    }

    @Test
    void aWrongSecretIsAClientRejection() {
        OAuth2TokenSource source = new OAuth2TokenSource(
                new OAuth2Settings(
                        server.uri("/token"),
                        CLIENT_ID,
                        new Password("wrong-secret"),
                        Optional.empty(),
                        Optional.empty(),
                        ClientAuthentication.CLIENT_SECRET_BASIC,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(2)),
                DIRECT,
                clock);

        TokenResult.Failure failure = failure(source.token());

        assertEquals(FailureKind.CLIENT_REJECTED, failure.kind());
        assertTrue(failure.message().contains("HTTP 401 (invalid_client)"), failure.message());
        assertTrue(
                failure.message().contains("okast.instance.<id>.auth.oauth2.client.id / client.secret"),
                failure.message());
    }

    @Test
    void aBadRequestWithInvalidClientIsAClientRejectionAndItsDescriptionIsShortened() {
        String longDescription = "x".repeat(1000);
        server.answer = request -> Answer.json(
                400, "{\"error\":\"invalid_client\",\"error_description\":\"bad\\n" + longDescription + "\"}");

        TokenResult.Failure failure = failure(source().token());

        assertEquals(FailureKind.CLIENT_REJECTED, failure.kind());
        assertTrue(failure.message().contains("(invalid_client: bad " + "x".repeat(196) + "...)"), failure.message());
        assertFalse(failure.message().contains("\n"));
    }

    @Test
    void anInvalidScopeIsARequestRejection() {
        server.answer = request -> Answer.json(400, "{\"error\":\"invalid_scope\"}");

        TokenResult.Failure failure = failure(source().token());

        assertEquals(FailureKind.REQUEST_REJECTED, failure.kind());
        assertTrue(failure.message().contains("okast.instance.<id>.auth.oauth2.scope"), failure.message());
    }

    @Test
    void aServerErrorIsReturnedWithoutARequestUntilTheBackoffWindowEnds() {
        AtomicReference<Answer> next = new AtomicReference<>(Answer.json(503, ""));
        server.answer = request -> next.get();
        OAuth2TokenSource source = source();

        TokenResult.Failure first = failure(source.token());
        assertEquals(FailureKind.HTTP_STATUS, first.kind());
        assertTrue(first.message().contains("HTTP 503"), first.message());
        assertEquals(clock.instant().plusSeconds(1), first.notBefore());
        clock.advance(Duration.ofMillis(999));
        assertSame(first, source.token());
        assertEquals(1, server.requests.size());

        clock.advance(Duration.ofMillis(1));
        TokenResult.Failure second = failure(source.token());
        assertEquals(2, server.requests.size());
        assertEquals(clock.instant().plusSeconds(2), second.notBefore()); // doubled

        clock.advance(Duration.ofSeconds(2));
        next.set(Answer.token("tok-ok", 3600));
        assertEquals("tok-ok", token(source.token()).value().value());
        assertEquals(3, server.requests.size());
    }

    @Test
    void theBackoffWindowDoublesUpToItsMaximum() {
        server.answer = request -> Answer.json(500, "");
        OAuth2TokenSource source = source();

        List<Duration> windows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            TokenResult.Failure failure = failure(source.token());
            Duration window = Duration.between(clock.instant(), failure.notBefore());
            windows.add(window);
            clock.advance(window);
        }

        assertEquals(
                List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L),
                windows.stream().map(Duration::toSeconds).toList());
        assertEquals(9, server.requests.size());
    }

    @Test
    void retryAfterLengthensTheBackoffWindow() {
        server.answer = request -> new Answer(429, "", Map.of("Retry-After", "30"));

        TokenResult.Failure failure = failure(source().token());

        assertEquals(FailureKind.HTTP_STATUS, failure.kind());
        assertEquals(Optional.of(Duration.ofSeconds(30)), failure.retryAfter());
        assertEquals(clock.instant().plusSeconds(30), failure.notBefore());
    }

    @Test
    void malformedAnswersAreReportedWithoutQuotingTheBody() {
        List<String> bodies = List.of(
                "{\"access_token\":\"tok-leak\", oops",
                "[\"tok-leak\"]",
                "",
                "{\"token_type\":\"Bearer\"}",
                "{\"access_token\":\"tok-leak\",\"token_type\":\"mac\"}",
                "{\"access_token\":\"tok-leak\",\"expires_in\":-5}",
                "{\"access_token\":\"tok-leak\",\"expires_in\":\"soon\"}");
        for (String body : bodies) {
            server.answer = request -> Answer.json(200, body);
            TokenResult.Failure failure = failure(source().token());

            assertEquals(FailureKind.MALFORMED, failure.kind(), body);
            assertFalse(failure.message().contains("tok-leak"), failure.message());
            assertFalse(failure.message().contains("oops"), failure.message());
        }
    }

    @Test
    void expiresInAsAQuotedNumberIsAccepted() {
        server.answer = request -> Answer.json(200, "{\"access_token\":\"tok-q\",\"expires_in\":\"60\"}");

        TokenResult.Token token = token(source().token());

        assertEquals(clock.instant().plusSeconds(60), token.expiresAt());
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.answer = request ->
                new Answer(302, "", Map.of("Location", server.uri("/elsewhere").toString()));

        TokenResult.Failure failure = failure(source().token());

        assertEquals(FailureKind.HTTP_STATUS, failure.kind());
        assertTrue(failure.message().contains("HTTP 302"), failure.message());
        assertTrue(failure.message().contains("not followed"), failure.message());
        assertEquals(0, server.elsewhere.get());
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OAuth2TokenSource source = new OAuth2TokenSource(
                settings(URI.create("http://127.0.0.1:" + port + "/token"), ClientAuthentication.CLIENT_SECRET_BASIC),
                DIRECT,
                clock);

        TokenResult.Failure failure = failure(source.token());

        assertEquals(FailureKind.UNREACHABLE, failure.kind());
        assertTrue(failure.message().contains("connection refused"), failure.message());
    }

    @Test
    void aSlowEndpointTimesOut() {
        server.answer = request -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.token("late", 3600);
        };
        OAuth2TokenSource source = new OAuth2TokenSource(
                new OAuth2Settings(
                        server.uri("/token"),
                        CLIENT_ID,
                        new Password(SECRET),
                        Optional.empty(),
                        Optional.empty(),
                        ClientAuthentication.CLIENT_SECRET_BASIC,
                        Duration.ofSeconds(2),
                        Duration.ofMillis(200)),
                DIRECT,
                clock);

        TokenResult.Failure failure = failure(source.token());

        assertEquals(FailureKind.UNREACHABLE, failure.kind());
        assertTrue(failure.message().contains("timed out"), failure.message());
    }

    @Test
    void aTrickledAnswerIsCutAtTheDeadline() {
        server.http.createContext("/trickle", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) { // each byte well within the read timeout, all of them not
                    out.write(' ');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up, as it should
            }
        });
        OAuth2TokenSource source = new OAuth2TokenSource(
                new OAuth2Settings(
                        server.uri("/trickle"),
                        CLIENT_ID,
                        new Password(SECRET),
                        Optional.empty(),
                        Optional.empty(),
                        ClientAuthentication.CLIENT_SECRET_BASIC,
                        Duration.ofMillis(100),
                        Duration.ofMillis(300)),
                DIRECT,
                clock);
        long start = System.nanoTime();

        TokenResult.Failure failure = failure(source.token());

        assertEquals(FailureKind.UNREACHABLE, failure.kind());
        assertTrue(failure.message().contains("no complete answer"), failure.message());
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500));
    }

    @Test
    void anAnswerLargerThanAnyTokenAnswerIsMalformed() {
        server.answer = request -> Answer.json(200, "{\"access_token\":\"" + "t".repeat(70_000) + "\"}");

        TokenResult.Failure failure = failure(source().token());

        assertEquals(FailureKind.MALFORMED, failure.kind());
        assertTrue(failure.message().contains("larger than"), failure.message());
    }

    @Test
    void connectionsComeOnlyFromTheGivenOpener() {
        AtomicInteger opened = new AtomicInteger();
        OAuth2TokenSource source = new OAuth2TokenSource(
                settings(server.uri("/token"), ClientAuthentication.CLIENT_SECRET_BASIC),
                uri -> {
                    opened.incrementAndGet();
                    return DIRECT.open(uri);
                },
                clock);

        token(source.token());
        clock.advance(Duration.ofHours(2));
        token(source.token());

        assertEquals(2, opened.get());
        assertEquals(2, server.requests.size());
    }

    @Test
    void anOpenerThatThrowsIsAFailureNotAnException() {
        OAuth2TokenSource source = new OAuth2TokenSource(
                settings(server.uri("/token"), ClientAuthentication.CLIENT_SECRET_BASIC),
                uri -> {
                    throw new IllegalStateException("no route");
                },
                clock);

        assertEquals(FailureKind.UNREACHABLE, failure(source.token()).kind());
    }

    @Test
    void aWaiterThatIsInterruptedGetsAnInterruptedFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.answer = request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.token("tok-1", 3600);
        };
        OAuth2TokenSource source = source();
        CompletableFuture<TokenResult> leader = CompletableFuture.supplyAsync(source::token);
        while (server.requests.isEmpty()) {
            Thread.sleep(5);
        }
        CompletableFuture<TokenResult> waiter = new CompletableFuture<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            waiter.complete(source.token());
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        waiting.start();
        while (waiting.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        waiting.interrupt();
        waiting.join(10_000);

        assertEquals(FailureKind.INTERRUPTED, failure(waiter.get()).kind());
        assertTrue(stillInterrupted.get());
        release.countDown();
        assertEquals("tok-1", token(leader.get(10, TimeUnit.SECONDS)).value().value());
        assertSame(leader.get(), source.token()); // the interruption started no backoff and kept the token
    }

    @Test
    void noMessageOrToStringShowsTheSecretOrTheToken() {
        List<String> shown = new ArrayList<>();
        OAuth2TokenSource source = source();
        TokenResult.Token token = token(source.token());
        shown.add(token.toString());
        shown.add(token.authorizationHeaderValue().toString());
        shown.add(settings(server.uri("/token"), ClientAuthentication.CLIENT_SECRET_POST)
                .toString());
        List<Answer> answers = List.of(
                Answer.json(
                        401, "{\"error\":\"invalid_client\",\"error_description\":\"secret " + SECRET + " is wrong\"}"),
                Answer.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"" + SECRET + "\"}"),
                Answer.json(503, "{\"error\":\"down\",\"secret\":\"" + SECRET + "\"}"),
                Answer.json(200, "{\"access_token\":\"" + "tok-1" + "\",\"token_type\":\"" + SECRET + "\"}"),
                Answer.json(200, "{\"access_token\":\"tok-1\", \"" + SECRET + "\"}"),
                new Answer(302, "", Map.of("Location", "http://evil.example/?secret=" + SECRET)));
        for (Answer answer : answers) {
            server.answer = request -> answer;
            TokenResult.Failure failure = failure(source().token());
            shown.add(failure.message());
            shown.add(failure.toString());
        }

        for (String text : shown) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains("tok-1"), text);
            assertFalse(text.contains(URLEncoder.encode(SECRET, StandardCharsets.UTF_8)), text);
        }
        assertNotEquals(0, shown.size());
    }
}
