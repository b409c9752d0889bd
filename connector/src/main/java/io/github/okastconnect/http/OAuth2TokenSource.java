package io.github.okastconnect.http;

import io.github.okastconnect.http.TokenResult.FailureKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Access tokens from an OAuth 2.0 token endpoint by the client-credentials grant (RFC 6749 §4.4), cached while
 * valid. Never throws for network or HTTP problems: every outcome is a {@link TokenResult}.
 *
 * <p><b>Caching.</b> A token is handed out until shortly before it expires: the margin is a tenth of its lifetime,
 * at most {@link Timing#maxRefreshMargin()}, so a request never leaves with a token in its last moments. The
 * lifetime is counted from when the token request was sent, which errs on the early side. An answer without
 * {@code expires_in} is assumed to live {@link Timing#defaultLifetime()} (RFC 6749 leaves the lifetime to the
 * server's documentation then); should it expire sooner, the caller's 401 and {@link #refreshAfterRejection} cover
 * it. A lifetime above {@value TokenRequest#MAX_LIFETIME_HOURS} hours is cut to that, so that a changed secret or scope takes
 * effect within a day.
 *
 * <p><b>Concurrency.</b> The HTTP threads of many instances may ask at once. While a token request runs, other
 * callers wait for its result instead of sending their own: one request per expiry, however many callers.
 * {@link #invalidate} drops the cached token only if it is still the one the caller was refused with, so that many
 * requests refused with the same stale token cause one refresh, not one each.
 *
 * <p><b>Failures.</b> After a failure, calls within a backoff window ({@link Timing#initialBackoff()} doubling per
 * consecutive failure up to {@link Timing#maxBackoff()}, at least the endpoint's Retry-After) get the same failure
 * without a request, so that instances sharing a failing endpoint do not hammer it; each caller still applies its
 * own backoff on top. Failure messages never contain the client secret, a token or the response body: at most the
 * endpoint's {@code error} and {@code error_description} fields, cleaned and shortened.
 *
 * <p><b>Transport.</b> Connections come only from the given {@link ConnectionOpener}, so the task's proxy route and
 * TLS settings apply. Redirects are not followed: the request carries the client secret, which must reach only the
 * configured endpoint. One exchange takes at most the connect timeout plus twice the read timeout: the read timeout
 * bounds each read, and the whole answer is checked against it between reads.
 */
public final class OAuth2TokenSource {

    /**
     * How long tokens are kept and how long failures are remembered.
     *
     * @param defaultLifetime  assumed lifetime of a token whose answer has no {@code expires_in}
     * @param maxRefreshMargin most time before expiry at which a token stops being handed out (the margin is a
     *                         tenth of the lifetime, up to this)
     * @param initialBackoff   how long the first failure is returned without a new request; doubles per
     *                         consecutive failure
     * @param maxBackoff       the longest such window, Retry-After aside
     */
    public record Timing(
            Duration defaultLifetime, Duration maxRefreshMargin, Duration initialBackoff, Duration maxBackoff) {
        public static final Timing DEFAULTS = new Timing(
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60));

        public Timing {
            for (Duration d : new Duration[] {defaultLifetime, maxRefreshMargin, initialBackoff, maxBackoff}) {
                if (Objects.requireNonNull(d).isNegative()) {
                    throw new IllegalArgumentException("durations must not be negative");
                }
            }
        }
    }

    private final OAuth2Settings settings;
    private final TokenRequest request;
    private final Clock clock;
    private final Timing timing;
    private final Backoff backoff;
    /** Scheme, host, port and path of the endpoint, for messages: never the query, which may carry anything. */
    private final String endpoint;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as are the fields below. */
    private TokenRequest.Issued cached;

    private TokenResult.Failure lastFailure;
    private int consecutiveFailures;
    private CompletableFuture<TokenResult> inFlight;

    public OAuth2TokenSource(OAuth2Settings settings, ConnectionOpener opener, Clock clock) {
        this(settings, opener, clock, Timing.DEFAULTS);
    }

    public OAuth2TokenSource(OAuth2Settings settings, ConnectionOpener opener, Clock clock, Timing timing) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.request = new TokenRequest(settings, opener, clock, timing);
        // No jitter: the window only spares the endpoint, and each caller applies its own jittered backoff on top.
        this.backoff = new Backoff(timing.initialBackoff(), timing.maxBackoff(), 0);
        this.endpoint = request.endpoint();
    }

    /**
     * The cached token while it is not near its expiry; otherwise the result of a new token request, or of the one
     * already running; or, within the backoff window after a failure, that failure. Blocks while a request runs.
     */
    public TokenResult token() {
        CompletableFuture<TokenResult> running;
        CompletableFuture<TokenResult> mine = null;
        synchronized (lock) {
            Instant now = clock.instant();
            if (cached != null && now.isBefore(cached.refreshAt())) {
                return cached.token();
            }
            if (lastFailure != null && now.isBefore(lastFailure.notBefore())) {
                return lastFailure;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = inFlight;
            }
            running = inFlight;
        }
        return mine != null ? fetchAndPublish(mine) : await(running);
    }

    /**
     * Drops the cached token if it is {@code rejected}, the token a request was just refused with, so that the next
     * {@link #token()} asks for a new one. A token already replaced (by another caller refused with the same one)
     * stays: the new one has not been refused.
     */
    public void invalidate(TokenResult.Token rejected) {
        Objects.requireNonNull(rejected, "rejected");
        synchronized (lock) {
            if (cached != null
                    && cached.token().value().value().equals(rejected.value().value())) {
                cached = null;
            }
        }
    }

    /** {@link #invalidate} then {@link #token()}: what to do once when a request with {@code rejected} got a 401. */
    public TokenResult refreshAfterRejection(TokenResult.Token rejected) {
        invalidate(rejected);
        return token();
    }

    private TokenResult fetchAndPublish(CompletableFuture<TokenResult> mine) {
        TokenResult result = null;
        try {
            result = record(request.send());
            return result;
        } finally {
            if (result == null) { // an Error escaped: waiters still get an answer, and the next call tries again
                result = new TokenResult.Failure(
                        FailureKind.UNREACHABLE,
                        "token request to " + endpoint + " failed unexpectedly",
                        Optional.empty(),
                        clock.instant());
                synchronized (lock) {
                    inFlight = null;
                }
            }
            mine.complete(result);
        }
    }

    private TokenResult await(CompletableFuture<TokenResult> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TokenResult.Failure(
                    FailureKind.INTERRUPTED,
                    "interrupted while waiting for the token" + " request to " + endpoint,
                    Optional.empty(),
                    clock.instant());
        } catch (ExecutionException e) {
            return new TokenResult.Failure(
                    FailureKind.UNREACHABLE,
                    "token request to " + endpoint + " failed unexpectedly",
                    Optional.empty(),
                    clock.instant());
        }
    }

    /** Caches a token, or gives a failure its backoff window; ends the request in flight. */
    private TokenResult record(TokenRequest.Attempt attempt) {
        synchronized (lock) {
            inFlight = null;
            if (attempt instanceof TokenRequest.Issued issued) {
                cached = issued;
                lastFailure = null;
                consecutiveFailures = 0;
                return issued.token();
            }
            TokenRequest.Problem problem = (TokenRequest.Problem) attempt; // the other permitted Attempt
            cached = null;
            consecutiveFailures = Math.min(consecutiveFailures + 1, 31);
            Instant notBefore = clock.instant().plus(backoff.delay(consecutiveFailures, problem.retryAfter()));
            lastFailure =
                    new TokenResult.Failure(problem.kind(), redact(problem.message()), problem.retryAfter(), notBefore);
            return lastFailure;
        }
    }

    /** Guards against an endpoint that echoes the secret in its {@code error_description} or an I/O message. */
    private String redact(String message) {
        String secret = settings.clientSecret().value();
        return secret.isEmpty() ? message : message.replace(secret, "[hidden]");
    }
}
