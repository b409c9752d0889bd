package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic auth, raw-body and entry scripting, and the request log tests rely on. */
class AuthAndScriptingTest {

    private final MutableClock clock = MutableClock.at("2022-10-18T14:20:00Z");
    private final TestHttp http = new TestHttp();
    private OkastSimulator sim;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder().clock(clock).build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void basicAuthRejectsMissingAndWrongCredentials() throws Exception {
        SimulatedInstance paris = sim.addInstance(
                InstanceSettings.builder("paris").basicAuth("okast", "s3cret:x").build());
        String good = new BasicCredentials("okast", "s3cret:x").headerValue();
        String bad = new BasicCredentials("okast", "wrong").headerValue();

        HttpResponse<byte[]> missing = http.get(paris.statusUrl());
        HttpResponse<byte[]> wrong = http.get(paris.statusUrl(), "Authorization", bad);
        HttpResponse<byte[]> right = http.get(paris.statusUrl(), "Authorization", good);

        assertEquals(401, missing.statusCode());
        assertTrue(
                missing.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
        assertEquals(401, wrong.statusCode());
        assertEquals(200, right.statusCode());
        assertEquals("[]", TestHttp.body(right));
        assertEquals(3, paris.requestCount(), "401s count as requests too");
    }

    @Test
    void basicAuthAlsoGuardsTheAddEndpointAndCanChangeAtRunTime() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        paris.setBasicAuth("u", "p");

        HttpResponse<byte[]> refused = http.get(paris.addUrl() + "?filePath=x");
        HttpResponse<byte[]> accepted =
                http.get(paris.addUrl() + "?filePath=x", "Authorization", new BasicCredentials("u", "p").headerValue());
        paris.clearBasicAuth();
        HttpResponse<byte[]> open = http.get(paris.statusUrl());

        assertEquals(401, refused.statusCode());
        assertEquals(200, accepted.statusCode());
        assertEquals(200, open.statusCode());
        assertEquals(1, paris.entries().size());
        assertEquals(1, paris.addRequestCount());
    }

    @Test
    void rawBodyIsServedByteForByteUntilCleared() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        paris.submit(IngestRequest.builder().filePath("https://s/a.mp4").build());
        String raw = "[{\"request\":{\"filePath\":\"é\"},\"status\":\"WEIRD\"}]  \n";
        paris.setRawBody(raw);

        HttpResponse<byte[]> scripted = http.get(paris.statusUrl());
        paris.clearRawBody();
        HttpResponse<byte[]> normal = http.get(paris.statusUrl());

        assertArrayEquals(raw.getBytes(StandardCharsets.UTF_8), scripted.body());
        assertEquals(
                "application/json",
                scripted.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(TestHttp.body(normal).contains("https://s/a.mp4"));
    }

    @Test
    void rawBodyBytesWithOwnContentType() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        byte[] raw = {'[', (byte) 0xFF, ']'};
        paris.setRawBody(raw, "text/html; charset=UTF-8");

        HttpResponse<byte[]> response = http.get(paris.statusUrl());

        assertArrayEquals(raw, response.body());
        assertEquals(
                "text/html; charset=UTF-8",
                response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void scriptedEntriesStayAsGivenAndLiveOnesAppendAfterThem() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        paris.setEntries(SeedFormatTest.seedEntries());
        http.add(paris, Map.of("filePath", "https://s/new.mp4"));
        clock.advance(Duration.ofMinutes(1));

        List<StatusEntry> entries = paris.entries();

        assertEquals(5, entries.size());
        assertEquals(SeedFormatTest.seedEntries(), entries.subList(0, 4));
        assertEquals("https://s/new.mp4", entries.get(4).request().filePath().orElseThrow());
        assertEquals(Status.DONE, entries.get(4).status());
        clock.advance(Duration.ofDays(1));
        assertEquals(
                SeedFormatTest.seedEntries(), paris.entries(), "scripted entries never move nor go; the live one went");
    }

    @Test
    void setEntriesReplacesEverythingAndAppendEntryAdds() {
        SimulatedInstance paris = sim.addInstance("paris");
        paris.submit(IngestRequest.builder().filePath("https://s/a.mp4").build());
        StatusEntry odd = StatusEntry.of(
                IngestRequest.builder().field("future", "x").build(),
                clock.instant(),
                clock.instant(),
                "QUEUED_SOMEWHERE");

        paris.setEntries(List.of());
        assertEquals("[]", paris.currentBodyAsString());
        paris.appendEntry(odd);

        assertEquals(
                "[{\"request\":{\"future\":\"x\"},\"requestTime\":\"2022-1018 14:20:00\","
                        + "\"lastStatusUpdate\":\"2022-1018 14:20:00\",\"status\":\"QUEUED_SOMEWHERE\"}]",
                paris.currentBodyAsString());
        paris.clearEntries();
        assertEquals("[]", paris.currentBodyAsString());
    }

    @Test
    void requestCountHeadersAndAwait() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        assertTrue(paris.lastRequestHeaders().isEmpty());
        assertFalse(paris.awaitRequestCount(1, Duration.ofMillis(50)));

        http.get(paris.statusUrl(), "X-Trace", "one", "User-Agent", "okast-connect/0.1");
        http.get(paris.statusUrl(), "X-Trace", "two");
        http.get(paris.addUrl() + "?filePath=x"); // not a status request

        assertTrue(paris.awaitRequestCount(2, Duration.ofSeconds(1)));
        assertEquals(2, paris.requestCount());
        assertEquals(List.of("two"), paris.lastRequestHeaders().get("x-trace"));
        assertEquals(List.of("two"), paris.lastRequestHeaders().get("X-TRACE"));
        assertFalse(
                paris.lastRequestHeaders().get("User-Agent").contains("okast-connect/0.1"),
                "only the last request is kept");
    }

    @Test
    void requestLogKeepsArrivalTimesOfStatusRequestsOnly() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        assertEquals(List.of(), paris.requestLog());
        Instant before = Instant.now();
        http.get(paris.statusUrl());
        paris.setFault(new Fault.HttpStatus(503, null, "", "text/plain"));
        http.get(paris.statusUrl());
        http.get(paris.addUrl() + "?filePath=x"); // not a status request
        Instant after = Instant.now();

        List<Instant> log = paris.requestLog();
        assertEquals(2, log.size(), "a request answered with a fault is logged too: " + log);
        assertFalse(log.get(0).isBefore(before));
        assertFalse(log.get(1).isBefore(log.get(0)), "oldest first");
        assertFalse(log.get(1).isAfter(after));
    }

    @Test
    void routingIsPerInstanceAndUnknownPathsAre404() throws Exception {
        SimulatedInstance paris = sim.addInstance("paris");
        SimulatedInstance lyon = sim.addInstance("lyon");
        paris.submit(IngestRequest.builder().filePath("https://s/p.mp4").build());

        assertEquals(sim.serverUri() + "/paris", sim.baseUrl("paris"));
        assertEquals(
                "http://127.0.0.1:" + sim.port()
                        + "/lyon/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php",
                sim.statusUrl("lyon"));
        assertEquals(1, http.status(paris).size());
        assertEquals(0, http.status(lyon).size());
        assertEquals(
                404,
                http.get(sim.serverUri() + "/nice/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php")
                        .statusCode());
        assertEquals(
                404, http.get(sim.baseUrl("paris") + "/synthesia/other.php").statusCode());
        String index = TestHttp.body(http.get(sim.serverUri() + "/"));
        assertEquals(
                lyon.statusUrl(),
                TestHttp.MAPPER
                        .readTree(index)
                        .get("instances")
                        .get(0)
                        .get("statusUrl")
                        .asText());

        assertTrue(sim.removeInstance("lyon"));
        assertEquals(404, http.get(lyon.statusUrl()).statusCode());
    }
}
