package io.github.okastconnect.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A plain HTTP client for the tests, and a poll-until helper for eventual results (no speed asserted). */
final class Http {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode json, String contentType) {}

    private Http() {}

    static Reply get(String url) {
        if (url.contains("%zz")) {
            return raw(URI.create(url.replace("%zz", "")), url.substring(url.indexOf('/', url.indexOf("//") + 2)));
        }
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** Sends a request line the JDK client refuses to build (e.g. malformed percent-encoding) over a plain socket. */
    private static Reply raw(URI server, String pathAndQuery) {
        try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.getOutputStream()
                    .write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + server.getHost()
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            String type = head.lines()
                    .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).trim())
                    .findFirst()
                    .orElse("");
            String body = response.substring(head.length() + 4);
            return new Reply(status, type.startsWith("application/json") ? MAPPER.readTree(body) : null, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            return new Reply(
                    r.statusCode(), json, r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until {@code done} holds (generous deadline: the machine may be busy), then returns the value. */
    static <T> T await(String what, Supplier<T> poll, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = poll.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what + "; last: " + last);
    }
}
