package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compressed answers from a real HTTP server on loopback: asked for only when enabled, decoded as they arrive into
 * exactly the bytes the server compressed, compared on arrival like plain bodies, and held to the response cap in
 * decoded bytes, so a small answer that inflates without end is abandoned at the cap.
 */
class StatusClientGzipTest {
    private static final int CAP = 8 << 20;

    private HttpServer server;
    private volatile byte[] body = new byte[0];
    private volatile String mode = "gzip";
    private final List<String> acceptEncodings = new CopyOnWriteArrayList<>();
    private final AtomicLong bombBytesWritten = new AtomicLong();
    private StatusClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(TestCertificates.daemonThreads());
        server.createContext("/", exchange -> {
            String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            acceptEncodings.add(accept == null ? "-" : accept);
            boolean gzipAsked = accept != null && accept.contains("gzip");
            try (exchange) {
                switch (mode) {
                    case "gzip" -> {
                        if (gzipAsked) {
                            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                            exchange.sendResponseHeaders(200, 0);
                            try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody(), 8192)) {
                                out.write(body);
                            }
                        } else {
                            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                            exchange.getResponseBody().write(body);
                        }
                    }
                    case "bomb" -> {
                        // Spaces inflate ~1,000-fold: without end, generated as sent, never held whole.
                        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                        exchange.sendResponseHeaders(200, 0);
                        byte[] spaces = new byte[1 << 20];
                        java.util.Arrays.fill(spaces, (byte) ' ');
                        try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody(), 8192)) {
                            out.write('[');
                            for (long written = 0; written < (10L << 30); written += spaces.length) {
                                out.write(spaces);
                                bombBytesWritten.addAndGet(spaces.length);
                            }
                        } catch (IOException clientGone) {
                            // The client stopped reading at its cap: what this test expects.
                        }
                    }
                    case "corrupt" -> {
                        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                        byte[] gzip = gzip(body);
                        gzip[gzip.length / 2] ^= 0x55;
                        gzip[gzip.length / 2 + 1] ^= 0x55;
                        exchange.sendResponseHeaders(200, gzip.length);
                        exchange.getResponseBody().write(gzip);
                    }
                    case "brotli" -> {
                        exchange.getResponseHeaders().add("Content-Encoding", "br");
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                    default -> throw new IllegalStateException(mode);
                }
            }
        });
        server.start();
        client = client(true);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private StatusClient client(boolean compression) {
        return new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(20), Duration.ofSeconds(20), CAP)
                        .withReceiveBufferPoolBytes(32L << 20)
                        .withCompression(compression),
                Clock.systemUTC());
    }

    private InstanceConfig instance() {
        return new InstanceConfig(
                "gz", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/s"), new Credentials.None());
    }

    private FetchResult fetch(StatusClient with, BodyFingerprint last, boolean expectSame) throws Exception {
        BodyExpectation expectation = expectSame ? BodyExpectation.SAME_COMPARED_ON_ARRIVAL : BodyExpectation.SAME;
        return with.fetch(instance(), CacheValidators.NONE, last, expectation).get(60, TimeUnit.SECONDS);
    }

    static byte[] queue(int entries, int variant) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < entries; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"request\":{\"filePath\":\"https://storage.example/media/file-")
                    .append(i)
                    .append(".mp4\"},\"requestTime\":\"2022-1018 14:20:00\",\"status\":\"")
                    .append(i == variant ? "DONE" : "PENDING")
                    .append("\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "entries={0}")
    @ValueSource(ints = {0, 1, 300, 3_000, 10_000})
    void aCompressedAnswerDecodesToExactlyTheBytesCompressedAndTravelsSmaller(int entries) throws Exception {
        body = queue(entries, 1);
        long wireBefore = client.bodyBytesReceived();
        FetchResult.Success success = assertInstanceOf(FetchResult.Success.class, fetch(client, null, false));
        assertArrayEquals(body, success.body());
        assertEquals(BodyFingerprint.of(body), success.fingerprint(), "the fingerprint is of the decoded bytes");
        assertEquals("gzip", acceptEncodings.get(acceptEncodings.size() - 1));
        long wire = client.bodyBytesReceived() - wireBefore;
        if (entries >= 300) {
            assertTrue(wire * 5 < body.length, "received " + wire + " bytes for a " + body.length + "-byte body");
        }
    }

    @Test
    void unchangedAndChangedCompressedBodiesAreToldApartOnArrivalAndWhenReadWhole() throws Exception {
        body = queue(3_000, 2_000);
        BodyFingerprint first = assertInstanceOf(FetchResult.Success.class, fetch(client, null, false))
                .fingerprint();
        assertInstanceOf(FetchResult.SameBody.class, fetch(client, first, false));
        assertInstanceOf(FetchResult.SameBody.class, fetch(client, first, true));

        byte[] changedLate = queue(3_000, 2_900); // same length, differs past the first 128 KiB block
        assertEquals(body.length, changedLate.length);
        body = changedLate;
        FetchResult.Success refetched = assertInstanceOf(FetchResult.Success.class, fetch(client, first, true));
        assertArrayEquals(changedLate, refetched.body());
        assertTrue(refetched.discardedBytes() > 0, "compared on arrival, dropped, fetched again");

        body = queue(3_000, 0); // differs in the first block
        FetchResult.Success early =
                assertInstanceOf(FetchResult.Success.class, fetch(client, refetched.fingerprint(), true));
        assertArrayEquals(body, early.body());
        assertEquals(0, early.discardedBytes());
    }

    @Test
    void compressionOffSendsNoAcceptEncodingAndGetsThePlainBody() throws Exception {
        body = queue(100, 1);
        try (StatusClient plain = client(false)) {
            long before = plain.bodyBytesReceived();
            assertArrayEquals(
                    body,
                    assertInstanceOf(FetchResult.Success.class, fetch(plain, null, false))
                            .body());
            assertEquals(body.length, plain.bodyBytesReceived() - before);
        }
        assertEquals("-", acceptEncodings.get(acceptEncodings.size() - 1));
    }

    @Test
    void aDecompressionBombIsAbandonedAtTheCapWithoutHoldingMoreThanTheCap() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        mode = "bomb";
        long heapBefore = usedHeapAfterGc(memory);
        for (int i = 0; i < 5; i++) {
            FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, fetch(client, null, false));
            assertEquals(FailureCause.TOO_LARGE, failure.cause(), failure.message());
        }
        long heapAfter = usedHeapAfterGc(memory);
        // Five 10 GB bombs were each stopped at the 8 MiB cap: the server wrote far less than it meant to, and the
        // heap kept at most the reused buffer (cap + an eighth), not the bombs.
        assertTrue(bombBytesWritten.get() < 5L * (1L << 30), "server inflated " + bombBytesWritten.get() + " bytes");
        assertTrue(heapAfter - heapBefore < 3L * CAP, "heap grew by " + (heapAfter - heapBefore) + " bytes");

        mode = "gzip";
        body = queue(10, 1);
        assertArrayEquals(
                body,
                assertInstanceOf(FetchResult.Success.class, fetch(client, null, false))
                        .body(),
                "the client still works after the bombs");
    }

    @Test
    void aCorruptCompressedBodyIsAMalformedPollNotACrash() throws Exception {
        body = queue(3_000, 1);
        mode = "corrupt";
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, fetch(client, null, false));
        assertEquals(FailureCause.MALFORMED, failure.cause(), failure.message());
    }

    @Test
    void anEncodingNotAskedForIsRefusedWithTheKeyToTurnCompressionOff() throws Exception {
        body = queue(10, 1);
        mode = "brotli";
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, fetch(client, null, false));
        assertTrue(
                failure.message().contains("'br'") && failure.message().contains("http.compression.enabled"),
                failure.message());
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
