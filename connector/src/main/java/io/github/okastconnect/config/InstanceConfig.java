package io.github.okastconnect.config;

import java.net.URI;
import java.util.Objects;

/**
 * One Okast Channels instance to poll.
 *
 * @param id          the stable, user-chosen id used in record keys and source partitions
 * @param statusUri   the full URL of {@code _getIngestStatus.php}
 * @param credentials how to authenticate
 * @param proxy       the route of its requests
 */
public record InstanceConfig(String id, URI statusUri, Credentials credentials, ProxyPolicy proxy) {
    public InstanceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(statusUri, "statusUri");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(proxy, "proxy");
    }

    /** An instance reached directly. */
    public InstanceConfig(String id, URI statusUri, Credentials credentials) {
        this(id, statusUri, credentials, ProxyPolicy.DIRECT);
    }
}
