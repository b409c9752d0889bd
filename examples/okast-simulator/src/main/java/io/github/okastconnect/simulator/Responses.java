package io.github.okastconnect.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Small helpers around HttpExchange's easy-to-misuse length argument (0 means chunked, -1 means none). */
final class Responses {

    /** Deflater output per write: the JDK's 512-byte default would make 4 KB chunks out of eight writes each. */
    private static final int GZIP_BUFFER = 16 * 1024;

    private static final byte[] UNAUTHORIZED_PAGE =
            "<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>\n"
                    .getBytes(StandardCharsets.UTF_8);

    private Responses() {}

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        send(exchange, status, contentType, body, body.length, null);
    }

    /** Sends the first {@code length} bytes of {@code body}, slowly if {@code trickle} is set. */
    static void send(
            HttpExchange exchange, int status, String contentType, byte[] body, int length, Fault.Trickle trickle)
            throws IOException {
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

    /**
     * Sends {@code body} gzip-compressed as it is written. Chunked, because the compressed length is known
     * only at the end; a trickle slows the compressed bytes, which are what travel.
     */
    static void sendGzip(HttpExchange exchange, int status, String contentType, byte[] body, Fault.Trickle trickle)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        if (isHead(exchange)) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out =
                new GZIPOutputStream(ThrottledOutputStream.wrap(exchange.getResponseBody(), trickle), GZIP_BUFFER)) {
            out.write(body);
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
        send(exchange, 401, "text/html; charset=UTF-8", UNAUTHORIZED_PAGE);
    }

    /**
     * The 401 of an instance requiring a bearer token (RFC 6750 section 3): no error code when no token was
     * sent, {@code invalid_token} with a description when the token is unknown, expired or revoked.
     */
    static void refused(HttpExchange exchange, Access access) throws IOException {
        if (access == Access.BASIC_REFUSED) {
            unauthorized(exchange);
            return;
        }
        String description = switch (access) {
            case TOKEN_UNKNOWN -> "The access token is unknown";
            case TOKEN_EXPIRED -> "The access token expired";
            case TOKEN_REVOKED -> "The access token was revoked";
            default -> null;
        };
        String challenge = "Bearer realm=\"Okast Channels\"";
        if (description != null) {
            challenge += ", error=\"invalid_token\", error_description=\"" + description + "\"";
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
        send(exchange, 401, "text/html; charset=UTF-8", UNAUTHORIZED_PAGE);
    }

    static boolean isHead(HttpExchange exchange) {
        return "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    }
}
