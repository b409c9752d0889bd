package io.github.okastconnect.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * The credentials of one instance. Secrets stay wrapped in {@link Password}, whose {@code toString()} is
 * {@code [hidden]}, so no record, log line or exception built from this type can print them.
 */
public sealed interface Credentials {

    /**
     * The fixed header to send, if any: name and value. The value is a secret. None without credentials, nor for
     * OAuth2, whose header carries a token fetched at run time.
     */
    default Optional<AuthHeader> header() {
        return Optional.empty();
    }

    /** Suffix of the per-instance key a user changes when these credentials are rejected. */
    String keySuffix();

    record AuthHeader(String name, Password value) {
        public AuthHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    record None() implements Credentials {
        @Override
        public String keySuffix() {
            return OkastSourceConfig.AUTH_TYPE_SUFFIX;
        }
    }

    record Basic(String username, Password password) implements Credentials {
        @Override
        public String keySuffix() {
            return OkastSourceConfig.AUTH_PASSWORD_SUFFIX;
        }

        @Override
        public Optional<AuthHeader> header() {
            String token = Base64.getEncoder()
                    .encodeToString((username + ":" + password.value()).getBytes(StandardCharsets.UTF_8));
            return Optional.of(new AuthHeader("Authorization", new Password("Basic " + token)));
        }
    }

    record Bearer(Password token) implements Credentials {
        @Override
        public String keySuffix() {
            return OkastSourceConfig.AUTH_TOKEN_SUFFIX;
        }

        @Override
        public Optional<AuthHeader> header() {
            return Optional.of(new AuthHeader("Authorization", new Password("Bearer " + token.value())));
        }
    }

    /**
     * OAuth2 client credentials (RFC 6749 §4.4): the header carries a token fetched from the token endpoint, so there
     * is no fixed header here.
     *
     * @param postClientSecret whether the client id and secret go in the form body (client_secret_post) rather than
     *                         in a Basic header (client_secret_basic)
     */
    record OAuth2(
            URI tokenUri,
            String clientId,
            Password clientSecret,
            Optional<String> scope,
            Optional<String> audience,
            boolean postClientSecret)
            implements Credentials {
        public OAuth2 {
            Objects.requireNonNull(tokenUri, "tokenUri");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }

        @Override
        public String keySuffix() {
            return OkastSourceConfig.AUTH_OAUTH2_CLIENT_SECRET_SUFFIX;
        }
    }

    record CustomHeader(String name, Password value) implements Credentials {
        @Override
        public String keySuffix() {
            return OkastSourceConfig.AUTH_HEADER_VALUE_SUFFIX;
        }

        @Override
        public Optional<AuthHeader> header() {
            return Optional.of(new AuthHeader(name, value));
        }
    }
}
