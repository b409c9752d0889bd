package io.github.okastconnect.http;

/**
 * A response's cache validators (RFC 9110 §8.8), sent back on the next poll as If-None-Match / If-Modified-Since.
 * A server that supports them answers 304 Not Modified to an unchanged queue, so neither the body's transfer nor
 * its parsing is paid; a server that ignores them (as a plain PHP script does) answers 200 as usual.
 */
public record CacheValidators(String etag, String lastModified) {
    public static final CacheValidators NONE = new CacheValidators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
