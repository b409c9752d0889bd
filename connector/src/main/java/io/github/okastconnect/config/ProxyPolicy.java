package io.github.okastconnect.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which proxy, if any, a request to a given host goes through. The connector never consults the JVM's proxy
 * properties or {@link java.net.ProxySelector}: a request goes through a proxy only when {@code http.proxy.url} (or an
 * instance's {@code proxy.url}) says so, so the route never depends on how the worker was started.
 *
 * @param proxy  the proxy, or empty for direct connections
 * @param bypass hosts reached directly even though a proxy is set: exact names or IP literals, and domain suffixes
 *               written {@code .example.com} or {@code *.example.com} (which match sub-domains only)
 */
public record ProxyPolicy(Optional<ProxyEndpoint> proxy, List<String> bypass) {
    public static final ProxyPolicy DIRECT = new ProxyPolicy(Optional.empty(), List.of());

    public ProxyPolicy {
        bypass = bypass.stream()
                .map(b -> b.trim().toLowerCase(Locale.ROOT))
                .filter(b -> !b.isEmpty())
                .toList();
    }

    /** The proxy for a request to {@code host}, or empty to connect directly. */
    public Optional<ProxyEndpoint> forHost(String host) {
        if (proxy.isEmpty() || host == null) {
            return proxy;
        }
        String name = stripBrackets(host.toLowerCase(Locale.ROOT));
        for (String pattern : bypass) {
            if (matches(pattern, name)) {
                return Optional.empty();
            }
        }
        return proxy;
    }

    static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            return host.endsWith(pattern.substring(1));
        }
        if (pattern.startsWith(".")) {
            return host.endsWith(pattern);
        }
        return host.equals(stripBrackets(pattern));
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
