package io.github.okastconnect.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** The Content-Encoding of an answer, as far as the connector can read it. */
enum ContentCoding {
    IDENTITY,
    GZIP,
    UNSUPPORTED;

    /** Inflater input buffer: large enough that a 128 KiB read of decoded bytes needs few socket reads. */
    private static final int GZIP_BUFFER_BYTES = 64 * 1024;

    static ContentCoding of(String header) {
        if (header == null || header.isBlank()) {
            return IDENTITY;
        }
        return switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "identity" -> IDENTITY;
            case "gzip", "x-gzip" -> GZIP;
            default -> UNSUPPORTED;
        };
    }

    /** The decoded body, streamed: a compressed body is never held whole in its compressed form. */
    InputStream decode(InputStream body) throws IOException {
        return this == GZIP ? new GZIPInputStream(body, GZIP_BUFFER_BYTES) : body;
    }

    /** A header value fit for a log line: short, printable ASCII only. */
    static String printable(String header) {
        String text = header == null ? "" : header.replaceAll("[^\\x20-\\x7e]", "?");
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
