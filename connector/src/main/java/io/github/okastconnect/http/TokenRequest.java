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
import javax.net.ssl.SSLException;
import org.apache.kafka.common.config.types.Password;

/**
 * One client-credentials token request (RFC 6749 §4.4) and what its answer means: a token with the moment to stop
 * handing it out, or a problem worded for the user with the key to check. Caching, single-flight and backoff are
 * {@link OAuth2TokenSource}'s. Redirects are not followed: the request carries the client secret, which must reach
 * only the configured endpoint.
 */
final class TokenRequest {
    static final int MAX_LIFETIME_HOURS = 24;
    /** A token answer is a few hundred bytes, an error answer a few lines: anything larger is not one. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final Duration MAX_LIFETIME = Duration.ofHours(MAX_LIFETIME_HOURS);
    private static final String KEYS = "okast.instance.<id>.auth.oauth2.";

    /** The outcome of one exchange, before a failure is given its backoff window. */
    sealed interface Attempt {}

    /** @param refreshAt when the token stops being handed out, a margin before it expires */
    record Issued(TokenResult.Token token, Instant refreshAt) implements Attempt {}

    record Problem(FailureKind kind, String message, Optional<Duration> retryAfter) implements Attempt {
        Problem(FailureKind kind, String message) {
            this(kind, message, Optional.empty());
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
    private final OAuth2TokenSource.Timing timing;
    /** Scheme, host, port and path of the endpoint, for messages: never the query, which may carry anything. */
    private final String endpoint;

    TokenRequest(OAuth2Settings settings, ConnectionOpener opener, Clock clock, OAuth2TokenSource.Timing timing) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
        URI uri = settings.tokenUri();
        this.endpoint = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + Objects.requireNonNullElse(uri.getRawPath(), "");
    }

    /** The endpoint as messages name it. */
    String endpoint() {
        return endpoint;
    }

    /**
     * Sends the request and reads the answer. Takes at most the connect timeout plus twice the read timeout: the
     * read timeout bounds each read, and the whole answer is checked against it between reads.
     */
    Attempt send() {
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
