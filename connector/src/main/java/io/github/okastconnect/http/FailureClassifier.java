package io.github.okastconnect.http;

import io.github.okastconnect.config.ProxyEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong in an exchange (an exception, an HTTP status, a token that could not be had) into a
 * {@link FetchResult.Failure} whose cause and message tell the user which setting to look at. Messages never hold
 * credentials: they are built from fixed words, status codes and exception texts of the network stack.
 */
final class FailureClassifier {
    /** Alerts by which a server refuses the client's certificate (a received alert is the server's verdict). */
    private static final List<String> CERTIFICATE_ALERTS = List.of(
            "bad_certificate",
            "certificate_required",
            "unknown_ca",
            "access_denied",
            "certificate_unknown",
            "certificate_revoked",
            "certificate_expired",
            "unsupported_certificate");

    private final Clock clock;

    FailureClassifier(Clock clock) {
        this.clock = clock;
    }

    /** A non-2xx, non-redirect answer of the instance itself. */
    FetchResult.Failure status(int code, String retryAfterHeader, long start) {
        FailureCause cause = switch (code) {
            case 401 -> FailureCause.UNAUTHORIZED;
            case 403 -> FailureCause.FORBIDDEN;
            case 404 -> FailureCause.NOT_FOUND;
            case 429 -> FailureCause.RATE_LIMITED;
            default -> code >= 500 ? FailureCause.SERVER_ERROR : FailureCause.UNEXPECTED_STATUS;
        };
        Optional<Duration> retryAfter = Optional.ofNullable(retryAfterHeader).flatMap(v -> RetryAfter.parse(v, clock));
        String message = cause == FailureCause.UNEXPECTED_STATUS ? "unexpected HTTP " + code : cause.summary();
        return new FetchResult.Failure(cause, message, retryAfter, elapsed(start));
    }

    /** The instance is not polled until the token source would try its endpoint again. */
    FetchResult.Failure token(TokenResult.Failure failure, long start) {
        FailureCause cause = failure.kind() == TokenResult.FailureKind.CLIENT_REJECTED
                        || failure.kind() == TokenResult.FailureKind.REQUEST_REJECTED
                ? FailureCause.TOKEN_REJECTED
                : FailureCause.TOKEN_ENDPOINT;
        Duration untilRetry = Duration.between(clock.instant(), failure.notBefore());
        Optional<Duration> retryAfter = failure.retryAfter();
        if (!untilRetry.isNegative()
                && (retryAfter.isEmpty() || retryAfter.get().compareTo(untilRetry) < 0)) {
            retryAfter = Optional.of(untilRetry);
        }
        return new FetchResult.Failure(cause, "OAuth2 token: " + failure.message(), retryAfter, elapsed(start));
    }

    static FetchResult.Failure proxy(ProxyFailureException e, long start) {
        return new FetchResult.Failure(e.failureCause(), e.getMessage(), elapsed(start));
    }

    /**
     * @param deadlineExpired whether the response deadline closed the connection (the exception is then only the
     *                        reading thread's view of that)
     * @param proxy           the proxy the request went through, if any: a refused connection is then the proxy's
     */
    static FetchResult.Failure exception(
            Throwable e, long start, boolean deadlineExpired, Optional<ProxyEndpoint> proxy) {
        long elapsed = elapsed(start);
        if (e instanceof BodyReader.ResponseTooLargeException) {
            return new FetchResult.Failure(FailureCause.TOO_LARGE, e.getMessage(), elapsed);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProxyFailureException proxyFailure) {
                return proxy(proxyFailure, start);
            }
        }
        if (e instanceof ZipException) {
            return new FetchResult.Failure(
                    FailureCause.MALFORMED,
                    "malformed body: the gzip-compressed answer cannot be decoded (" + e.getMessage() + ")",
                    elapsed);
        }
        boolean unreachable = e instanceof ConnectException
                || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException;
        if (proxy.isPresent() && unreachable) {
            // A forward-proxied request connects to the proxy only.
            return proxy(ProxyFailureException.unreachable(proxy.get(), e), start);
        }
        if (deadlineExpired) {
            return new FetchResult.Failure(
                    FailureCause.TIMEOUT, "no complete response within http.read.timeout.ms", elapsed);
        }
        if (e instanceof SocketTimeoutException) {
            return String.valueOf(e.getMessage()).contains("connect")
                    ? new FetchResult.Failure(
                            FailureCause.TIMEOUT, "connect timed out (http.connect.timeout.ms)", elapsed)
                    : new FetchResult.Failure(
                            FailureCause.TIMEOUT, "no complete response within http.read.timeout.ms", elapsed);
        }
        if (unreachable) {
            return new FetchResult.Failure(FailureCause.CONNECTION, "connection refused or unreachable", elapsed);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            Optional<String> alert = refusedCertificateAlert(t);
            if (alert.isPresent()) {
                return new FetchResult.Failure(
                        FailureCause.CLIENT_CERTIFICATE,
                        "TLS: the instance refused the client certificate (alert " + alert.get()
                                + "); check http.ssl.keystore.* or okast.instance.<id>.ssl.keystore.* (is it issued"
                                + " by a CA the instance trusts, and still valid?)",
                        elapsed);
            }
        }
        if (e instanceof SSLException || String.valueOf(e.getMessage()).startsWith("HTTPS hostname wrong")) {
            return new FetchResult.Failure(
                    FailureCause.TLS,
                    "TLS failure: " + e.getMessage()
                            + " (is the server certificate trusted, and does its name match the URL?)",
                    elapsed);
        }
        if (e instanceof IOException) {
            return new FetchResult.Failure(FailureCause.CONNECTION, "I/O error: " + describe(e), elapsed);
        }
        return new FetchResult.Failure(FailureCause.CONNECTION, "unexpected error: " + describe(e), elapsed);
    }

    private static Optional<String> refusedCertificateAlert(Throwable t) {
        if (!(t instanceof SSLException)) {
            return Optional.empty();
        }
        String message = String.valueOf(t.getMessage());
        if (!message.contains("Received fatal alert")) {
            return Optional.empty();
        }
        return CERTIFICATE_ALERTS.stream().filter(message::contains).findFirst();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    static long elapsed(long start) {
        return System.nanoTime() - start;
    }
}
