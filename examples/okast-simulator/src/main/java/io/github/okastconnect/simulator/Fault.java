package io.github.okastconnect.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Something going wrong on the status endpoint. Several faults may be active together: all
 * {@link Latency} delays add up and happen before anything is sent, a {@link Trickle} slows down
 * whatever body is sent, and the first of the remaining ("answer") faults replaces the normal
 * answer. Faults apply after the basic-auth check and only to _getIngestStatus.php.
 */
public sealed interface Fault {

    /** Answer {@code status} with an optional Retry-After header and body, e.g. 503 or 429. */
    record HttpStatus(int status, String retryAfter, String body, String contentType) implements Fault {
        public HttpStatus {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status " + status);
            }
            Objects.requireNonNull(contentType, "contentType");
        }
    }

    /** Wait this long before sending the headers (then answer normally, or with another fault). */
    record Latency(Duration delay) implements Fault {
        public Latency {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative latency");
            }
        }
    }

    /** Send the body at this many bytes per second (Content-Length is still correct). */
    record Trickle(int bytesPerSecond) implements Fault {
        public Trickle {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("bytesPerSecond must be positive");
            }
        }
    }

    /** 200 with an HTML page, as a login page or a proxy error page would be. */
    record HtmlPage(String html, String contentType) implements Fault {}

    /** 200 with the normal body cut after {@code keepFraction} of its bytes (Content-Length matches the cut). */
    record TruncatedJson(double keepFraction) implements Fault {
        public TruncatedJson {
            if (keepFraction < 0 || keepFraction >= 1) {
                throw new IllegalArgumentException("keepFraction outside [0,1)");
            }
        }
    }

    /** 200 with no body at all. */
    record EmptyBody() implements Fault {}

    /** 200 with a JSON object where the array should be. */
    record JsonObject(String json) implements Fault {}

    /** 200 with PHP's HTML warning printed before the normal JSON, as with display_errors=On. */
    record PhpWarning(String warning) implements Fault {}

    /** 200 with a body holding a Latin-1 byte (0xE9) inside a string: not valid UTF-8. */
    record InvalidUtf8() implements Fault {}

    /** 200 with a syntactically valid JSON array of exactly {@code bytes} bytes, streamed. */
    record HugeBody(long bytes) implements Fault {
        public HugeBody {
            if (bytes < 2) {
                throw new IllegalArgumentException("a JSON array needs at least 2 bytes");
            }
        }
    }

    /**
     * 200 with {@code Content-Encoding: gzip}, whatever the request's Accept-Encoding said (a hostile or broken
     * server does not ask), and a body about a thousandth of {@code inflatedBytes} that inflates to exactly
     * {@code inflatedBytes} bytes: {@code [}, spaces, {@code ]} (a valid, empty JSON array) with
     * {@link Fill#SPACES}, or nothing but {@code [} (nesting that never closes) with {@link Fill#BRACKETS}.
     * Generated while sent, never held: 10 GB inflated is about 10 MB on the wire and one MiB of memory.
     */
    record GzipBomb(long inflatedBytes, Fill fill) implements Fault {
        /** What the body inflates to. */
        public enum Fill {
            SPACES,
            BRACKETS
        }

        public GzipBomb {
            if (inflatedBytes < 2) {
                throw new IllegalArgumentException("inflatedBytes must be at least 2");
            }
            Objects.requireNonNull(fill, "fill");
        }
    }

    /** A redirect (302 by default) to {@code location}. */
    record Redirect(int status, String location) implements Fault {
        public Redirect {
            Objects.requireNonNull(location, "location");
        }
    }

    /** Read the request, then close the connection without sending anything. */
    record CloseConnection() implements Fault {}

    /** Send headers announcing the normal body, half of the body, then close the connection. */
    record DisconnectMidBody() implements Fault {}

    static Fault status(int status) {
        return new HttpStatus(status, null, null, "text/plain; charset=UTF-8");
    }

    static Fault status(int status, String retryAfter, String body) {
        return new HttpStatus(status, retryAfter, body, "text/plain; charset=UTF-8");
    }

    static Fault latency(Duration delay) {
        return new Latency(delay);
    }

    static Fault trickle(int bytesPerSecond) {
        return new Trickle(bytesPerSecond);
    }

    static Fault htmlPage() {
        return new HtmlPage("""
                <!DOCTYPE html>
                <html lang="fr">
                <head><meta charset="utf-8"><title>Okast Channels - Connexion</title></head>
                <body><form method="post" action="/synthesia/login.php">
                <input name="login"><input name="password" type="password"><button>Connexion</button>
                </form></body>
                </html>
                """, "text/html; charset=UTF-8");
    }

    static Fault truncatedJson() {
        return new TruncatedJson(0.5);
    }

    static Fault emptyBody() {
        return new EmptyBody();
    }

    static Fault jsonObject() {
        return new JsonObject("{\"error\":\"Session expired\",\"code\":401}");
    }

    static Fault phpWarning() {
        return new PhpWarning("<br />\n<b>Warning</b>:  Undefined array key \"reschedule\" in "
                + "<b>/var/www/html/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php</b>"
                + " on line <b>27</b><br />\n");
    }

    static Fault invalidUtf8() {
        return new InvalidUtf8();
    }

    static Fault hugeBody(long bytes) {
        return new HugeBody(bytes);
    }

    /** {@link GzipBomb} of spaces in brackets: a valid JSON array of {@code inflatedBytes} bytes once inflated. */
    static Fault gzipBomb(long inflatedBytes) {
        return new GzipBomb(inflatedBytes, GzipBomb.Fill.SPACES);
    }

    static Fault redirect(String location) {
        return new Redirect(302, location);
    }

    static Fault closeConnection() {
        return new CloseConnection();
    }

    static Fault disconnectMidBody() {
        return new DisconnectMidBody();
    }
}
