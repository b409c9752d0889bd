package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault, seen by a real HTTP client, then gone once cleared. */
class FaultInjectionTest {

    private final MutableClock clock = MutableClock.at("2022-10-18T14:20:00Z");
    private final TestHttp http = new TestHttp();
    private OkastSimulator sim;
    private SimulatedInstance paris;
    private byte[] normal;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder().clock(clock).build().start();
        paris = sim.addInstance("paris");
        paris.setEntries(SeedFormatTest.seedEntries());
        normal = paris.currentBody().clone();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void statusCodeWithRetryAfterAndBody() throws Exception {
        paris.setFault(Fault.status(503, "30", "maintenance"));

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(503, response.statusCode());
        assertEquals("30", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("maintenance", TestHttp.body(response));
        assertNormalAfterClear();
    }

    @Test
    void statusCodeAlone() throws Exception {
        paris.setFault(Fault.status(500));

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(500, response.statusCode());
        assertTrue(response.headers().firstValue("Retry-After").isEmpty());
        assertEquals(0, response.body().length);
    }

    @Test
    void latencyDelaysTheHeadersThenAnswersNormally() throws Exception {
        paris.setFault(Fault.latency(Duration.ofMillis(400)));

        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.get(paris.statusUrl());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs >= 400, "took " + elapsedMs + " ms");
        assertArrayEquals(normal, response.body());
    }

    @Test
    void latencyCombinesWithAnAnswerFault() throws Exception {
        paris.setFault(Fault.latency(Duration.ofMillis(200)), Fault.status(429, "5", null));

        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertTrue((System.nanoTime() - start) / 1_000_000 >= 200);
        assertEquals(429, response.statusCode());
        assertEquals("5", response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void trickleSendsTheWholeBodySlowly() throws Exception {
        int rate = 2000;
        paris.setFault(Fault.trickle(rate));

        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.get(paris.statusUrl());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertArrayEquals(normal, response.body());
        long expectedMs = normal.length * 1000L / rate;
        assertTrue(elapsedMs >= expectedMs * 8 / 10, "took " + elapsedMs + " ms, expected about " + expectedMs);
    }

    @Test
    void htmlPageWith200() throws Exception {
        paris.setFault(Fault.htmlPage());

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(TestHttp.body(response).startsWith("<!DOCTYPE html>"));
        assertThrows(JsonProcessingException.class, () -> TestHttp.MAPPER.readTree(response.body()));
    }

    @Test
    void truncatedJsonIsAPrefixOfTheNormalBody() throws Exception {
        paris.setFault(Fault.truncatedJson());

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(200, response.statusCode());
        assertEquals(normal.length / 2, response.body().length);
        assertArrayEquals(Arrays.copyOf(normal, normal.length / 2), response.body());
        assertThrows(JsonProcessingException.class, () -> TestHttp.MAPPER.readTree(response.body()));
    }

    @Test
    void emptyBodyWith200() throws Exception {
        paris.setFault(Fault.emptyBody());

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(200, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void jsonObjectInsteadOfArray() throws Exception {
        paris.setFault(Fault.jsonObject());

        JsonNode body = TestHttp.MAPPER.readTree(http.get(paris.statusUrl()).body());

        assertTrue(body.isObject());
        assertEquals("Session expired", body.get("error").asText());
    }

    @Test
    void phpWarningBeforeTheJson() throws Exception {
        paris.setFault(Fault.phpWarning());

        String body = TestHttp.body(http.get(paris.statusUrl()));

        assertTrue(body.startsWith("<br />\n<b>Warning</b>:"), body);
        String json = body.substring(body.indexOf('['));
        assertEquals(new String(normal, StandardCharsets.UTF_8), json);
    }

    @Test
    void invalidUtf8Bytes() throws Exception {
        paris.setFault(Fault.invalidUtf8());

        byte[] body = http.get(paris.statusUrl()).body();

        assertThrows(
                CharacterCodingException.class,
                () -> StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body)));
        assertTrue(new String(body, StandardCharsets.ISO_8859_1).contains("café.mp4"));
    }

    @Test
    void hugeBodyHasExactlyTheRequestedSizeAndIsValidJson() throws Exception {
        long size = 3_000_001;
        paris.setFault(Fault.hugeBody(size));

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(size, response.body().length);
        assertEquals(
                String.valueOf(size),
                response.headers().firstValue("Content-Length").orElseThrow());
        JsonNode body = TestHttp.MAPPER.readTree(response.body());
        assertTrue(body.isArray() && body.size() > 10_000, "entries: " + body.size());
    }

    @Test
    void hugeBodyOfMinimalSize() throws Exception {
        paris.setFault(Fault.hugeBody(2));

        assertEquals("[]", TestHttp.body(http.get(paris.statusUrl())));
    }

    @Test
    void redirect() throws Exception {
        paris.setFault(Fault.redirect("/synthesia/login.php"));

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertEquals(302, response.statusCode());
        assertEquals(
                "/synthesia/login.php",
                response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void closeConnectionWithoutResponse() throws Exception {
        paris.setFault(Fault.closeConnection());

        assertThrows(IOException.class, () -> http.get(paris.statusUrl()));
        assertTrue(paris.requestCount() >= 1);
        assertNormalAfterClear();
    }

    @Test
    void disconnectInTheMiddleOfTheBody() throws Exception {
        paris.setFault(Fault.disconnectMidBody());

        assertThrows(IOException.class, () -> http.get(paris.statusUrl()));
        assertNormalAfterClear();
    }

    @Test
    void failNextThenRecover() throws Exception {
        paris.failNext(2, Fault.status(502));

        assertEquals(502, http.get(paris.statusUrl()).statusCode());
        assertEquals(502, http.get(paris.statusUrl()).statusCode());
        assertArrayEquals(normal, http.get(paris.statusUrl()).body());
        assertEquals(3, paris.requestCount());
    }

    @Test
    void faultsOnlyAffectTheirInstance() throws Exception {
        SimulatedInstance lyon = sim.addInstance("lyon");
        paris.setFault(Fault.status(503));

        assertEquals(503, http.get(paris.statusUrl()).statusCode());
        assertEquals("[]", TestHttp.body(http.get(lyon.statusUrl())));
    }

    @Test
    void closingTheSimulatorCutsATrickleShort() throws Exception {
        paris.setFault(Fault.hugeBody(10_000_000), Fault.trickle(1000));
        Thread client = new Thread(() -> {
            try {
                http.get(paris.statusUrl());
            } catch (IOException | InterruptedException expected) {
                // the server went away, which is the point
            }
        });
        client.start();
        assertTrue(paris.awaitRequestCount(1, Duration.ofSeconds(5)));

        long start = System.nanoTime();
        sim.close();
        client.join(10_000);

        assertTrue((System.nanoTime() - start) / 1_000_000 < 6000, "close did not wait for the trickle");
        assertTrue(!client.isAlive(), "client saw the connection end");
    }

    private void assertNormalAfterClear() throws Exception {
        paris.clearFault();
        HttpResponse<byte[]> response = http.get(paris.statusUrl());
        assertEquals(200, response.statusCode());
        assertArrayEquals(normal, response.body());
    }
}
