package io.github.okastconnect.tracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API and the web page. Every answer is JSON (or a page resource); nothing a client sends is
 * more than a 4xx: unknown paths and ids 404, bad parameters 400, other methods 405.
 *
 * <pre>
 * GET /api/instances                               figures of every Okast instance
 * GET /api/instances/{instance}                    one instance's figures
 * GET /api/instances/{instance}/ingests?status=&amp;offset=&amp;limit=   its ingests, newest first
 * GET /api/ingests/{id}                            one ingest with its timeline
 * GET /api/search?q=&amp;limit=                         ingests whose path matches q, newest first
 * GET /api/attention?limit=                        stuck entries and recent ERRORED ones
 * </pre>
 */
final class TrackerHttp implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerHttp.class);
    private static final Map<String, String> PAGE = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/app.css", "app.css");

    private final TrackerService service;
    private final ObjectMapper mapper;

    TrackerHttp(TrackerService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                String method = exchange.getRequestMethod();
                if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    throw new HttpProblem(405, "only GET is supported");
                }
                String rawPath = exchange.getRequestURI().getRawPath();
                if (PAGE.containsKey(rawPath)) {
                    sendResource(exchange, PAGE.get(rawPath));
                    return;
                }
                TrackerService.Answer answer = route(exchange, rawPath);
                if (answer.forwardedBody() != null) {
                    send(exchange, answer.status(), "application/json", answer.forwardedBody());
                } else {
                    send(exchange, answer.status(), "application/json", mapper.writeValueAsBytes(answer.value()));
                }
            } catch (HttpProblem p) {
                sendProblem(exchange, p.status, p.getMessage());
            } catch (InvalidStateStoreException e) {
                sendProblem(exchange, 503, "the tracker's state is being restored or moved; retry shortly");
            } catch (RuntimeException e) {
                LOG.warn(
                        "Unexpected error answering {} {}",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        e);
                sendProblem(exchange, 500, "internal error");
            }
        }
    }

    private TrackerService.Answer route(HttpExchange exchange, String rawPath) {
        List<String> seg = segments(rawPath);
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        QueryParams params = new QueryParams(rawQuery);
        boolean localOnly = "1".equals(exchange.getRequestHeaders().getFirst(TrackerService.LOCAL_HEADER));
        if (seg.size() >= 2 && seg.get(0).equals("api")) {
            String what = seg.get(1);
            if (what.equals("instances") && seg.size() == 2) {
                return service.instances(pathAndQuery, localOnly);
            }
            if (what.equals("instances") && seg.size() == 3) {
                return service.instance(seg.get(2), pathAndQuery, localOnly);
            }
            if (what.equals("instances") && seg.size() == 4 && seg.get(3).equals("ingests")) {
                return service.ingests(
                        seg.get(2), params.statuses(), params.offset(), params.limit(), pathAndQuery, localOnly);
            }
            if (what.equals("ingests") && seg.size() == 3) {
                return service.ingest(seg.get(2), pathAndQuery, localOnly);
            }
            if (what.equals("search") && seg.size() == 2) {
                return service.search(params.q(), params.limit(), pathAndQuery, localOnly);
            }
            if (what.equals("attention") && seg.size() == 2) {
                return service.attention(params.limit(), pathAndQuery, localOnly);
            }
        }
        throw HttpProblem.notFound("no such resource: " + abbreviate(rawPath));
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                String decoded = QueryParams.decode(s.replace("+", "%2B"));
                if (decoded.isBlank()) {
                    throw HttpProblem.notFound("no such resource: " + abbreviate(rawPath));
                }
                out.add(decoded);
            }
        }
        return out;
    }

    private void sendResource(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = TrackerHttp.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw HttpProblem.notFound("no such resource: /" + name);
            }
            String type = name.endsWith(".js")
                    ? "text/javascript; charset=utf-8"
                    : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private void sendProblem(HttpExchange exchange, int status, String message) throws IOException {
        String error = switch (status) {
            case 400 -> "bad request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 503 -> "unavailable";
            default -> "internal error";
        };
        send(exchange, status, "application/json", mapper.writeValueAsBytes(new Views.Message(status, error, message)));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
