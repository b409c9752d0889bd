package io.github.okastconnect.config;

import java.util.Locale;

/** How the connector authenticates to one Okast instance. */
public enum AuthType {
    NONE,
    BASIC,
    BEARER,
    HEADER,
    OAUTH2;

    public static AuthType parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
