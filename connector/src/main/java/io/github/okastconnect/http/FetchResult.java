package io.github.okastconnect.http;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one GET of an instance's status. */
public sealed interface FetchResult {

    /**
     * Bytes of an earlier response in the same fetch, read and dropped because the body had to be fetched again
     * (see {@link StatusClient}); 0 for a single GET.
     */
    default long discardedBytes() {
        return 0;
    }

    /**
     * A 200 response, its whole body, the body's fingerprint and its cache validators.
     *
     * @param discardedBytes see {@link FetchResult#discardedBytes()}
     */
    record Success(
            byte[] body,
            long receivedAtMs,
            long durationNanos,
            CacheValidators validators,
            BodyFingerprint fingerprint,
            long discardedBytes)
            implements FetchResult {

        public Success(
                byte[] body,
                long receivedAtMs,
                long durationNanos,
                CacheValidators validators,
                BodyFingerprint fingerprint) {
            this(body, receivedAtMs, durationNanos, validators, fingerprint, 0);
        }

        public Success(byte[] body, long receivedAtMs, long durationNanos, CacheValidators validators) {
            this(body, receivedAtMs, durationNanos, validators, BodyFingerprint.of(body));
        }

        public Success(byte[] body, long receivedAtMs, long durationNanos) {
            this(body, receivedAtMs, durationNanos, CacheValidators.NONE);
        }
    }

    /**
     * A 200 response whose body is byte-identical to the one last processed (same fingerprint): the body was read
     * but not kept, since it cannot hold a change.
     *
     * @param bodyBytes      the body's length
     * @param validators     the response's cache validators, which may differ from the last ones
     * @param discardedBytes see {@link FetchResult#discardedBytes()}
     */
    record SameBody(
            long bodyBytes, long receivedAtMs, long durationNanos, CacheValidators validators, long discardedBytes)
            implements FetchResult {

        public SameBody(long bodyBytes, long receivedAtMs, long durationNanos, CacheValidators validators) {
            this(bodyBytes, receivedAtMs, durationNanos, validators, 0);
        }
    }

    /** A 304 to a conditional request: the body last processed is still current. */
    record NotModified(long receivedAtMs, long durationNanos) implements FetchResult {}

    /**
     * No body to use. The message names the cause in words fit for a WARN line; it never contains credentials.
     *
     * @param retryAfter the server's Retry-After, when it sent one
     */
    record Failure(FailureCause cause, String message, Optional<Duration> retryAfter, long durationNanos)
            implements FetchResult {

        public Failure(FailureCause cause, String message, long durationNanos) {
            this(cause, message, Optional.empty(), durationNanos);
        }
    }
}
