package io.github.okastconnect.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * An HTTP proxy the connector sends requests through, with the keys it was configured by, so that every failure it
 * causes can name the key to fix.
 *
 * @param host        the proxy's host
 * @param port        the proxy's port
 * @param username    user name for Basic proxy authentication, or null for none
 * @param password    its password (a secret), or null
 * @param urlKey      the key that set this proxy ({@code http.proxy.url} or an instance's override)
 * @param usernameKey the key of its user name
 * @param passwordKey the key of its password
 */
public record ProxyEndpoint(
        String host,
        int port,
        String username,
        Password password,
        String urlKey,
        String usernameKey,
        String passwordKey) {
    public ProxyEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(urlKey, "urlKey");
        Objects.requireNonNull(usernameKey, "usernameKey");
        Objects.requireNonNull(passwordKey, "passwordKey");
    }

    /** The {@code Proxy-Authorization} value (a secret), when the proxy has credentials. */
    public Optional<Password> authorization() {
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        String secret = password == null || password.value() == null ? "" : password.value();
        String token = Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Password("Basic " + token));
    }

    /** {@code host:port} as written in a CONNECT line or a log: never the credentials. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "proxy " + address() + " (" + urlKey + ")";
    }
}
