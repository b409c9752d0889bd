package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gzip on the status endpoint: negotiation, entity tags, faults, counters and the decompression bomb. */
class GzipTest {

    private final MutableClock clock = MutableClock.at("2022-10-18T14:20:00Z");
    private final TestHttp http = new TestHttp();
    private final HttpClient streaming =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OkastSimulator sim;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder().clock(clock).build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private SimulatedInstance seeded(InstanceSettings settings) {
        SimulatedInstance instance = sim.addInstance(settings);
        instance.setEntries(SeedFormatTest.seedEntries());
        return instance;
    }

    @Test
    void gzipWhenAskedAndIdentityOtherwise() throws Exception {
        SimulatedInstance paris = seeded(InstanceSettings.named("paris"));
        byte[] normal = paris.currentBody().clone();

        HttpResponse<byte[]> plain = http.get(paris.statusUrl());
        HttpResponse<byte[]> zipped = http.get(paris.statusUrl(), "Accept-Encoding", "gzip, deflate");

        assertArrayEquals(normal, plain.body());
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(
                String.valueOf(normal.length),
                plain.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElseThrow());

        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("Accept-Encoding", zipped.headers().firstValue("Vary").orElseThrow());
        assertEquals(
                "application/json", zipped.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(zipped.headers().firstValue("Content-Length").isEmpty(), "chunked: the length is known at the end");
        assertArrayEquals(normal, gunzip(zipped.body()));
        assertTrue(zipped.body().length < normal.length, zipped.body().length + " vs " + normal.length);

        InstanceStats stats = paris.stats();
        assertEquals(1, stats.gzipResponses());
        assertEquals(normal.length + zipped.body().length, stats.wireBytes());
    }

    @Test
    void acceptEncodingIsReadWithItsWeights() throws Exception {
        SimulatedInstance paris = seeded(InstanceSettings.named("paris"));
        Map<String, Boolean> expected = Map.ofEntries(
                Map.entry("gzip", true),
                Map.entry("GZIP", true),
                Map.entry("x-gzip", true),
                Map.entry("br, gzip;q=0.5", true),
                Map.entry("gzip; q=0.001", true),
                Map.entry("*", true),
                Map.entry("identity, *;q=0.1", true),
                Map.entry("gzip;q=0", false),
                Map.entry("gzip;q=0.0, *", false),
                Map.entry("*;q=0", false),
                Map.entry("deflate, br", false),
                Map.entry("identity", false),
                Map.entry("gzip;q=lots", false),
                Map.entry("", false));

        for (Map.Entry<String, Boolean> e : expected.entrySet()) {
            HttpResponse<byte[]> response = http.get(paris.statusUrl(), "Accept-Encoding", e.getKey());
            assertEquals(
                    e.getValue(),
                    response.headers().firstValue("Content-Encoding").isPresent(),
                    "Accept-Encoding: " + e.getKey());
            byte[] body = e.getValue() ? gunzip(response.body()) : response.body();
            assertArrayEquals(paris.currentBody(), body, "Accept-Encoding: " + e.getKey());
        }
        assertEquals(7, paris.stats().gzipResponses());
    }

    @Test
    void switchedOffPerInstanceAndAtRunTime() throws Exception {
        SimulatedInstance lyon =
                seeded(InstanceSettings.builder("lyon").gzip(false).build());

        HttpResponse<byte[]> off = http.get(lyon.statusUrl(), "Accept-Encoding", "gzip");
        lyon.setGzip(true);
        HttpResponse<byte[]> on = http.get(lyon.statusUrl(), "Accept-Encoding", "gzip");

        assertTrue(off.headers().firstValue("Content-Encoding").isEmpty());
        assertTrue(off.headers().firstValue("Vary").isEmpty(), "identity only: nothing varies");
        assertArrayEquals(lyon.currentBody(), off.body());
        assertEquals("gzip", on.headers().firstValue("Content-Encoding").orElseThrow());
        assertArrayEquals(lyon.currentBody(), gunzip(on.body()));
        assertEquals(1, lyon.stats().gzipResponses());
        assertTrue(InstanceSettings.named("x").gzip(), "on by default");
    }

    @Test
    void eachCodingHasItsOwnEtagAndEitherOneGets304() throws Exception {
        SimulatedInstance paris =
                seeded(InstanceSettings.builder("paris").etags(true).build());

        HttpResponse<byte[]> plain = http.get(paris.statusUrl());
        HttpResponse<byte[]> zipped = http.get(paris.statusUrl(), "Accept-Encoding", "gzip");
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        String zippedTag = zipped.headers().firstValue("ETag").orElseThrow();

        assertEquals(plainTag.substring(0, plainTag.length() - 1) + "-gzip\"", zippedTag);
        assertEquals(Responses.etag(paris.currentBody()), plainTag);

        HttpResponse<byte[]> zippedWithPlainTag =
                http.get(paris.statusUrl(), "Accept-Encoding", "gzip", "If-None-Match", plainTag);
        assertEquals(304, zippedWithPlainTag.statusCode());
        assertEquals(
                zippedTag,
                zippedWithPlainTag.headers().firstValue("ETag").orElseThrow(),
                "a 304 names the representation that would have been sent");
        assertEquals(0, zippedWithPlainTag.body().length);
        assertEquals(
                304, http.get(paris.statusUrl(), "If-None-Match", zippedTag).statusCode());
        assertEquals(
                304,
                http.get(paris.statusUrl(), "Accept-Encoding", "gzip", "If-None-Match", zippedTag)
                        .statusCode());
        assertEquals(
                304,
                http.get(paris.statusUrl(), "If-None-Match", "W/" + zippedTag).statusCode());
        assertEquals(
                304,
                http.get(paris.statusUrl(), "If-None-Match", "\"other\", " + plainTag)
                        .statusCode());
        assertEquals(304, http.get(paris.statusUrl(), "If-None-Match", "*").statusCode());
        assertEquals(
                200, http.get(paris.statusUrl(), "If-None-Match", "\"other\"").statusCode());
        long gzipBefore = paris.stats().gzipResponses();

        paris.appendEntry(SeedFormatTest.seedEntries().get(0));
        HttpResponse<byte[]> changed =
                http.get(paris.statusUrl(), "Accept-Encoding", "gzip", "If-None-Match", zippedTag);

        assertEquals(200, changed.statusCode());
        assertNotEquals(zippedTag, changed.headers().firstValue("ETag").orElseThrow());
        assertTrue(changed.headers().firstValue("ETag").orElseThrow().endsWith("-gzip\""));
        assertArrayEquals(paris.currentBody(), gunzip(changed.body()));
        assertEquals(gzipBefore + 1, paris.stats().gzipResponses(), "304s are not gzip answers");
    }

    @Test
    void rawBodyIsCompressedLikeTheQueue() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        paris.setRawBody("[{\"status\":\"WEIRD\"}]");

        HttpResponse<byte[]> response = http.get(paris.statusUrl(), "Accept-Encoding", "gzip");

        assertEquals(
                "[{\"status\":\"WEIRD\"}]",
                new String(gunzip(response.body()), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void latencyAndTrickleApplyToTheCompressedAnswer() throws Exception {
        SimulatedInstance paris = seeded(InstanceSettings.named("paris"));
        int rate = 1000;
        paris.setFault(Fault.latency(Duration.ofMillis(100)), Fault.trickle(rate));

        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.get(paris.statusUrl(), "Accept-Encoding", "gzip");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertArrayEquals(paris.currentBody(), gunzip(response.body()));
        long expectedMs = 100 + response.body().length * 1000L / rate;
        assertTrue(elapsedMs >= expectedMs * 8 / 10, "took " + elapsedMs + " ms, expected about " + expectedMs);
    }

    @Test
    void answerFaultsAreSentAsTheyAreEvenWhenGzipIsAsked() throws Exception {
        SimulatedInstance paris = seeded(InstanceSettings.named("paris"));

        paris.setFault(Fault.status(503, "5", "maintenance"));
        HttpResponse<byte[]> unavailable = http.get(paris.statusUrl(), "Accept-Encoding", "gzip");
        paris.setFault(Fault.hugeBody(100_000));
        HttpResponse<byte[]> huge = http.get(paris.statusUrl(), "Accept-Encoding", "gzip");
        paris.clearFault();
        paris.setBasicAuth("u", "p");
        HttpResponse<byte[]> refused = http.get(paris.statusUrl(), "Accept-Encoding", "gzip");

        assertEquals(503, unavailable.statusCode());
        assertEquals("maintenance", TestHttp.body(unavailable));
        assertTrue(unavailable.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(100_000, huge.body().length);
        assertEquals("100000", huge.headers().firstValue("Content-Length").orElseThrow());
        assertTrue(huge.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
        InstanceStats stats = paris.stats();
        assertEquals(0, stats.gzipResponses());
        assertEquals(
                "maintenance".length() + 100_000 + refused.body().length,
                stats.wireBytes(),
                "every status answer's body counts, 401s and faults too");
    }

    @Test
    void headAnswersTheGzipHeadersWithoutABody() throws Exception {
        SimulatedInstance paris = seeded(InstanceSettings.named("paris"));

        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(paris.statusUrl()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept-Encoding", "gzip")
                .build());

        assertEquals(200, head.statusCode());
        assertEquals("gzip", head.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals(0, head.body().length);
        assertEquals(0, paris.stats().wireBytes());
    }

    @Test
    void aLargeQueueTravelsSmall() throws Exception {
        SimulatedInstance big = sim.addInstance(InstanceSettings.builder("big")
                .load(LoadProfile.of(5000, Duration.ofSeconds(1), 1))
                .build());
        int identityLength = big.currentBody().length;

        HttpResponse<byte[]> zipped = http.get(big.statusUrl(), "Accept-Encoding", "gzip");

        assertArrayEquals(big.currentBody(), gunzip(zipped.body()));
        assertEquals(zipped.body().length, big.stats().wireBytes());
        assertTrue(
                zipped.body().length * 4L < identityLength,
                "compressed " + zipped.body().length + " of " + identityLength);
    }

    @Test
    void gzipBombInflatesToExactlyTheAskedSizeOfValidJson() throws Exception {
        SimulatedInstance paris = seeded(InstanceSettings.named("paris"));
        long inflated = (64L << 20) + 12_345; // 64 MiB and an odd tail, to cross the 1 MiB blocks unevenly
        paris.setFault(Fault.gzipBomb(inflated));

        HttpResponse<InputStream> response = streaming.send(
                HttpRequest.newBuilder(URI.create(paris.statusUrl())).build(),
                HttpResponse.BodyHandlers.ofInputStream()); // no Accept-Encoding: a bomb does not ask
        long[] counts = new long[3]; // compressed, inflated, unexpected bytes
        byte first;
        byte last = 0;
        try (CountingInput wire = new CountingInput(response.body());
                GZIPInputStream in = new GZIPInputStream(wire, 64 * 1024)) { // checks CRC-32 and ISIZE at the end
            first = (byte) in.read();
            counts[1] = 1;
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != ' ' && counts[1] + i != inflated - 1) {
                        counts[2]++;
                    }
                }
                last = buffer[n - 1];
                counts[1] += n;
            }
            counts[0] = wire.count;
        }

        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals(inflated, counts[1]);
        assertEquals('[', first);
        assertEquals(']', last);
        assertEquals(0, counts[2], "only spaces between the brackets");
        assertTrue(counts[0] < inflated / 500, "on the wire: " + counts[0]);
        InstanceStats stats = paris.stats();
        assertEquals(1, stats.gzipResponses());
        assertEquals(counts[0], stats.wireBytes());
    }

    @Test
    void gzipBombParsesAsAnEmptyJsonArray() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        paris.setFault(Fault.gzipBomb(5_000_000));

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(
                0,
                TestHttp.MAPPER
                        .readTree(new GZIPInputStream(new ByteArrayInputStream(response.body())))
                        .size());
    }

    @Test
    void gzipBombOfBracketsNeverCloses() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        long inflated = (3L << 20) + 1;
        paris.setFault(new Fault.GzipBomb(inflated, Fault.GzipBomb.Fill.BRACKETS));

        byte[] body = gunzip(http.get(paris.statusUrl()).body());

        assertEquals(inflated, body.length);
        for (byte b : body) {
            assertEquals('[', b);
        }
    }

    @Test
    void tenGigabyteBombIsAboutTenMegabytesOnTheWire() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        long inflated = 10L << 30;
        paris.setFault(Fault.gzipBomb(inflated));

        HttpResponse<InputStream> response = streaming.send(
                HttpRequest.newBuilder(URI.create(paris.statusUrl()))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        byte[] head = new byte[10];
        byte[] tail = new byte[8];
        long compressed;
        try (InputStream in = response.body()) {
            assertEquals(10, in.readNBytes(head, 0, 10));
            compressed = 10;
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                int keep = Math.min(n, 8);
                System.arraycopy(tail, keep, tail, 0, 8 - keep);
                System.arraycopy(buffer, n - keep, tail, 8 - keep, keep);
                compressed += n;
            }
        }

        assertEquals(0x1f, head[0] & 0xff);
        assertEquals(0x8b, head[1] & 0xff);
        long isize = (tail[4] & 0xffL) | (tail[5] & 0xffL) << 8 | (tail[6] & 0xffL) << 16 | (tail[7] & 0xffL) << 24;
        assertEquals(inflated & 0xffffffffL, isize, "ISIZE is the inflated size modulo 2^32");
        assertTrue(compressed < 12_000_000 && compressed > 8_000_000, "on the wire: " + compressed);
        assertEquals(compressed, paris.stats().wireBytes());
    }

    static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    /** Counts the compressed bytes under a GZIPInputStream. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
