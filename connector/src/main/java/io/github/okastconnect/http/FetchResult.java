package io.github.okastconnect.http;

import java.time.Duration;
import java.util.Arrays;
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
     * A 200 response: its body, the body's fingerprint and its cache validators.
     *
     * <p>The body is handed over in the buffer it was received into, which may be longer than the body
     * ({@link #buffer()}, {@link #length()}): copying megabytes out of it on every poll cost more than processing the
     * few changes in them. {@link #release()} gives the buffer back for a later fetch; after it the buffer must not
     * be read. A Success never released is simply garbage collected.
     */
    final class Success implements FetchResult {
        private final byte[] buffer;
        private final int length;
        private final long receivedAtMs;
        private final long durationNanos;
        private final CacheValidators validators;
        private final BodyFingerprint fingerprint;
        private final long discardedBytes;
        private ReceiveBuffers owner;

        Success(
                byte[] buffer,
                int length,
                long receivedAtMs,
                long durationNanos,
                CacheValidators validators,
                BodyFingerprint fingerprint,
                long discardedBytes,
                ReceiveBuffers owner) {
            if (length < 0 || length > buffer.length) {
                throw new IllegalArgumentException("length " + length + " outside a buffer of " + buffer.length);
            }
            this.buffer = buffer;
            this.length = length;
            this.receivedAtMs = receivedAtMs;
            this.durationNanos = durationNanos;
            this.validators = validators;
            this.fingerprint = fingerprint;
            this.discardedBytes = discardedBytes;
            this.owner = owner;
        }

        /** A body held in an array of its own, which nothing reuses. */
        public Success(
                byte[] body,
                long receivedAtMs,
                long durationNanos,
                CacheValidators validators,
                BodyFingerprint fingerprint) {
            this(body, body.length, receivedAtMs, durationNanos, validators, fingerprint, 0, null);
        }

        public Success(byte[] body, long receivedAtMs, long durationNanos, CacheValidators validators) {
            this(body, receivedAtMs, durationNanos, validators, BodyFingerprint.of(body));
        }

        public Success(byte[] body, long receivedAtMs, long durationNanos) {
            this(body, receivedAtMs, durationNanos, CacheValidators.NONE);
        }

        /** The same answer, after {@code discardedBytes} of an earlier one were read and dropped. */
        Success withDiscarded(long discardedBytes) {
            Success moved = new Success(
                    buffer, length, receivedAtMs, durationNanos, validators, fingerprint, discardedBytes, owner);
            owner = null; // the buffer is the new result's to release
            return moved;
        }

        /** The buffer holding the body in {@code [0, length())}; valid until {@link #release()}. */
        public byte[] buffer() {
            return buffer;
        }

        /** The body's length in bytes. */
        public int length() {
            return length;
        }

        /** The body in an array of exactly its length: the buffer itself when it fits exactly, else a copy. */
        public byte[] body() {
            return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        }

        public long receivedAtMs() {
            return receivedAtMs;
        }

        public long durationNanos() {
            return durationNanos;
        }

        public CacheValidators validators() {
            return validators;
        }

        /** The body's fingerprint; null when it was read without one ({@link BodyExpectation#CHANGED}). */
        public BodyFingerprint fingerprint() {
            return fingerprint;
        }

        @Override
        public long discardedBytes() {
            return discardedBytes;
        }

        /** Gives the buffer back for a later fetch (once; later calls do nothing). Not thread-safe. */
        public void release() {
            if (owner != null) {
                owner.give(buffer);
                owner = null;
            }
        }

        @Override
        public String toString() {
            return "Success[" + length + " bytes, received at " + receivedAtMs + ", " + fingerprint + "]";
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
