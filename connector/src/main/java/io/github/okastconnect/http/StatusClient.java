package io.github.okastconnect.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;

/**
 * GETs an instance's status list with the JDK's HTTP client. Never throws: every outcome, including bugs in the
 * network stack, becomes a {@link FetchResult}. Redirects are followed only within the same origin, because the
 * request carries the instance's credentials and must never hand them to another host.
 */
public final class StatusClient {
    private static final int MAX_REDIRECTS = 3;

    private final HttpClient client;
    private final Duration readTimeout;
    private final long maxResponseBytes;
    private final boolean conditionalRequests;
    private final Clock clock;

    public StatusClient(HttpSettings settings, Clock clock) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        SSLParameters params = new SSLParameters();
        if (settings.hostnameVerification()) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        builder.sslParameters(params);
        this.client = builder.build();
        this.readTimeout = settings.readTimeout();
        this.maxResponseBytes = settings.maxResponseBytes();
        this.conditionalRequests = settings.conditionalRequests();
        this.clock = clock;
    }

    /**
     * Connection and TLS settings shared by every instance of a task.
     *
     * @param conditionalRequests whether polls send the last processed response's validators (see {@link Validators})
     */
    public record HttpSettings(Duration connectTimeout, Duration readTimeout, long maxResponseBytes,
                               SSLContext sslContext, boolean hostnameVerification, boolean conditionalRequests) {
        public HttpSettings {
            Objects.requireNonNull(connectTimeout);
            Objects.requireNonNull(readTimeout);
        }

        public HttpSettings(Duration connectTimeout, Duration readTimeout, long maxResponseBytes,
                            SSLContext sslContext, boolean hostnameVerification) {
            this(connectTimeout, readTimeout, maxResponseBytes, sslContext, hostnameVerification, false);
        }
    }

    public CompletableFuture<FetchResult> fetch(InstanceConfig instance) {
        return fetch(instance, Validators.NONE);
    }

    /** @param lastProcessed validators of the last body whose changes were emitted; sent when enabled */
    public CompletableFuture<FetchResult> fetch(InstanceConfig instance, Validators lastProcessed) {
        long start = System.nanoTime();
        Validators conditional = conditionalRequests ? lastProcessed : Validators.NONE;
        return fetch(instance, conditional, instance.statusUri(), 0, start)
                .exceptionally(e -> failure(unwrap(e), start));
    }

    private CompletableFuture<FetchResult> fetch(InstanceConfig instance, Validators conditional, URI uri,
                                                 int redirects, long start) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(readTimeout)
                .header("Accept", "application/json");
        if (conditional.etag() != null) {
            request.header("If-None-Match", conditional.etag());
        }
        if (conditional.lastModified() != null) {
            request.header("If-Modified-Since", conditional.lastModified());
        }
        instance.credentials().header().ifPresent(h -> request.header(h.name(), h.value().value()));
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(),
                info -> info.statusCode() == 200
                        ? new CappedBodySubscriber(maxResponseBytes,
                                info.headers().firstValueAsLong("Content-Length").orElse(-1))
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
        // HttpRequest.timeout covers only the wait for headers; a body that trickles in needs its own deadline.
        CompletableFuture<HttpResponse<byte[]>> bounded = exchange.orTimeout(readTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        bounded.whenComplete((r, e) -> {
            if (e != null) {
                exchange.cancel(true);
            }
        });
        return bounded.thenCompose(response -> {
            int code = response.statusCode();
            if (code == 200) {
                return CompletableFuture.completedFuture(new FetchResult.Success(response.body(), clock.millis(),
                        System.nanoTime() - start, Validators.of(response.headers())));
            }
            if (code == 304 && !conditional.isEmpty()) {
                return done(new FetchResult.NotModified(clock.millis(), System.nanoTime() - start));
            }
            if (code >= 300 && code < 400 && code != 304) {
                return redirect(instance, conditional, uri, response, redirects, start);
            }
            return CompletableFuture.completedFuture(statusFailure(response, start));
        });
    }

    private CompletableFuture<FetchResult> redirect(InstanceConfig instance, Validators conditional, URI from,
                                                    HttpResponse<byte[]> response, int redirects, long start) {
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
            return done(new FetchResult.Failure(FailureCause.REDIRECT, "HTTP " + response.statusCode()
                    + " without a Location header", elapsed(start)));
        }
        URI target;
        try {
            target = from.resolve(location.get().trim());
        } catch (IllegalArgumentException e) {
            return done(new FetchResult.Failure(FailureCause.REDIRECT, "HTTP " + response.statusCode()
                    + " to an invalid Location", elapsed(start)));
        }
        if (!sameOrigin(from, target)) {
            return done(new FetchResult.Failure(FailureCause.REDIRECT, "HTTP " + response.statusCode()
                    + " redirect to another origin (" + origin(target) + ") refused: credentials are never sent to"
                    + " another host; set okast.instance.<id>.url to the final location", elapsed(start)));
        }
        if (redirects >= MAX_REDIRECTS) {
            return done(new FetchResult.Failure(FailureCause.REDIRECT, "more than " + MAX_REDIRECTS
                    + " redirects", elapsed(start)));
        }
        return fetch(instance, conditional, target, redirects + 1, start);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private FetchResult statusFailure(HttpResponse<byte[]> response, long start) {
        int code = response.statusCode();
        FailureCause cause = switch (code) {
            case 401 -> FailureCause.UNAUTHORIZED;
            case 403 -> FailureCause.FORBIDDEN;
            case 404 -> FailureCause.NOT_FOUND;
            case 429 -> FailureCause.RATE_LIMITED;
            default -> code >= 500 ? FailureCause.SERVER_ERROR : FailureCause.UNEXPECTED_STATUS;
        };
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(v -> RetryAfter.parse(v, clock));
        String message = cause == FailureCause.UNEXPECTED_STATUS ? "unexpected HTTP " + code : cause.summary();
        return new FetchResult.Failure(cause, message, retryAfter, elapsed(start));
    }

    private static FetchResult failure(Throwable e, long start) {
        long elapsed = elapsed(start);
        if (e instanceof CappedBodySubscriber.ResponseTooLargeException) {
            return new FetchResult.Failure(FailureCause.TOO_LARGE, e.getMessage(), elapsed);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new FetchResult.Failure(FailureCause.TIMEOUT, "connect timed out (http.connect.timeout.ms)",
                    elapsed);
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return new FetchResult.Failure(FailureCause.TIMEOUT,
                    "no complete response within http.read.timeout.ms", elapsed);
        }
        if (e instanceof ConnectException) {
            return new FetchResult.Failure(FailureCause.CONNECTION, "connection refused or unreachable", elapsed);
        }
        if (e instanceof SSLException) {
            return new FetchResult.Failure(FailureCause.TLS, "TLS failure: " + e.getMessage()
                    + " (is the server certificate trusted, and does its name match the URL?)", elapsed);
        }
        if (e instanceof IOException) {
            return new FetchResult.Failure(FailureCause.CONNECTION, "I/O error: " + describe(e), elapsed);
        }
        return new FetchResult.Failure(FailureCause.CONNECTION, "unexpected error: " + describe(e), elapsed);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        // The JDK wraps an SSL failure in an IOException on some paths.
        if (t instanceof IOException && t.getCause() instanceof SSLException ssl) {
            return ssl;
        }
        return t;
    }

    private static long elapsed(long start) {
        return System.nanoTime() - start;
    }

    private static CompletableFuture<FetchResult> done(FetchResult result) {
        return CompletableFuture.completedFuture(result);
    }

}
