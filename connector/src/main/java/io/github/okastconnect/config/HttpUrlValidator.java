package io.github.okastconnect.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Only absolute http(s) URLs with a host: anything else (file:, ftp:, a typo) is refused before a task starts. */
final class HttpUrlValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(name, value, "a URL is required, e.g. https://my-instance.example.com");
        }
        URI uri;
        try {
            uri = new URI(value.toString().trim());
        } catch (URISyntaxException e) {
            // The value itself is echoed by ConfigException; the URL must not carry credentials (checked below).
            throw new ConfigException(name, redact(value), "not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(name, redact(value), "only http:// and https:// URLs are accepted");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConfigException(name, redact(value), "the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigException(
                    name,
                    redact(value),
                    "credentials in the URL are not accepted: set "
                            + "okast.instance.<id>.auth.type=basic with auth.username and auth.password instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(name, redact(value), "the URL must not have a query or a fragment");
        }
    }

    /** A URL with user info would print a password in the error; print only its scheme and host part. */
    private static Object redact(Object value) {
        String text = value.toString();
        int at = text.indexOf('@');
        int scheme = text.indexOf("://");
        if (at >= 0 && scheme >= 0 && at > scheme) {
            return text.substring(0, scheme + 3) + "[redacted]@" + text.substring(at + 1);
        }
        return text;
    }

    @Override
    public String toString() {
        return "absolute http:// or https:// URL without credentials, query or fragment";
    }
}
