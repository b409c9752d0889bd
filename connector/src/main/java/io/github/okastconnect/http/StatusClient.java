package io.github.okastconnect.http;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.ProxyEndpoint;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * GETs an instance's status list. Never throws: every outcome, including bugs in the network stack, becomes a
 * {@link FetchResult}. Redirects are followed only within the same origin, because the request carries the
 * instance's credentials and must never hand them to another host.
 *
 * <p>The transport is {@link HttpURLConnection} on a pool of daemon threads rather than {@code java.net.http}:
 * status bodies are megabytes, and the JDK's asynchronous client spends three to four times the CPU per byte
 * (measured on a 4.6 MB body over loopback: ~21 ms against ~5 ms per GET), which would dominate a poll. One
 * blocking request per in-flight instance is cheap, since the task bounds how many run at once.
 *
 * <p>Bodies are read into {@link ReceiveBuffers reused buffers} and fingerprinted there; a body identical to the
 * last one processed ends as {@link FetchResult.SameBody} without being copied or kept. When the caller expects the
 * same body again (the last poll brought it), the body is not stored at all: it passes one block at a time through a
 * small buffer that stays in the CPU's cache, each block checked against the last body's as it arrives. Should a
 * block differ after earlier ones were dropped, the rest is read and dropped and the body is fetched once more.
 */
public final class StatusClient implements AutoCloseable {
    private static final HostnameVerifier NO_HOSTNAME_VERIFICATION = (host, session) -> true;
    /** Reached only when the JDK's own host-name check failed, since this verifier is not the default one. */
    private static final HostnameVerifier STRICT_HOSTNAME_VERIFICATION = (host, session) -> false;

    /** What one request of an exchange came to. */
    private sealed interface Step {}

    /** The exchange's result. */
    private record Done(FetchResult result) implements Step {}

    /** The body must be fetched again, read whole this time (see {@link BodyReader.FetchAgain}). */
    private record FetchAgain(long droppedBytes) implements Step {}

    /** The instance answered 401 to an OAuth2 token before its expiry: fetch a fresh one, once. */
    private record TokenRejected(TokenResult.Token token) implements Step {}

    /** A 3xx answer to follow or refuse. */
    private record Redirect(int code, String location) implements Step {}

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean conditionalRequests;
    private final boolean compression;
    private final BodyReader bodies;
    private final FailureClassifier failures;
    private final SSLSocketFactory sslSocketFactory;
    private final Map<String, SSLSocketFactory> instanceSocketFactories;
    private final HostnameVerifier hostnameVerifier;
    private final Clock clock;
    private final ExecutorService requests;
    private final ScheduledExecutorService deadlines;
    private final Set<HttpURLConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Transport> transports = new ConcurrentHashMap<>();
    private final Map<String, OAuth2TokenSource> tokenSources = new ConcurrentHashMap<>();
    private final LongAdder bodyBytesReceived = new LongAdder();

    public StatusClient(HttpSettings settings, Clock clock) {
        this.connectTimeout = settings.connectTimeout();
        this.readTimeout = settings.readTimeout();
        this.conditionalRequests = settings.conditionalRequests();
        this.compression = settings.compression();
        this.bodies = new BodyReader(
                settings.maxResponseBytes(),
                new ReceiveBuffers(settings.receiveBufferPoolBytes()),
                clock,
                bodyBytesReceived);
        this.failures = new FailureClassifier(clock);
        this.sslSocketFactory = socketFactory(settings.sslContext());
        Map<String, SSLSocketFactory> own = new java.util.HashMap<>();
        settings.instanceSslContexts().forEach((id, context) -> own.put(id, socketFactory(context)));
        this.instanceSocketFactories = Map.copyOf(own);
        this.hostnameVerifier =
                settings.hostnameVerification() ? STRICT_HOSTNAME_VERIFICATION : NO_HOSTNAME_VERIFICATION;
        this.clock = clock;
        this.requests = Executors.newCachedThreadPool(daemon("okast-http-"));
        java.util.concurrent.ScheduledThreadPoolExecutor deadlineTimer =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1, daemon("okast-http-deadline-"));
        // Nearly every deadline is cancelled: removed at once, it neither waits in the queue for the read timeout
        // nor wakes the timer thread when it would have expired.
        deadlineTimer.setRemoveOnCancelPolicy(true);
        this.deadlines = deadlineTimer;
    }

    /** An explicit factory, so a JVM-wide default changed by other code in the worker never applies. */
    private static SSLSocketFactory socketFactory(SSLContext context) {
        try {
            return (context != null ? context : SSLContext.getDefault()).getSocketFactory();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context in this JVM", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public CompletableFuture<FetchResult> fetch(InstanceConfig instance) {
        return fetch(instance, CacheValidators.NONE, null, BodyExpectation.SAME);
    }

    public CompletableFuture<FetchResult> fetch(InstanceConfig instance, CacheValidators lastProcessed) {
        return fetch(instance, lastProcessed, null, BodyExpectation.SAME);
    }

    /**
     * @param lastProcessed validators of the last body whose changes were emitted; sent when enabled
     * @param lastBody      fingerprint of that body, or null: an identical body ends as {@link FetchResult.SameBody}
     *                      (unless {@code expectation} is {@link BodyExpectation#CHANGED})
     * @param expectation   how likely the body is to be {@code lastBody} again, which decides how it is read
     */
    public CompletableFuture<FetchResult> fetch(
            InstanceConfig instance,
            CacheValidators lastProcessed,
            BodyFingerprint lastBody,
            BodyExpectation expectation) {
        long start = System.nanoTime();
        CacheValidators conditional = conditionalRequests ? lastProcessed : CacheValidators.NONE;
        BodyExpectation effective = expectation == BodyExpectation.SAME_COMPARED_ON_ARRIVAL && lastBody == null
                ? BodyExpectation.SAME
                : expectation;
        try {
            return CompletableFuture.supplyAsync(
                    () -> exchange(instance, conditional, lastBody, effective, start), requests);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new FetchResult.Failure(
                    FailureCause.CONNECTION, "client closed", FailureClassifier.elapsed(start)));
        }
    }

    /**
     * Bytes of 200 answers' bodies received from the network (compressed bytes for a compressed answer), over every
     * instance since this client was created.
     */
    public long bodyBytesReceived() {
        return bodyBytesReceived.sum();
    }

    private Transport transport(InstanceConfig instance) {
        return transports.computeIfAbsent(
                instance.id(),
                id -> new Transport(
                        instance.proxy(),
                        instanceSocketFactories.getOrDefault(id, sslSocketFactory),
                        hostnameVerifier));
    }

    private OAuth2TokenSource tokens(InstanceConfig instance, Credentials.OAuth2 oauth) {
        return tokenSources.computeIfAbsent(
                instance.id(),
                id -> new OAuth2TokenSource(
                        new OAuth2Settings(
                                oauth.tokenUri(),
                                oauth.clientId(),
                                oauth.clientSecret(),
                                oauth.scope(),
                                oauth.audience(),
                                oauth.postClientSecret()
                                        ? OAuth2Settings.ClientAuthentication.CLIENT_SECRET_POST
                                        : OAuth2Settings.ClientAuthentication.CLIENT_SECRET_BASIC,
                                connectTimeout,
                                readTimeout),
                        transport(instance),
                        clock));
    }

    /** Aborts the requests in flight (their futures complete with a failure) and releases the threads. */
    @Override
    public void close() {
        requests.shutdownNow();
        deadlines.shutdownNow();
        open.forEach(HttpURLConnection::disconnect);
    }

    private FetchResult exchange(
            InstanceConfig instance,
            CacheValidators conditional,
            BodyFingerprint lastBody,
            BodyExpectation expectation,
            long start) {
        URI uri = instance.statusUri();
        // HttpURLConnection's read timeout bounds each read, not the response: a body that trickles in needs its
        // own deadline, which closes the connection under the reading thread.
        long deadlineNanos = start + readTimeout.toNanos();
        int redirects = 0;
        BodyExpectation reading = expectation;
        long discarded = 0;
        boolean tokenRefreshed = false;
        Transport transport = transport(instance);
        while (true) {
            HttpURLConnection connection;
            Optional<ProxyEndpoint> proxy = transport.proxyFor(uri);
            try {
                connection = transport.open(uri);
            } catch (IOException | IllegalArgumentException e) {
                return FailureClassifier.exception(e, start, false, proxy);
            }
            java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
            ScheduledFuture<?> deadline;
            try {
                deadline = deadlines.schedule(
                        () -> {
                            expired.set(true);
                            connection.disconnect();
                        },
                        Math.max(1, deadlineNanos - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return new FetchResult.Failure(
                        FailureCause.CONNECTION, "client closed", FailureClassifier.elapsed(start));
            }
            open.add(connection);
            try {
                Step step = request(
                        connection, instance, conditional, lastBody, reading, proxy, uri, start, !tokenRefreshed);
                // Java 17 has no pattern switch: the chain covers every Step, the last one by elimination.
                if (step instanceof Done done) {
                    return discarded == 0 ? done.result() : withDiscarded(done.result(), discarded);
                } else if (step instanceof TokenRejected rejected) {
                    // The instance may have revoked the token before its expiry: one fresh token, one more try.
                    tokenRefreshed = true;
                    TokenResult fresh = tokens(instance, (Credentials.OAuth2) instance.credentials())
                            .refreshAfterRejection(rejected.token());
                    if (fresh instanceof TokenResult.Failure failed) {
                        return failures.token(failed, start);
                    }
                } else if (step instanceof FetchAgain again) {
                    reading = BodyExpectation.SAME; // the second time, the body is read whole: no third GET
                    discarded += again.droppedBytes();
                } else {
                    Redirect redirect = (Redirect) step;
                    Redirects.Decision decision =
                            Redirects.decide(uri, redirect.code(), redirect.location(), redirects++, start);
                    if (decision instanceof Redirects.Refuse refuse) {
                        return refuse.failure();
                    }
                    uri = ((Redirects.Follow) decision).target();
                }
            } catch (IOException | RuntimeException e) {
                connection.disconnect();
                return FailureClassifier.exception(e, start, expired.get(), proxy);
            } finally {
                deadline.cancel(false);
                open.remove(connection);
            }
        }
    }

    private Step request(
            HttpURLConnection connection,
            InstanceConfig instance,
            CacheValidators conditional,
            BodyFingerprint lastBody,
            BodyExpectation expectation,
            Optional<ProxyEndpoint> proxy,
            URI uri,
            long start,
            boolean mayRefreshToken)
            throws IOException {
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        connection.setRequestProperty("Accept", "application/json");
        if (compression) {
            connection.setRequestProperty("Accept-Encoding", "gzip");
        }
        if (conditional.etag() != null) {
            connection.setRequestProperty("If-None-Match", conditional.etag());
        }
        if (conditional.lastModified() != null) {
            connection.setRequestProperty("If-Modified-Since", conditional.lastModified());
        }
        TokenResult.Token token = null;
        if (instance.credentials() instanceof Credentials.OAuth2 oauth) {
            TokenResult issued = tokens(instance, oauth).token();
            if (issued instanceof TokenResult.Failure failed) {
                connection.disconnect();
                return new Done(failures.token(failed, start));
            }
            token = (TokenResult.Token) issued;
            connection.setRequestProperty(
                    "Authorization", token.authorizationHeaderValue().value());
        }
        instance.credentials()
                .header()
                .ifPresent(
                        h -> connection.setRequestProperty(h.name(), h.value().value()));
        int code = connection.getResponseCode();
        if (code == 401 && token != null) {
            BodyReader.drainUnused(connection, code);
            if (mayRefreshToken) {
                return new TokenRejected(token);
            }
            return new Done(new FetchResult.Failure(
                    FailureCause.UNAUTHORIZED,
                    "HTTP 401 to a freshly issued OAuth2 token: the instance does not accept this client's tokens;"
                            + " check okast.instance.<id>.auth.oauth2.client.id, .scope and .audience",
                    FailureClassifier.elapsed(start)));
        }
        if (code == 200) {
            BodyReader.Outcome outcome = bodies.read(connection, lastBody, expectation, start);
            return outcome instanceof BodyReader.FetchAgain again
                    ? new FetchAgain(again.droppedBytes())
                    : new Done(((BodyReader.Done) outcome).result());
        }
        BodyReader.drainUnused(connection, code);
        if (proxy.isPresent() && !Transport.isHttps(uri) && (code == 407 || code == 502 || code == 504)) {
            // Through a forward proxy these are the proxy's own answers (through a tunnel, TunnelSocket throws).
            return new Done(FailureClassifier.proxy(
                    ProxyFailureException.status(proxy.get(), code, Redirects.origin(uri)), start));
        }
        if (code == 304 && !conditional.isEmpty()) {
            return new Done(new FetchResult.NotModified(clock.millis(), System.nanoTime() - start));
        }
        if (code >= 300 && code < 400 && code != 304) {
            return new Redirect(code, connection.getHeaderField("Location"));
        }
        return new Done(failures.status(code, connection.getHeaderField("Retry-After"), start));
    }

    private static FetchResult withDiscarded(FetchResult result, long discarded) {
        if (result instanceof FetchResult.Success s) {
            return s.withDiscarded(discarded);
        }
        if (result instanceof FetchResult.SameBody s) {
            return new FetchResult.SameBody(
                    s.bodyBytes(), s.receivedAtMs(), s.durationNanos(), s.validators(), discarded);
        }
        return result;
    }
}
