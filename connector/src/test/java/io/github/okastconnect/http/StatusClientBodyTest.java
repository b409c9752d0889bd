package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.sun.net.httpserver.HttpServer;
import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies are read into reused buffers (of any size left by earlier responses) and fingerprinted as they arrive:
 * whatever the sizes and framing, a Success holds exactly the bytes sent, and only a byte-identical body is a
 * SameBody. A real HTTP server on loopback, with Content-Length or chunked framing.
 */
class StatusClientBodyTest {
    private static final int CAP = 1 << 20;

    private HttpServer server;
    private volatile byte[] body = new byte[0];
    private volatile boolean chunked;
    /** Bodies served before {@link #body}, one per request. */
    private final java.util.Queue<byte[]> upcoming = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    private StatusClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(TestCertificates.daemonThreads());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] next = upcoming.poll();
            byte[] bytes = next != null ? next : body;
            exchange.sendResponseHeaders(200, chunked ? 0 : bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                // Written in uneven pieces, so reads end at arbitrary offsets.
                for (int at = 0; at < bytes.length; ) {
                    int piece = (int) Math.min(bytes.length - at, 1 + (at * 7919L) % 50_000);
                    out.write(bytes, at, piece);
                    at += piece;
                }
            }
        });
        server.start();
        client = client(32L << 20);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private StatusClient client(long poolBytes) {
        return new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(10), Duration.ofSeconds(10), CAP)
                        .withReceiveBufferPoolBytes(poolBytes),
                Clock.systemUTC());
    }

    private InstanceConfig instance() {
        return new InstanceConfig(
                "body", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/s"), new Credentials.None());
    }

    private FetchResult fetch(StatusClient with, BodyFingerprint last) throws Exception {
        return with.fetch(instance(), CacheValidators.NONE, last, BodyExpectation.SAME)
                .get(30, TimeUnit.SECONDS);
    }

    private FetchResult fetchExpectingSame(BodyFingerprint last) throws Exception {
        return client.fetch(instance(), CacheValidators.NONE, last, BodyExpectation.SAME_COMPARED_ON_ARRIVAL)
                .get(30, TimeUnit.SECONDS);
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void everySuccessHoldsExactlyTheBytesSentWhateverBufferItWasReadInto(boolean chunkedFraming) throws Exception {
        chunked = chunkedFraming;
        int min = ReceiveBuffers.MIN_BUFFER_BYTES;
        // Sizes around the first buffer's edge and its doublings, larger then smaller, so buffers are reused at
        // every relation to the next body's length.
        int[] lengths = {0, 1, min - 1, min, min + 1, 5 * min + 3, 3, 2 * min, 700_000, 10, min * 2 + 1, CAP, 0};
        long seed = 0;
        java.util.List<byte[]> received = new java.util.ArrayList<>();
        for (int length : lengths) {
            body = bytes(length, ++seed);
            FetchResult.Success success =
                    assertInstanceOf(FetchResult.Success.class, fetch(client, null), "length " + length);
            assertArrayEquals(body, success.body(), "length " + length);
            assertEquals(BodyFingerprint.of(body), success.fingerprint(), "length " + length);
            received.add(success.body());
        }
        // No body handed out may share memory with a buffer the client reuses afterwards.
        seed = 0;
        for (int i = 0; i < lengths.length; i++) {
            assertArrayEquals(bytes(lengths[i], ++seed), received.get(i), "body " + i + " changed after later reads");
        }
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void onlyAByteIdenticalBodyIsTheSameBody(boolean chunkedFraming) throws Exception {
        chunked = chunkedFraming;
        body = bytes(300_000, 1);
        BodyFingerprint first =
                assertInstanceOf(FetchResult.Success.class, fetch(client, null)).fingerprint();
        FetchResult.SameBody same = assertInstanceOf(FetchResult.SameBody.class, fetch(client, first));
        assertEquals(300_000, same.bodyBytes());

        byte[] oneByteOff = body.clone();
        oneByteOff[150_000] ^= 1;
        body = oneByteOff;
        FetchResult.Success changed = assertInstanceOf(FetchResult.Success.class, fetch(client, first));
        assertArrayEquals(oneByteOff, changed.body());
        assertNotEquals(first, changed.fingerprint());

        byte[] longer = java.util.Arrays.copyOf(oneByteOff, oneByteOff.length + 1);
        body = longer;
        assertArrayEquals(
                longer,
                assertInstanceOf(FetchResult.Success.class, fetch(client, changed.fingerprint()))
                        .body(),
                "a body with the same prefix and one byte more");
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void aBodyOverTheCapIsRefusedAndTheNextOneIsReadIntact(boolean chunkedFraming) throws Exception {
        chunked = chunkedFraming;
        body = bytes(CAP + 1, 3);
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, fetch(client, null));
        assertEquals(FailureCause.TOO_LARGE, failure.cause());

        body = bytes(200_000, 4);
        assertArrayEquals(
                body,
                assertInstanceOf(FetchResult.Success.class, fetch(client, null)).body());
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void withoutAPoolEveryBodyIsStillReadAndCompared(boolean chunkedFraming) throws Exception {
        chunked = chunkedFraming;
        try (StatusClient unpooled = client(0)) {
            byte[] first = bytes(100_000, 5);
            body = first;
            FetchResult.Success success = assertInstanceOf(FetchResult.Success.class, fetch(unpooled, null));
            assertArrayEquals(first, success.body());
            assertInstanceOf(FetchResult.SameBody.class, fetch(unpooled, success.fingerprint()));
            body = bytes(100_000, 6);
            assertArrayEquals(
                    body,
                    assertInstanceOf(FetchResult.Success.class, fetch(unpooled, null))
                            .body());
            assertArrayEquals(first, success.body(), "the first body is intact after later reads");
        }
    }

    private static final int BLOCK = BodyFingerprint.BLOCK_BYTES;

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void expectingTheSameBodyAnIdenticalOneIsComparedAsItArrivesInOneRequest(boolean chunkedFraming) throws Exception {
        chunked = chunkedFraming;
        for (int length : new int[] {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK + 7, 4 * BLOCK}) {
            body = bytes(length, length);
            BodyFingerprint last = assertInstanceOf(FetchResult.Success.class, fetch(client, null))
                    .fingerprint();
            requests.set(0);
            FetchResult.SameBody same =
                    assertInstanceOf(FetchResult.SameBody.class, fetchExpectingSame(last), "length " + length);
            assertEquals(length, same.bodyBytes());
            assertEquals(1, requests.get(), "length " + length);
        }
    }

    /**
     * A body that differs from the expected one is returned whole and exact wherever it differs: read on in place
     * when the first block differs, fetched a second time when a later one does (its first blocks were dropped).
     */
    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void expectingTheSameBodyADifferentOneIsReturnedWholeWhereverItDiffers(boolean chunkedFraming) throws Exception {
        chunked = chunkedFraming;
        byte[] original = bytes(5 * BLOCK + 7, 11);
        body = original;
        BodyFingerprint last =
                assertInstanceOf(FetchResult.Success.class, fetch(client, null)).fingerprint();
        int[] offsets = {0, BLOCK - 1, BLOCK, 3 * BLOCK + 5, 5 * BLOCK, original.length - 1};
        for (int offset : offsets) {
            byte[] changed = original.clone();
            changed[offset] ^= 0x20;
            body = changed;
            requests.set(0);
            FetchResult.Success success =
                    assertInstanceOf(FetchResult.Success.class, fetchExpectingSame(last), "offset " + offset);
            assertArrayEquals(changed, success.body(), "offset " + offset);
            assertEquals(BodyFingerprint.of(changed), success.fingerprint());
            assertEquals(offset < BLOCK ? 1 : 2, requests.get(), "offset " + offset);
            assertEquals(
                    offset < BLOCK ? 0 : changed.length,
                    success.discardedBytes(),
                    "the first response, read to its end: offset " + offset);
        }
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void expectingTheSameBodyAShorterOrLongerOneIsReturnedWhole(boolean chunkedFraming) throws Exception {
        chunked = chunkedFraming;
        byte[] original = bytes(3 * BLOCK + 100, 12);
        body = original;
        BodyFingerprint last =
                assertInstanceOf(FetchResult.Success.class, fetch(client, null)).fingerprint();
        // A declared length that differs is known before any byte is read; a chunked body only at its end.
        int[] lengths = {0, 50, BLOCK, 2 * BLOCK + 3, 3 * BLOCK, 3 * BLOCK + 99, 3 * BLOCK + 101, 4 * BLOCK};
        for (int length : lengths) {
            byte[] changed = java.util.Arrays.copyOf(original, length);
            body = changed;
            requests.set(0);
            FetchResult.Success success =
                    assertInstanceOf(FetchResult.Success.class, fetchExpectingSame(last), "length " + length);
            assertArrayEquals(changed, success.body(), "length " + length);
            int expected = !chunkedFraming || length == 0 || length < BLOCK ? 1 : 2;
            assertEquals(expected, requests.get(), "length " + length);
            assertEquals(expected == 1 ? 0 : length, success.discardedBytes(), "length " + length);
        }
    }

    /** The second GET brings whatever the endpoint holds by then, even the expected body again. */
    @Test
    void aBodyThatChangedBackBeforeTheSecondRequestIsTheSameBody() throws Exception {
        byte[] original = bytes(2 * BLOCK + 1, 13);
        body = original;
        BodyFingerprint last =
                assertInstanceOf(FetchResult.Success.class, fetch(client, null)).fingerprint();
        byte[] changed = original.clone();
        changed[2 * BLOCK] ^= 1;
        upcoming.add(changed);
        requests.set(0);
        FetchResult.SameBody same = assertInstanceOf(FetchResult.SameBody.class, fetchExpectingSame(last));
        assertEquals(2, requests.get());
        assertEquals(changed.length, same.discardedBytes());
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(booleans = {false, true})
    void expectingTheSameBodyOneOverTheCapIsRefusedAndTheNextIsReadIntact(boolean chunkedFraming) throws Exception {
        chunked = chunkedFraming;
        byte[] original = bytes(CAP, 14);
        body = original;
        BodyFingerprint last =
                assertInstanceOf(FetchResult.Success.class, fetch(client, null)).fingerprint();
        byte[] longer = java.util.Arrays.copyOf(original, CAP + BLOCK);
        longer[CAP - 1] ^= 1;
        body = longer;
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, fetchExpectingSame(last));
        assertEquals(FailureCause.TOO_LARGE, failure.cause());

        body = original;
        assertInstanceOf(FetchResult.SameBody.class, fetchExpectingSame(last));
    }

    @Test
    void aBodyIsHandedOverInItsBufferWhichComesBackOnlyOnceReleased() throws Exception {
        body = bytes(300_000, 7);
        FetchResult.Success first = assertInstanceOf(FetchResult.Success.class, fetch(client, null));
        byte[] firstBuffer = first.buffer();
        assertEquals(body.length, first.length());
        assertArrayEquals(body, Arrays.copyOf(firstBuffer, first.length()));

        // Not released yet: the next body must go elsewhere, and the first stays intact.
        byte[] secondBody = bytes(300_000, 8);
        body = secondBody;
        FetchResult.Success second = assertInstanceOf(FetchResult.Success.class, fetch(client, null));
        assertNotSame(firstBuffer, second.buffer());
        assertArrayEquals(bytes(300_000, 7), Arrays.copyOf(firstBuffer, first.length()), "first body overwritten");

        first.release();
        first.release(); // a second release does nothing (the buffer must not be kept twice)
        body = bytes(290_000, 9);
        FetchResult.Success third = assertInstanceOf(FetchResult.Success.class, fetch(client, null));
        assertSame(firstBuffer, third.buffer(), "the released buffer is reused");
        assertEquals(290_000, third.length());
        assertArrayEquals(body, third.body());
        body = bytes(290_000, 10);
        FetchResult.Success fourth = assertInstanceOf(FetchResult.Success.class, fetch(client, null));
        assertNotSame(firstBuffer, fourth.buffer(), "released twice, the buffer was handed out twice");
        assertArrayEquals(secondBody, second.body());
    }
}
