package io.github.okastconnect.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server that answers each instance's status URL with a body the test scripts, step by step.
 * Instance {@code paris} lives under {@code /paris}.
 */
public final class ScriptedOkastServer implements AutoCloseable {
    public static final String STATUS_PATH = "/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(48);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, String> requiredAuthorization = new ConcurrentHashMap<>();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> requestNanos = new ConcurrentHashMap<>();
    private final Map<String, List<String>> authorizations = new ConcurrentHashMap<>();

    /** A custom answer, for faults: it may stall, trickle, close the connection, or answer anything. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** What an instance answers: a status code and a body. */
    public record Answer(int status, byte[] body) {}

    public ScriptedOkastServer() throws IOException {
        this(0);
    }

    /** A server on a given port (0 = any free one), e.g. to bring an instance back where it was. */
    public ScriptedOkastServer(int port) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int slash = path.indexOf('/', 1);
            String instance = slash < 0 ? "" : path.substring(1, slash);
            Answer answer = answers.get(instance);
            Handler handler = handlers.get(instance);
            if (answer == null && handler == null
                    || slash < 0
                    || !path.substring(slash).equals(STATUS_PATH)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            requests.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
            requestNanos
                    .computeIfAbsent(instance, k -> new CopyOnWriteArrayList<>())
                    .add(System.nanoTime());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations
                    .computeIfAbsent(instance, k -> new CopyOnWriteArrayList<>())
                    .add(auth == null ? "" : auth);
            if (handler != null) {
                handler.handle(exchange);
                return;
            }
            String required = requiredAuthorization.get(instance);
            if (required != null
                    && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"okast\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    public String baseUrl(String instance) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + instance;
    }

    public void setBody(String instance, String json) {
        answers.put(instance, new Answer(200, json.getBytes(StandardCharsets.UTF_8)));
    }

    public void setAnswer(String instance, int status, String body) {
        answers.put(instance, new Answer(status, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Answers 401 unless the request carries exactly this Authorization header. */
    public void requireAuthorization(String instance, String headerValue) {
        requiredAuthorization.put(instance, headerValue);
    }

    /** Answers every request of the instance with the handler until {@link #clearHandler} is called. */
    public void setHandler(String instance, Handler handler) {
        handlers.put(instance, handler);
    }

    public void clearHandler(String instance) {
        handlers.remove(instance);
    }

    /** System.nanoTime() of each request the instance received. */
    public List<Long> requestNanos(String instance) {
        return List.copyOf(requestNanos.getOrDefault(instance, List.of()));
    }

    /** The Authorization header of each request the instance received ("" when absent). */
    public List<String> authorizations(String instance) {
        return List.copyOf(authorizations.getOrDefault(instance, List.of()));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int requestCount(String instance) {
        AtomicInteger n = requests.get(instance);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
