package io.github.okastconnect.http;

import io.github.okastconnect.config.ProxyEndpoint;
import io.github.okastconnect.config.ProxyPolicy;
import java.io.IOException;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens the connections of one instance: directly, through its proxy as a forward proxy (http://), or through a
 * CONNECT tunnel (https://), with the task's TLS settings. Never falls back on JVM-wide settings: the proxy selector,
 * the default SSL socket factory and the default {@link Authenticator} are all bypassed.
 */
final class Transport implements ConnectionOpener {
    /** Answers no challenge: credentials are sent as configured, never looked up JVM-wide. */
    private static final Authenticator NO_AUTHENTICATOR = new Authenticator() {};

    private final ProxyPolicy policy;
    private final SSLSocketFactory tls;
    private final HostnameVerifier hostnameVerifier;
    private final Map<ProxyEndpoint, TunnelSocketFactory> tunnels = new ConcurrentHashMap<>();

    Transport(ProxyPolicy policy, SSLSocketFactory tls, HostnameVerifier hostnameVerifier) {
        this.policy = policy;
        this.tls = tls;
        this.hostnameVerifier = hostnameVerifier;
    }

    /** The proxy a request to this URI goes through, if any. */
    Optional<ProxyEndpoint> proxyFor(URI uri) {
        return policy.forHost(uri.getHost());
    }

    static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public HttpURLConnection open(URI uri) throws IOException {
        Optional<ProxyEndpoint> proxy = proxyFor(uri);
        HttpURLConnection connection;
        if (proxy.isPresent() && !isHttps(uri)) {
            ProxyEndpoint p = proxy.get();
            connection = (HttpURLConnection) uri.toURL()
                    .openConnection(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.host(), p.port())));
            // Sent with every request (preemptively): a forward proxy sees the whole request anyway.
            p.authorization().ifPresent(value -> connection.setRequestProperty("Proxy-Authorization", value.value()));
        } else {
            connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        }
        connection.setAuthenticator(NO_AUTHENTICATOR);
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(
                    proxy.isPresent()
                            ? tunnels.computeIfAbsent(proxy.get(), p -> new TunnelSocketFactory(tls, p))
                            : tls);
            https.setHostnameVerifier(hostnameVerifier);
        }
        return connection;
    }
}
