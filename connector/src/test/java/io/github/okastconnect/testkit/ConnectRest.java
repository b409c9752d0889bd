package io.github.okastconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The Connect REST calls the tests use, as a user would make them with curl. */
public final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http;

    public ConnectRest(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Response call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json");
            b.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(
                                    body instanceof String s ? s : JSON.writeValueAsString(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response expect2xx(Response r, String what) {
        if (r.status() / 100 != 2) {
            throw new AssertionError(what + " failed: HTTP " + r.status() + " " + r.body());
        }
        return r;
    }

    boolean healthy() {
        return call("GET", "/health", null).status() == 200;
    }

    /** POST /connectors with {"name": ..., "config": {...}}. */
    public Response createConnector(String name, Map<String, String> config) {
        return expect2xx(call("POST", "/connectors", Map.of("name", name, "config", config)), "create " + name);
    }

    public JsonNode status(String name) {
        return expect2xx(call("GET", "/connectors/" + name + "/status", null), "status")
                .json();
    }

    /** Waits until the connector and {@code tasks} tasks are RUNNING. */
    public void awaitRunning(String name, int tasks) {
        Waits.until(Duration.ofSeconds(60), name + " running with " + tasks + " task(s)", () -> {
            Response r = call("GET", "/connectors/" + name + "/status", null);
            if (r.status() != 200) {
                return false;
            }
            JsonNode s = r.json();
            if (!"RUNNING".equals(s.path("connector").path("state").asText())) {
                return false;
            }
            int running = 0;
            for (JsonNode t : s.path("tasks")) {
                if ("RUNNING".equals(t.path("state").asText())) {
                    running++;
                }
            }
            return running == tasks && s.path("tasks").size() == tasks;
        });
    }

    public void awaitState(String name, String state) {
        Waits.until(Duration.ofSeconds(60), name + " " + state, () -> {
            Response r = call("GET", "/connectors/" + name + "/status", null);
            return r.status() == 200
                    && state.equals(r.json().path("connector").path("state").asText());
        });
    }

    public void restart(String name) {
        expect2xx(call("POST", "/connectors/" + name + "/restart?includeTasks=true&onlyFailed=false", null), "restart");
    }

    public void stop(String name) {
        expect2xx(call("PUT", "/connectors/" + name + "/stop", null), "stop");
        awaitState(name, "STOPPED");
    }

    public void resume(String name) {
        expect2xx(call("PUT", "/connectors/" + name + "/resume", null), "resume");
    }

    /**
     * The stored offsets. Kafka Connect 4.4.0 can answer 500 for a running connector whose offsets are being written
     * (ConcurrentModificationException in ConnectorOffsetBackingStore), so a 500 is asked again a few times.
     */
    public JsonNode offsets(String name) {
        Response response = call("GET", "/connectors/" + name + "/offsets", null);
        for (int attempt = 1; attempt < 5 && response.status() == 500; attempt++) {
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            response = call("GET", "/connectors/" + name + "/offsets", null);
        }
        return expect2xx(response, "offsets").json();
    }

    /** A PATCH body that resets an instance: a null offset for its marker partition. */
    public static String resetOffsetsBody(String instance) {
        return markerBody(instance, "null");
    }

    /** A PATCH body setting an instance's marker partition to the JSON {@code offset}. */
    public static String markerBody(String instance, String offset) {
        return "{\"offsets\":[{\"partition\":{\"instance\":\"" + instance + "\"},\"offset\":" + offset + "}]}";
    }

    /** A PATCH body setting every shard of an instance to the JSON {@code offsetOfShard} gives it. */
    public static String offsetsBody(String instance, java.util.function.IntFunction<String> offsetOfShard) {
        StringBuilder body = new StringBuilder("{\"offsets\":[");
        for (int shard = 0; shard < io.github.okastconnect.offset.OffsetCodec.SHARDS; shard++) {
            body.append(shard == 0 ? "" : ",")
                    .append("{\"partition\":{\"instance\":\"")
                    .append(instance)
                    .append("\",\"shard\":")
                    .append(shard)
                    .append("},\"offset\":")
                    .append(offsetOfShard.apply(shard))
                    .append('}');
        }
        return body.append("]}").toString();
    }
}
