package io.github.okastconnect.http;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The JVM's own proxy settings, which this connector never applies (its requests go through a proxy only when its
 * configuration says so). A worker started with them set would otherwise leave a user guessing which way the
 * traffic goes, so a task says once that they are ignored.
 */
public final class JvmProxyProperties {
    static final List<String> NAMES =
            List.of("http.proxyHost", "https.proxyHost", "http.nonProxyHosts", "java.net.useSystemProxies");

    private JvmProxyProperties() {}

    /** A notice naming the JVM proxy properties that are set (names only), or empty when none is. */
    public static Optional<String> ignoredNotice(UnaryOperator<String> systemProperties) {
        List<String> set = NAMES.stream()
                .filter(name -> {
                    String value = systemProperties.apply(name);
                    return value != null
                            && !value.isBlank()
                            && !(name.equals("java.net.useSystemProxies")
                                    && value.trim().equalsIgnoreCase("false"));
                })
                .toList();
        if (set.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The worker JVM sets " + String.join(", ", set) + "; the Okast connector ignores the JVM's "
                + "proxy settings: its route is set by http.proxy.url, http.proxy.bypass.hosts and "
                + "okast.instance.<id>.proxy.url alone");
    }
}
