package io.github.okastconnect.testkit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one client of the Kafka Connect REST API (java.net.http + Jackson) that the quickstart, the tests and the
 * benchmarks use. The typed calls turn every non-2xx answer into a {@link ConnectRestException} carrying the
 * response body; {@link #call} returns any answer as it came, for tests that assert on an error status. I/O
 * failures become {@link UncheckedIOException}.
 */
public final class ConnectRestClient {

    private static final Duration POLL = Duration.ofMillis(250);
    /** Connect itself gives up on a forwarded request after 90 s. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(95);

    /** How long {@link #awaitRunning} and {@link #awaitState} wait: generous, the machine may be loaded. */
    private static final int AWAIT_SECONDS = 120;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final HttpClient http;

    public ConnectRestClient(URI baseUrl) {
        this(
                baseUrl,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Shares {@code http} (and its connection pool and threads) with other clients, e.g. one per worker. */
    public ConnectRestClient(URI baseUrl, HttpClient http) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.http = http;
    }

    public ConnectRestClient(String baseUrl) {
        this(URI.create(baseUrl));
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code GET /}: version, commit, kafka_cluster_id. */
    public JsonNode serverInfo() {
        return send("GET", "", null);
    }

    public boolean isHealthy() {
        try {
            send("GET", "health", null);
            return true;
        } catch (ConnectRestException | UncheckedIOException e) {
            return false;
        }
    }

    /** An answer of {@link #call}: any status, the body as text. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Any call, answered as it came (no exception for a non-2xx status). {@code path} is relative to the base URL
     * (a leading '/' is allowed); a String body is sent as is, any other object as JSON.
     */
    public Response call(String method, String path, Object body) {
        HttpResponse<String> response = exchange(method, path, body);
        return new Response(response.statusCode(), response.body());
    }

    public List<String> listConnectors() {
        return convert(send("GET", "connectors", null), new TypeReference<>() {});
    }

    /**
     * {@code POST /connectors}. A 409 while the group rebalances (typical right after workers start) is retried;
     * a 409 "already exists" is not.
     */
    public ConnectorInfo createConnector(String name, Map<String, String> config) {
        return createConnector(name, config, null);
    }

    /**
     * {@code POST /connectors} with {@code initial_state} (RUNNING, PAUSED or STOPPED; null: Connect's default,
     * RUNNING). STOPPED lets a caller set the offsets before the first task starts.
     */
    public ConnectorInfo createConnector(String name, Map<String, String> config, String initialState) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", config);
        if (initialState != null) {
            body.put("initial_state", initialState);
        }
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        while (true) {
            try {
                return connectorInfo(send("POST", "connectors", body));
            } catch (ConnectRestException e) {
                boolean transientConflict =
                        e.statusCode() == 409 && !e.errorMessage().contains("already exists");
                if (!transientConflict || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(POLL);
            }
        }
    }

    /** {@code PUT /connectors/{name}/config}: creates or updates. */
    public ConnectorInfo putConfig(String name, Map<String, String> config) {
        return connectorInfo(send("PUT", "connectors/" + segment(name) + "/config", config));
    }

    public Map<String, String> getConfig(String name) {
        return convert(send("GET", "connectors/" + segment(name) + "/config", null), new TypeReference<>() {});
    }

    public ConnectorStatus getStatus(String name) {
        return ConnectorStatus.fromJson(send("GET", "connectors/" + segment(name) + "/status", null));
    }

    /**
     * Waits until the connector and at least {@code minTasks} tasks are RUNNING. Fails at once when the connector or
     * a task is FAILED (the message carries the trace), or with the last status seen after {@code timeout}.
     */
    public ConnectorStatus awaitRunningAtLeast(String name, int minTasks, Duration timeout) {
        return awaitStatus(name, s -> s.isRunning(minTasks), "RUNNING with >= " + minTasks + " task(s)", timeout);
    }

    /**
     * Waits up to {@value #AWAIT_SECONDS} s until the connector runs with exactly {@code tasks} tasks, all RUNNING. A
     * FAILED task is waited through (a test may have just restarted it), so only the deadline ends the wait.
     */
    public ConnectorStatus awaitRunning(String name, int tasks) {
        return awaitStatus(
                name,
                s -> s.isRunning(tasks) && s.tasks().size() == tasks,
                "RUNNING with exactly " + tasks + " task(s)",
                Duration.ofSeconds(AWAIT_SECONDS),
                false);
    }

    /** Waits up to {@value #AWAIT_SECONDS} s until the connector is in {@code state} (e.g. STOPPED, PAUSED). */
    public ConnectorStatus awaitState(String name, String state) {
        return awaitStatus(name, s -> state.equals(s.state()), state, Duration.ofSeconds(AWAIT_SECONDS), false);
    }

    /** Waits for any condition on the status, e.g. {@code s -> "STOPPED".equals(s.state())}; fails fast on FAILED. */
    public ConnectorStatus awaitStatus(
            String name, Predicate<ConnectorStatus> condition, String description, Duration timeout) {
        return awaitStatus(name, condition, description, timeout, true);
    }

    private ConnectorStatus awaitStatus(
            String name, Predicate<ConnectorStatus> condition, String description, Duration timeout, boolean failFast) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no status yet";
        while (true) {
            try {
                ConnectorStatus status = getStatus(name);
                if (condition.test(status)) {
                    return status;
                }
                last = status.summary();
                if (failFast && status.failure().isPresent()) {
                    throw new IllegalStateException("waiting for " + name + " to be " + description + ": "
                            + status.failure().get());
                }
            } catch (ConnectRestException e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                last = "404: " + e.errorMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + " not " + description + " after " + timeout.toSeconds() + " s; last: " + last);
            }
            pause(POLL);
        }
    }

    /** {@code POST /connectors/{name}/restart?includeTasks=true&onlyFailed=false}. */
    public void restart(String name) {
        restart(name, true, false);
    }

    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        send(
                "POST",
                "connectors/" + segment(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed,
                null);
    }

    public void pause(String name) {
        send("PUT", "connectors/" + segment(name) + "/pause", null);
    }

    public void resume(String name) {
        send("PUT", "connectors/" + segment(name) + "/resume", null);
    }

    /**
     * {@code PUT /connectors/{name}/stop}, then waits until it is STOPPED: tasks shut down, config kept; required
     * before altering offsets.
     */
    public void stop(String name) {
        send("PUT", "connectors/" + segment(name) + "/stop", null);
        awaitState(name, "STOPPED");
    }

    public void delete(String name) {
        send("DELETE", "connectors/" + segment(name), null);
    }

    /**
     * {@code GET /connectors/{name}/offsets}: {@code {"offsets":[{"partition":{..},"offset":{..}}]}}. Kafka Connect
     * 4.4.0 can answer 500 for a running connector whose offsets are being written (ConcurrentModificationException
     * in ConnectorOffsetBackingStore), so a 500 is asked again a few times.
     */
    public JsonNode getOffsets(String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                return send("GET", "connectors/" + segment(name) + "/offsets", null);
            } catch (ConnectRestException e) {
                if (e.statusCode() != 500 || attempt == 5) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the offsets of " + name, e);
            }
        }
    }

    /**
     * {@code PATCH /connectors/{name}/offsets} with {@code {"offsets":[...]}} (a JsonNode, a Map or a JSON string);
     * the connector must be STOPPED.
     */
    public JsonNode alterOffsets(String name, Object offsets) {
        return send("PATCH", "connectors/" + segment(name) + "/offsets", offsets);
    }

    /** {@code DELETE /connectors/{name}/offsets}; the connector must be STOPPED. */
    public JsonNode resetOffsets(String name) {
        return send("DELETE", "connectors/" + segment(name) + "/offsets", null);
    }

    /** {@code PUT /connector-plugins/{class}/config/validate}; {@code connector.class} is added when absent. */
    public ConfigValidation validate(String connectorClass, Map<String, String> config) {
        Map<String, String> body = new LinkedHashMap<>(config);
        body.putIfAbsent("connector.class", connectorClass);
        return ConfigValidation.fromJson(
                send("PUT", "connector-plugins/" + segment(connectorClass) + "/config/validate", body));
    }

    /** Every plugin the worker sees: connectors, converters, transformations, predicates... */
    public List<PluginInfo> listPlugins() {
        return plugins(send("GET", "connector-plugins?connectorsOnly=false", null));
    }

    /** Connectors only (Connect's default listing). */
    public List<PluginInfo> listConnectorPlugins() {
        return plugins(send("GET", "connector-plugins", null));
    }

    private List<PluginInfo> plugins(JsonNode array) {
        List<PluginInfo> plugins = new ArrayList<>();
        for (JsonNode p : array) {
            plugins.add(new PluginInfo(
                    p.path("class").asText(),
                    p.path("type").asText(),
                    p.path("version").asText()));
        }
        return plugins;
    }

    private ConnectorInfo connectorInfo(JsonNode node) {
        List<Integer> tasks = new ArrayList<>();
        node.path("tasks").forEach(t -> tasks.add(t.path("task").asInt()));
        Map<String, String> config = convert(node.path("config"), new TypeReference<>() {});
        return new ConnectorInfo(
                node.path("name").asText(), config, tasks, node.path("type").asText(null));
    }

    private JsonNode send(String method, String path, Object body) {
        HttpResponse<String> response = exchange(method, path, body);
        if (response.statusCode() / 100 != 2) {
            throw new ConnectRestException(method, response.uri(), response.statusCode(), response.body());
        }
        try {
            String text = response.body();
            return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(
                    "unparseable answer to " + method + " " + response.uri() + ": " + response.body(), e);
        }
    }

    private HttpResponse<String> exchange(String method, String path, Object body) {
        URI uri = baseUrl.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
    }

    private static String write(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
    }

    private static <T> T convert(JsonNode node, TypeReference<T> type) {
        return JSON.convertValue(node, type);
    }

    /** Connector names are free text; keep them one path segment. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
