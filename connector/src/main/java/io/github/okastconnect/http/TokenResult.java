package io.github.okastconnect.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * The outcome of asking an {@link OAuth2TokenSource} for an access token. Neither variant can print a secret: the
 * token stays wrapped in a {@link Password}, and failure messages are built without the client secret, the token or
 * the response body.
 */
public sealed interface TokenResult {

    /**
     * An access token to send as {@code Authorization: Bearer <value>}.
     *
     * @param expiresAt when the token endpoint said the token expires, counted from when the request was sent; the
     *                  source stops handing it out a little earlier (see {@link OAuth2TokenSource})
     */
    record Token(Password value, Instant expiresAt) implements TokenResult {
        public Token {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** The {@code Authorization} header value, itself a secret. */
        public Password authorizationHeaderValue() {
            return new Password("Bearer " + value.value());
        }
    }

    /**
     * No token. Until {@code notBefore} the source answers with this same failure without asking the endpoint again.
     *
     * @param message    fit for a WARN line: names the cause and, for configuration problems, the keys to check
     * @param retryAfter the token endpoint's Retry-After, when it sent one
     * @param notBefore  the earliest instant at which the source will ask the token endpoint again
     */
    record Failure(FailureKind kind, String message, Optional<Duration> retryAfter, Instant notBefore)
            implements TokenResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /** Why no token came, so the caller can tell a configuration problem from an outage. */
    enum FailureKind {
        /** No answer: connection refused, unknown host, TLS failure, I/O error or timeout. */
        UNREACHABLE,
        /** HTTP 401, or 400 {@code invalid_client} / {@code unauthorized_client}: client id or secret is wrong. */
        CLIENT_REJECTED,
        /** Another HTTP 400 ({@code invalid_scope}, {@code invalid_request}, ...): scope or audience is wrong. */
        REQUEST_REJECTED,
        /** Any other status: 5xx, 429, 403, 404, or a redirect (never followed). */
        HTTP_STATUS,
        /** A 200 whose body is not a usable Bearer token response. */
        MALFORMED,
        /**
         * The calling thread was interrupted while waiting for another caller's token request. Says nothing about
         * the endpoint and starts no backoff.
         */
        INTERRUPTED
    }
}
