package io.github.okastconnect.http;

import io.github.okastconnect.http.OAuth2Settings.ClientAuthentication;
import io.github.okastconnect.http.TokenResult.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.config.types.Password;

/**
 * Access tokens from an OAuth 2.0 token endpoint by the client-credentials grant (RFC 6749 §4.4), cached while
 * valid. Never throws for network or HTTP problems: every outcome is a {@link TokenResult}.
 *
 * <p><b>Caching.</b> A token is handed out until shortly before it expires: the margin is a tenth of its lifetime,
 * at most {@link Timing#maxRefreshMargin()}, so a request never leaves with a token in its last moments. The
 * lifetime is counted from when the token request was sent, which errs on the early side. An answer without
 * {@code expires_in} is assumed to live {@link Timing#defaultLifetime()} (RFC 6749 leaves the lifetime to the
 * server's documentation then); should it expire sooner, the caller's 401 and {@link #refreshAfterRejection} cover
 * it. A lifetime above {@value #MAX_LIFETIME_HOURS} hours is cut to that, so that a changed secret or scope takes
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
    static final int MAX_LIFETIME_HOURS = 24;
    /** A token answer is a few hundred bytes, an error answer a few lines: anything larger is not one. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final Duration MAX_LIFETIME = Duration.ofHours(MAX_LIFETIME_HOURS);
    /** A Retry-After beyond this is taken as this, as in {@link Backoff}. */
    private static final Duration RETRY_AFTER_CEILING = Duration.ofHours(1);

    private static final String KEYS = "okast.instance.<id>.auth.oauth2.";

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

    /** The outcome of one exchange, before a failure is given its backoff window. */
    private sealed interface Attempt {
        /** Updates the source's state (the caller holds its lock) and returns what the callers get. */
        TokenResult settle(OAuth2TokenSource source);
    }

    private record Issued(TokenResult.Token token, Instant refreshAt) implements Attempt {
        @Override
        public TokenResult settle(OAuth2TokenSource source) {
            source.cached = this;
            source.lastFailure = null;
            source.consecutiveFailures = 0;
            return token;
        }
    }

    private record Problem(FailureKind kind, String message, Optional<Duration> retryAfter) implements Attempt {
        Problem(FailureKind kind, String message) {
            this(kind, message, Optional.empty());
        }

        @Override
        public TokenResult settle(OAuth2TokenSource source) {
            source.cached = null;
            source.consecutiveFailures = Math.min(source.consecutiveFailures + 1, 31);
            Instant notBefore = source.clock.instant().plus(source.backoff(source.consecutiveFailures, retryAfter));
            source.lastFailure = new TokenResult.Failure(kind, source.redact(message), retryAfter, notBefore);
            return source.lastFailure;
        }
    }

    /** Thrown when the whole answer did not arrive within the read timeout. */
    private static final class AnswerDeadlineException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Thrown when the answer exceeds {@link #MAX_ANSWER_BYTES}. */
    private static final class AnswerTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private final OAuth2Settings settings;
    private final ConnectionOpener opener;
    private final Clock clock;
    private final Timing timing;
    /** Scheme, host, port and path of the endpoint, for messages: never the query, which may carry anything. */
    private final String endpoint;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}, as are the fields below. */
    private Issued cached;

    private TokenResult.Failure lastFailure;
    private int consecutiveFailures;
    private CompletableFuture<TokenResult> inFlight;

    public OAuth2TokenSource(OAuth2Settings settings, ConnectionOpener opener, Clock clock) {
        this(settings, opener, clock, Timing.DEFAULTS);
    }

    public OAuth2TokenSource(OAuth2Settings settings, ConnectionOpener opener, Clock clock, Timing timing) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
        URI uri = settings.tokenUri();
        this.endpoint = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + Objects.requireNonNullElse(uri.getRawPath(), "");
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
            result = record(exchange());
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
    private TokenResult record(Attempt attempt) {
        synchronized (lock) {
            inFlight = null;
            return attempt.settle(this);
        }
    }

    private Duration backoff(int failures, Optional<Duration> retryAfter) {
        long initial = timing.initialBackoff().toMillis();
        long max = timing.maxBackoff().toMillis();
        long millis = initial > (max >> (failures - 1)) ? max : Math.min(max, initial << (failures - 1));
        Duration window = Duration.ofMillis(millis);
        if (retryAfter.isPresent()) {
            Duration floor =
                    retryAfter.get().compareTo(RETRY_AFTER_CEILING) > 0 ? RETRY_AFTER_CEILING : retryAfter.get();
            return floor.compareTo(window) > 0 ? floor : window;
        }
        return window;
    }

    /** Guards against an endpoint that echoes the secret in its {@code error_description} or an I/O message. */
    private String redact(String message) {
        String secret = settings.clientSecret().value();
        return secret.isEmpty() ? message : message.replace(secret, "[hidden]");
    }

    private Attempt exchange() {
        Instant sentAt = clock.instant();
        long deadlineNanos = System.nanoTime()
                + settings.connectTimeout().toNanos()
                + settings.readTimeout().toNanos();
        HttpURLConnection connection = null;
        try {
            connection = opener.open(settings.tokenUri());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(millis(settings.connectTimeout()));
            connection.setReadTimeout(millis(settings.readTimeout()));
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            connection.setRequestProperty("Accept", "application/json");
            if (settings.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_BASIC) {
                connection.setRequestProperty(
                        "Authorization", basicAuthorization().value());
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(formBody().value().getBytes(StandardCharsets.UTF_8));
            }
            int code = connection.getResponseCode();
            if (code == 200) {
                return issued(readAnswer(connection.getInputStream(), deadlineNanos), sentAt);
            }
            if (code == 400 || code == 401) {
                return rejected(code, TokenAnswer.parseError(readAnswer(connection.getErrorStream(), deadlineNanos)));
            }
            Optional<Duration> retryAfter = Optional.ofNullable(connection.getHeaderField("Retry-After"))
                    .flatMap(value -> RetryAfter.parse(value, clock));
            connection.disconnect(); // a body we do not read; token requests are too rare to keep the connection
            return otherStatus(code, retryAfter);
        } catch (AnswerTooLargeException e) {
            connection.disconnect();
            return new Problem(
                    FailureKind.MALFORMED,
                    "the answer of the token endpoint " + endpoint + " is larger than " + MAX_ANSWER_BYTES + " bytes");
        } catch (IOException | RuntimeException e) {
            if (connection != null) {
                connection.disconnect();
            }
            return unreachable(e);
        }
    }

    private Attempt issued(byte[] body, Instant sentAt) {
        TokenAnswer.Issued answer;
        try {
            answer = TokenAnswer.parseIssued(body);
        } catch (TokenAnswer.MalformedException e) {
            return new Problem(
                    FailureKind.MALFORMED,
                    "unusable answer from the token endpoint " + endpoint + ": " + e.getMessage());
        }
        Duration lifetime = answer.expiresIn().orElse(timing.defaultLifetime());
        if (lifetime.compareTo(MAX_LIFETIME) > 0) {
            lifetime = MAX_LIFETIME;
        }
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(timing.maxRefreshMargin()) > 0) {
            margin = timing.maxRefreshMargin();
        }
        Instant expiresAt = sentAt.plus(lifetime);
        return new Issued(
                new TokenResult.Token(new Password(answer.accessToken()), expiresAt), expiresAt.minus(margin));
    }

    private Attempt rejected(int code, TokenAnswer.Error error) {
        String errorCode = error.error().orElse("");
        String prefix = "the token endpoint " + endpoint + " answered HTTP " + code + error.describe() + "; ";
        return switch (errorCode) {
            case "unauthorized_client" ->
                new Problem(
                        FailureKind.CLIENT_REJECTED,
                        prefix + "client "
                                + quotedClientId()
                                + " may not use the client_credentials grant: allow it at the identity"
                                + " provider, or check " + KEYS + "client.id");
            case "invalid_scope" -> new Problem(FailureKind.REQUEST_REJECTED, prefix + "check " + KEYS + "scope");
            case "invalid_client" -> clientRejected(prefix);
            default ->
                code == 401
                        ? clientRejected(prefix)
                        : new Problem(
                                FailureKind.REQUEST_REJECTED,
                                prefix + "check " + KEYS + "scope and " + KEYS
                                        + "audience, and that the endpoint is a token endpoint (" + KEYS
                                        + "token.url)");
        };
    }

    private Problem clientRejected(String prefix) {
        return new Problem(
                FailureKind.CLIENT_REJECTED,
                prefix + "client " + quotedClientId() + " rejected; check " + KEYS + "client.id / client.secret (and "
                        + KEYS + "client.auth.method)");
    }

    private String quotedClientId() {
        return "'" + TokenAnswer.clean(settings.clientId(), 100) + "'";
    }

    private Attempt otherStatus(int code, Optional<Duration> retryAfter) {
        if (code >= 300 && code < 400) {
            return new Problem(
                    FailureKind.HTTP_STATUS,
                    "the token endpoint " + endpoint + " answered HTTP " + code
                            + " (a redirect): not followed, since the request carries the client secret; set " + KEYS
                            + "token.url to the final location");
        }
        String meaning = code == 429 ? " (rate limited)" : code >= 500 ? " (server error)" : "";
        return new Problem(
                FailureKind.HTTP_STATUS,
                "the token endpoint " + endpoint + " answered HTTP " + code + meaning,
                retryAfter);
    }

    private Problem unreachable(Exception e) {
        String what;
        if (e instanceof AnswerDeadlineException) {
            what = "no complete answer within the read timeout";
        } else if (e instanceof SocketTimeoutException
                && String.valueOf(e.getMessage()).contains("connect")) {
            what = "connect timed out";
        } else if (e instanceof SocketTimeoutException) {
            what = "read timed out";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            what = "connection refused or unreachable";
        } else if (e instanceof UnknownHostException) {
            what = "unknown host";
        } else if (e instanceof SSLException) {
            what = "TLS failure: " + e.getMessage() + " (is the server certificate trusted, and does its name match"
                    + " the URL?)";
        } else {
            what = (e instanceof IOException ? "I/O error: " : "unexpected error: ")
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + TokenAnswer.clean(e.getMessage(), 200) + ")");
        }
        return new Problem(FailureKind.UNREACHABLE, "token endpoint " + endpoint + ": " + what);
    }

    /** Reads the whole answer, up to {@link #MAX_ANSWER_BYTES}, checking the deadline between reads. */
    private static byte[] readAnswer(InputStream stream, long deadlineNanos) throws IOException {
        if (stream == null) {
            return new byte[0];
        }
        try (InputStream in = stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (out.size() + read > MAX_ANSWER_BYTES) {
                    throw new AnswerTooLargeException();
                }
                out.write(buffer, 0, read);
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new AnswerDeadlineException();
                }
            }
            return out.toByteArray();
        }
    }

    /** RFC 6749 §2.3.1: id and secret are form-encoded, then joined by a colon and base64-encoded. */
    private Password basicAuthorization() {
        String pair =
                form(settings.clientId()) + ":" + form(settings.clientSecret().value());
        return new Password("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** The request body; a secret when it carries the client secret. */
    private Password formBody() {
        StringBuilder body = new StringBuilder("grant_type=client_credentials");
        settings.scope().ifPresent(scope -> body.append("&scope=").append(form(scope)));
        settings.audience().ifPresent(audience -> body.append("&audience=").append(form(audience)));
        if (settings.clientAuthentication() == ClientAuthentication.CLIENT_SECRET_POST) {
            body.append("&client_id=")
                    .append(form(settings.clientId()))
                    .append("&client_secret=")
                    .append(form(settings.clientSecret().value()));
        }
        return new Password(body.toString());
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
