package io.github.okastconnect.http;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Opens a connection to a URI by the route configured for its host (direct, or through a proxy) with the task's TLS
 * settings (trust, client certificate, host-name check) already applied. Callers set their own headers and
 * timeouts. Every request the connector makes, to an instance or to a token endpoint, goes through one of these,
 * so that no request ever falls back to the JVM's defaults.
 */
@FunctionalInterface
public interface ConnectionOpener {
    HttpURLConnection open(URI uri) throws IOException;
}
