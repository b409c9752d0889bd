package io.github.okastconnect.it.ecosystem;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.okastconnect.testkit.Waits;
import io.github.okastconnect.testkit.WorkerProperties;

/**
 * One distributed Connect 4.4.0 worker in this JVM, joined to any Kafka cluster (e.g. one in a container), with
 * the connector found on the test classpath through its ServiceLoader manifest. Same worker settings as the
 * testkit's EmbeddedConnectCluster.
 */
final class InProcessConnectWorker implements ConnectorControl, AutoCloseable {
    private final Connect<?> connect;
    private final URI rest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private InProcessConnectWorker(Connect<?> connect) {
        this.connect = connect;
        this.rest = connect.rest().serverUrl();
    }

    static InProcessConnectWorker start(String bootstrapServers) {
        // A worker that fails to start calls Exit.exit, which would kill the test JVM; make it an exception.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
        });
        Map<String, String> props = WorkerProperties.forSingleBroker(bootstrapServers, "connect");
        InProcessConnectWorker worker = new InProcessConnectWorker(new ConnectDistributed().startConnect(props));
        Waits.until(Duration.ofSeconds(60), "worker " + worker.rest + " healthy",
                () -> worker.call("GET", "/health", null).statusCode() == 200);
        return worker;
    }

    private HttpResponse<String> call(String method, String path, String json) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void create(String name, Map<String, String> config) {
        String body = Entries.JSON.createObjectNode().put("name", name)
                .set("config", Entries.JSON.valueToTree(config)).toString();
        HttpResponse<String> r = call("POST", "/connectors", body);
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("create " + name + " failed: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void awaitRunning(String name, int tasks) {
        Waits.until(Duration.ofSeconds(60), name + " running with " + tasks + " task(s)", () -> {
            HttpResponse<String> r = call("GET", "/connectors/" + name + "/status", null);
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode s = Entries.tree(r.body());
            long running = 0;
            for (JsonNode t : s.path("tasks")) {
                running += "RUNNING".equals(t.path("state").asText()) ? 1 : 0;
            }
            return "RUNNING".equals(s.path("connector").path("state").asText()) && running == tasks
                    && s.path("tasks").size() == tasks;
        });
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
        Exit.resetExitProcedure();
    }
}
