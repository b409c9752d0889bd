package io.github.okastconnect.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers around HttpExchange's easy-to-misuse length argument (0 means chunked, -1 means none). */
final class Responses {

    private Responses() {
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        send(exchange, status, contentType, body, body.length, null);
    }

    /** Sends the first {@code length} bytes of {@code body}, slowly if {@code trickle} is set. */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body, int length,
                     Fault.Trickle trickle) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (length == 0 || isHead(exchange)) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length);
        try (OutputStream out = ThrottledOutputStream.wrap(exchange.getResponseBody(), trickle)) {
            out.write(body, 0, length);
        }
    }

    /** A strong entity tag derived from the body's bytes: equal bodies, equal tags. */
    static String etag(byte[] body) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body);
        return "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"";
    }

    static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static void unauthorized(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Okast Channels\", charset=\"UTF-8\"");
        send(exchange, 401, "text/html; charset=UTF-8",
                "<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>\n"
                        .getBytes(StandardCharsets.UTF_8));
    }

    static boolean isHead(HttpExchange exchange) {
        return "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    }
}
