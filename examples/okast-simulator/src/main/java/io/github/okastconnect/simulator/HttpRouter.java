package io.github.okastconnect.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Dispatches {@code /<instance>/synthesia/okast-channels/playlist/manager/php/<script>} to the instance. */
final class HttpRouter implements HttpHandler {

    static final String API_PATH = "/synthesia/okast-channels/playlist/manager/php/";
    static final String STATUS_SCRIPT = "_getIngestStatus.php";
    static final String ADD_SCRIPT = "_addVideoLink.php";
    private static final byte[] ADD_OK = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

    private final Function<String, SimulatedInstance> instances;
    private final Supplier<Collection<SimulatedInstance>> allInstances;
    private final TokenRequestHandler tokenRequests;
    private final ObjectMapper mapper = new ObjectMapper();

    HttpRouter(
            Function<String, SimulatedInstance> instances,
            Supplier<Collection<SimulatedInstance>> allInstances,
            OAuth2TokenEndpoint tokenEndpoint) {
        this.instances = instances;
        this.allInstances = allInstances;
        this.tokenRequests = new TokenRequestHandler(tokenEndpoint);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException bug) {
            // Without this the JDK drops the connection silently; a 500 tells the test what happened.
            try {
                Responses.text(exchange, 500, "simulator error: " + bug + "\n");
            } catch (IOException | RuntimeException headersAlreadySent) {
                throw new IOException(
                        "simulator error after the headers were sent", bug); // makes the JDK drop the connection
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/") || path.isEmpty()) {
            index(exchange);
            return;
        }
        if (path.equals(OAuth2TokenEndpoint.PATH)) { // an instance named "oauth2" keeps its own API paths
            tokenRequests.handle(exchange);
            return;
        }
        int slash = path.indexOf('/', 1);
        SimulatedInstance instance = slash < 0 ? null : instances.apply(path.substring(1, slash));
        String script = slash < 0 ? "" : path.substring(slash);
        if (instance == null) {
            Responses.text(exchange, 404, "no such instance\n");
        } else if (script.equals(API_PATH + STATUS_SCRIPT)) {
            status(exchange, instance);
        } else if (script.equals(API_PATH + ADD_SCRIPT)) {
            add(exchange, instance);
        } else {
            Responses.text(exchange, 404, "not found\n");
        }
    }

    private void status(HttpExchange exchange, SimulatedInstance instance) throws IOException {
        exchange.getRequestBody().readAllBytes(); // PHP ignores it; reading it keeps the connection reusable
        instance.recordStatusRequest(exchange.getRequestHeaders());
        exchange.setStreams(null, new CountingOutputStream(exchange.getResponseBody(), instance.wireBytesCounter()));
        if (!admitted(exchange, instance)) {
            return;
        }
        FaultResponder.respond(exchange, instance, instance.takeFaults());
    }

    /** Answers the 401 itself when the instance's basic auth or bearer token requirement is not met. */
    private static boolean admitted(HttpExchange exchange, SimulatedInstance instance) throws IOException {
        Access access = instance.access(exchange.getRequestHeaders().getFirst("Authorization"));
        if (access != Access.GRANTED) {
            Responses.refused(exchange, access);
            return false;
        }
        return true;
    }

    /** GET query and urlencoded POST body both count, POST winning, like PHP's $_REQUEST. */
    private void add(HttpExchange exchange, SimulatedInstance instance) throws IOException {
        String method = exchange.getRequestMethod();
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        if (!admitted(exchange, instance)) {
            return;
        }
        if (!method.equals("GET") && !method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            Responses.text(exchange, 405, "method not allowed\n");
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        FormParameters.parseInto(exchange.getRequestURI().getRawQuery(), parameters);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (method.equals("POST")
                && contentType != null
                && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            FormParameters.parseInto(new String(requestBody, StandardCharsets.UTF_8), parameters);
        }
        instance.handleAdd(IngestRequest.fromParameters(parameters));
        Responses.send(exchange, 200, "application/json", ADD_OK);
    }

    /** A map of the server for humans and scripts; not part of the vendor's API. */
    private void index(HttpExchange exchange) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("instances");
        for (SimulatedInstance instance : allInstances.get()) {
            list.addObject()
                    .put("name", instance.name())
                    .put("statusUrl", instance.statusUrl())
                    .put("addUrl", instance.addUrl());
        }
        Responses.send(exchange, 200, "application/json", mapper.writeValueAsBytes(root));
    }
}
