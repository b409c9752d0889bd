package io.github.okastconnect.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * Where and how an {@link OAuth2TokenSource} asks for client-credentials tokens (RFC 6749 §4.4). The secret stays a
 * {@link Password}, so this record's {@code toString()} shows {@code [hidden]} for it.
 *
 * @param tokenUri       absolute http or https URI of the token endpoint, without user info (the client
 *                       authenticates with {@code clientId} and {@code clientSecret}, never with the URI)
 * @param scope          sent as {@code scope} when present and not blank (space-separated scopes)
 * @param audience       sent as {@code audience} when present and not blank (Auth0, Okta and others need it to pick
 *                       the API the token is for)
 * @param connectTimeout bound on opening the connection
 * @param readTimeout    bound on each read and on reading the whole answer (see {@link OAuth2TokenSource})
 */
public record OAuth2Settings(
        URI tokenUri,
        String clientId,
        Password clientSecret,
        Optional<String> scope,
        Optional<String> audience,
        ClientAuthentication clientAuthentication,
        Duration connectTimeout,
        Duration readTimeout) {

    /** How the client proves its identity to the token endpoint (RFC 6749 §2.3.1). */
    public enum ClientAuthentication {
        /**
         * {@code Authorization: Basic base64(urlencode(id) ":" urlencode(secret))}. The form-encoding first is what
         * the RFC requires, so that a {@code :} in the id or non-ASCII in the secret survives.
         */
        CLIENT_SECRET_BASIC,
        /** {@code client_id} and {@code client_secret} as form fields of the request body. */
        CLIENT_SECRET_POST
    }

    public OAuth2Settings {
        Objects.requireNonNull(tokenUri, "tokenUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        String scheme = tokenUri.getScheme();
        if (!tokenUri.isAbsolute()
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                || tokenUri.getHost() == null) {
            throw new IllegalArgumentException("token URI must be an absolute http or https URI with a host");
        }
        if (tokenUri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("token URI must not contain user info: the client authenticates with"
                    + " its client id and secret");
        }
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("client id must not be blank");
        }
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        scope = Objects.requireNonNull(scope, "scope").filter(s -> !s.isBlank());
        audience = Objects.requireNonNull(audience, "audience").filter(s -> !s.isBlank());
    }
}
