package io.github.okastconnect.quickstart;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Okast Channels instance the connector polls.
 *
 * @param id       the connector's instance id (used in {@code okast.instance.<id>.*} keys and in events)
 * @param url      the instance's base URL, as the connector's {@code okast.instance.<id>.url} expects it
 * @param basicAuth user and password, when the instance needs basic auth
 */
public record InstanceEndpoint(String id, String url, Optional<Credentials> basicAuth) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public InstanceEndpoint {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("instance id must match " + ID + ": '" + id + "'");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("instance " + id + ": URL must start with http:// or https://: " + url);
        }
    }

    /** {@code toString} of a record would print the password. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return username + ":***";
        }
    }

    /**
     * Parses {@code id=URL[,user:pass]}. The first ',' ends the URL (percent-encode commas in URLs); the first ':'
     * after it ends the user name, so passwords may contain ':'.
     */
    public static InstanceEndpoint parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            // what follows the first ',' may be a password: never echoed
            String shown = spec.contains(",") ? spec.substring(0, spec.indexOf(',')) + ",***" : spec;
            throw new IllegalArgumentException("expected id=URL[,user:pass], got '" + shown + "'");
        }
        String id = spec.substring(0, eq).strip();
        String rest = spec.substring(eq + 1).strip();
        int comma = rest.indexOf(',');
        if (comma < 0) {
            return new InstanceEndpoint(id, rest, Optional.empty());
        }
        String userPass = rest.substring(comma + 1);
        int colon = userPass.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("instance " + id + ": credentials must be user:pass");
        }
        return new InstanceEndpoint(
                id,
                rest.substring(0, comma),
                Optional.of(new Credentials(userPass.substring(0, colon), userPass.substring(colon + 1))));
    }

    /** The connector properties that describe this instance. */
    public Map<String, String> connectorProperties() {
        String prefix = "okast.instance." + id + ".";
        Map<String, String> props = new LinkedHashMap<>();
        props.put(prefix + "url", url);
        props.put(prefix + "auth.type", basicAuth.isPresent() ? "basic" : "none");
        basicAuth.ifPresent(c -> {
            props.put(prefix + "auth.username", c.username());
            props.put(prefix + "auth.password", c.password());
        });
        return props;
    }

    @Override
    public String toString() {
        return id + "=" + url
                + basicAuth.map(c -> " (basic auth as " + c.username() + ")").orElse("");
    }
}
