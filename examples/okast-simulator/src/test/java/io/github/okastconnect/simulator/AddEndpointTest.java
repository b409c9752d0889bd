package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** _addVideoLink.php stores exactly the documented parameters that were given, as strings. */
class AddEndpointTest {

    private final MutableClock clock = MutableClock.at("2022-10-18T14:20:00Z");
    private final TestHttp http = new TestHttp();
    private OkastSimulator sim;
    private SimulatedInstance paris;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder().clock(clock).build().start();
        paris = sim.addInstance("paris");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void requestHoldsGivenParametersInDocumentedOrderUnknownOnesDropped() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("reschedule", "2022-10-18");
        form.put("sessionId", "ignored");
        form.put("destinationFolderIndexReplace", "");
        form.put("destinationFolderIndex", "");
        form.put("destinationFolderKind", "indexed");
        form.put("destinationFolder", "92d53a18-f8d9-d874-f020-b57b76f7ffdf");
        form.put("validate", "1");
        form.put("metadataPath", "https://s/m.json");
        form.put("filePath", "https://s/a b&c.mp4");

        HttpResponse<byte[]> response = http.get(paris.addUrl() + "?" + TestHttp.encode(form));

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"success\":true}", TestHttp.body(response));
        assertEquals(
                "{\"filePath\":\"https://s/a b&c.mp4\",\"metadataPath\":\"https://s/m.json\",\"validate\":\"1\","
                        + "\"destinationFolder\":\"92d53a18-f8d9-d874-f020-b57b76f7ffdf\",\"destinationFolderKind\":\"indexed\","
                        + "\"destinationFolderIndex\":\"\",\"destinationFolderIndexReplace\":\"\",\"reschedule\":\"2022-10-18\"}",
                http.status(paris).get(0).get("request").toString());
        assertEquals(1, paris.addRequestCount());
    }

    @Test
    void postFormWorksAndWinsOverTheQueryLikePhpRequest() throws Exception {
        HttpResponse<byte[]> response = http.postForm(
                paris.addUrl() + "?filePath=https%3A%2F%2Fs%2Fquery.mp4&validate=0",
                Map.of("filePath", "https://s/post.mp4", "destinationFolderKind", "queueTop"));

        assertEquals(200, response.statusCode());
        JsonNode request = http.status(paris).get(0).get("request");
        assertEquals("https://s/post.mp4", request.get("filePath").asText());
        assertEquals("0", request.get("validate").asText());
        assertEquals("queueTop", request.get("destinationFolderKind").asText());
    }

    @Test
    void parameterWithoutValueIsEmptyString() throws Exception {
        http.get(paris.addUrl() + "?filePath=https%3A%2F%2Fs%2Fa.mp4&destinationFolderIndex");

        assertEquals(
                "",
                http.status(paris)
                        .get(0)
                        .get("request")
                        .get("destinationFolderIndex")
                        .asText());
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(paris.addUrl()))
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals(0, paris.entries().size());
    }
}
