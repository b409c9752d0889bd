package io.github.okastconnect.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/** HTTP basic credentials of one instance. */
public record BasicCredentials(String username, String password) {

    public BasicCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("basic auth usernames cannot contain ':'");
        }
    }

    /** Parses {@code user:pass} (the password may itself contain ':'). */
    public static BasicCredentials parse(String userColonPassword) {
        int colon = userColonPassword.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected user:password, got " + userColonPassword);
        }
        return new BasicCredentials(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    public String headerValue() {
        String token = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time, because it costs nothing and keeps the habit. */
    public boolean matches(String authorizationHeader) {
        if (authorizationHeader == null) {
            return false;
        }
        return MessageDigest.isEqual(
                headerValue().getBytes(StandardCharsets.UTF_8),
                authorizationHeader.trim().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + ", password=***]";
    }
}
