package io.github.okastconnect.config;

import java.net.URI;
import java.util.Objects;

/**
 * One Okast Channels instance to poll.
 *
 * @param id         the stable, user-chosen id used in record keys and source partitions
 * @param statusUri  the full URL of {@code _getIngestStatus.php}
 * @param credentials how to authenticate
 */
public record InstanceConfig(String id, URI statusUri, Credentials credentials) {
    public InstanceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(statusUri, "statusUri");
        Objects.requireNonNull(credentials, "credentials");
    }
}
