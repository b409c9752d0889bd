package io.github.okastconnect.http;

import java.net.http.HttpHeaders;

/**
 * A response's cache validators (RFC 9110 §8.8), sent back on the next poll as If-None-Match / If-Modified-Since.
 * A server that supports them answers 304 Not Modified to an unchanged queue, so neither the body's transfer nor
 * its parsing is paid; a server that ignores them (as a plain PHP script does) answers 200 as usual.
 */
public record Validators(String etag, String lastModified) {
    public static final Validators NONE = new Validators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }

    static Validators of(HttpHeaders headers) {
        return new Validators(
                headers.firstValue("ETag").orElse(null),
                headers.firstValue("Last-Modified").orElse(null));
    }
}
