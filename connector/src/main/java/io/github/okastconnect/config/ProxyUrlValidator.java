package io.github.okastconnect.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * An HTTP proxy's URL, {@code http://host:port}; empty means no proxy. When {@code noneAllowed} (an instance's
 * override), the word {@value #NONE} means "connect directly even though a connector-wide proxy is set".
 */
final class ProxyUrlValidator implements ConfigDef.Validator {
    static final String NONE = "none";

    private final boolean noneAllowed;

    ProxyUrlValidator(boolean noneAllowed) {
        this.noneAllowed = noneAllowed;
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return;
        }
        String text = value.toString().trim();
        if (noneAllowed && text.equalsIgnoreCase(NONE)) {
            return;
        }
        parse(name, text);
    }

    /** Host and port of a valid proxy URL; the port defaults to 80. */
    static URI parse(String name, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(
                    name, "[not shown]", "not a valid proxy URL (" + e.getReason() + "); expected http://host:port");
        }
        if (uri.getRawUserInfo() != null) {
            // Not echoed: the user info may hold the proxy's password.
            throw new ConfigException(
                    name,
                    "[not shown]",
                    "credentials in the proxy URL are not accepted: set "
                            + "them in the proxy's username and password keys, which Connect masks");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            throw new ConfigException(
                    name,
                    text,
                    "TLS to the proxy itself is not supported; use the proxy's "
                            + "http:// address (https instances are still reached through an end-to-end TLS tunnel)");
        }
        if (!scheme.equals("http")) {
            throw new ConfigException(name, text, "expected http://host:port" + (noneHint(name) ? " or 'none'" : ""));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConfigException(name, text, "the proxy URL has no host");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ConfigException(name, text, "a proxy URL is only http://host:port, without a path or query");
        }
        return uri;
    }

    private static boolean noneHint(String name) {
        return name.startsWith(OkastSourceConfig.INSTANCE_PREFIX);
    }

    @Override
    public String toString() {
        return noneAllowed
                ? "empty (the connector's proxy), 'none' (direct), or http://host:port"
                : "empty (no proxy) or http://host:port";
    }
}
