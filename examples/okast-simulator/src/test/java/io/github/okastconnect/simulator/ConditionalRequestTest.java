package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ETag / If-None-Match, for benchmarking clients against a server that supports them (off by default). */
class ConditionalRequestTest {
    private final TestHttp http = new TestHttp();
    private OkastSimulator sim;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void anUnchangedBodyIsAnswered304ToItsEtagAndAChangedOne200() throws Exception {
        SimulatedInstance paris =
                sim.addInstance(InstanceSettings.builder("paris").etags(true).build());
        paris.setRawBody("[]");
        HttpResponse<byte[]> first = http.get(paris.statusUrl());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);

        HttpResponse<byte[]> same = http.get(paris.statusUrl(), "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals(0, same.body().length);

        paris.setRawBody("[{\"request\":{},\"requestTime\":\"2022-1018 14:20:00\",\"status\":\"PENDING\"}]");
        HttpResponse<byte[]> changed = http.get(paris.statusUrl(), "If-None-Match", etag);
        assertEquals(200, changed.statusCode());
        assertTrue(!etag.equals(changed.headers().firstValue("ETag").orElseThrow()));
    }

    @Test
    void offByDefault() throws Exception {
        SimulatedInstance lyon = sim.addInstance(InstanceSettings.named("lyon"));
        HttpResponse<byte[]> response = http.get(lyon.statusUrl(), "If-None-Match", "\"anything\"");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("ETag").isEmpty());
    }
}
