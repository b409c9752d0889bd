package io.github.okastconnect.http;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.config.ProxyEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import javax.net.ssl.SSLException;
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
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final int BLOCK_BYTES = BodyFingerprint.BLOCK_BYTES;
    private static final HostnameVerifier NO_HOSTNAME_VERIFICATION = (host, session) -> true;
    /** Reached only when the JDK's own host-name check failed, since this verifier is not the default one. */
    private static final HostnameVerifier STRICT_HOSTNAME_VERIFICATION = (host, session) -> false;

    /** What {@link #request} returns when the body must be fetched again, read whole this time. */
    private record FetchAgain(long droppedBytes) {}

    /** What {@link #request} returns when the instance answered 401 to an OAuth2 token: fetch one more, once. */
    private record TokenRejected(TokenResult.Token token) {}

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxResponseBytes;
    private final boolean conditionalRequests;
    private final boolean compression;
    private final ReceiveBuffers buffers;
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
        // A Java array holds a little under 2 GiB: a larger configured cap is that in practice.
        this.maxResponseBytes = Math.min(settings.maxResponseBytes(), Integer.MAX_VALUE - 9);
        this.conditionalRequests = settings.conditionalRequests();
        this.compression = settings.compression();
        this.buffers = new ReceiveBuffers(settings.receiveBufferPoolBytes());
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

    /**
     * Connection and TLS settings shared by every instance of a task.
     *
     * @param conditionalRequests    whether polls send the last processed response's validators (see
     *                               {@link Validators})
     * @param receiveBufferPoolBytes most bytes of receive buffers kept between polls (see {@link ReceiveBuffers})
     * @param compression            whether to ask for gzip-compressed answers
     * @param instanceSslContexts    the TLS contexts of instances with a client certificate of their own, by id
     */
    public record HttpSettings(
            Duration connectTimeout,
            Duration readTimeout,
            long maxResponseBytes,
            SSLContext sslContext,
            boolean hostnameVerification,
            boolean conditionalRequests,
            long receiveBufferPoolBytes,
            boolean compression,
            Map<String, SSLContext> instanceSslContexts) {
        public HttpSettings {
            Objects.requireNonNull(connectTimeout);
            Objects.requireNonNull(readTimeout);
            instanceSslContexts = Map.copyOf(instanceSslContexts);
        }

        public HttpSettings(
                Duration connectTimeout,
                Duration readTimeout,
                long maxResponseBytes,
                SSLContext sslContext,
                boolean hostnameVerification,
                boolean conditionalRequests,
                long receiveBufferPoolBytes,
                boolean compression) {
            this(
                    connectTimeout,
                    readTimeout,
                    maxResponseBytes,
                    sslContext,
                    hostnameVerification,
                    conditionalRequests,
                    receiveBufferPoolBytes,
                    compression,
                    Map.of());
        }

        public HttpSettings withCompression(boolean enabled) {
            return new HttpSettings(
                    connectTimeout,
                    readTimeout,
                    maxResponseBytes,
                    sslContext,
                    hostnameVerification,
                    conditionalRequests,
                    receiveBufferPoolBytes,
                    enabled,
                    instanceSslContexts);
        }

        public HttpSettings withInstanceSslContexts(Map<String, SSLContext> contexts) {
            return new HttpSettings(
                    connectTimeout,
                    readTimeout,
                    maxResponseBytes,
                    sslContext,
                    hostnameVerification,
                    conditionalRequests,
                    receiveBufferPoolBytes,
                    compression,
                    contexts);
        }

        public HttpSettings(
                Duration connectTimeout,
                Duration readTimeout,
                long maxResponseBytes,
                SSLContext sslContext,
                boolean hostnameVerification,
                boolean conditionalRequests,
                long receiveBufferPoolBytes) {
            this(
                    connectTimeout,
                    readTimeout,
                    maxResponseBytes,
                    sslContext,
                    hostnameVerification,
                    conditionalRequests,
                    receiveBufferPoolBytes,
                    false);
        }

        public HttpSettings(
                Duration connectTimeout,
                Duration readTimeout,
                long maxResponseBytes,
                SSLContext sslContext,
                boolean hostnameVerification,
                boolean conditionalRequests) {
            this(
                    connectTimeout,
                    readTimeout,
                    maxResponseBytes,
                    sslContext,
                    hostnameVerification,
                    conditionalRequests,
                    OkastSourceConfig.HTTP_RECEIVE_BUFFER_POOL_BYTES_DEFAULT);
        }

        public HttpSettings(
                Duration connectTimeout,
                Duration readTimeout,
                long maxResponseBytes,
                SSLContext sslContext,
                boolean hostnameVerification) {
            this(connectTimeout, readTimeout, maxResponseBytes, sslContext, hostnameVerification, false);
        }
    }

    public CompletableFuture<FetchResult> fetch(InstanceConfig instance) {
        return fetch(instance, Validators.NONE, null, false);
    }

    public CompletableFuture<FetchResult> fetch(InstanceConfig instance, Validators lastProcessed) {
        return fetch(instance, lastProcessed, null, false);
    }

    /**
     * @param lastProcessed validators of the last body whose changes were emitted; sent when enabled
     * @param lastBody      fingerprint of that body, or null: an identical body ends as {@link FetchResult.SameBody}
     * @param expectSame    whether {@code lastBody} is likely to come again (it did last time): the body is then
     *                      compared as it arrives instead of stored, at the price of a second GET in the rare case
     *                      that it differs only after its first {@value BodyFingerprint#BLOCK_BYTES} bytes
     */
    public CompletableFuture<FetchResult> fetch(
            InstanceConfig instance, Validators lastProcessed, BodyFingerprint lastBody, boolean expectSame) {
        long start = System.nanoTime();
        Validators conditional = conditionalRequests ? lastProcessed : Validators.NONE;
        boolean compare = expectSame && lastBody != null;
        try {
            return CompletableFuture.supplyAsync(
                    () -> exchange(instance, conditional, lastBody, compare, start), requests);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return done(new FetchResult.Failure(FailureCause.CONNECTION, "client closed", elapsed(start)));
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
            InstanceConfig instance, Validators conditional, BodyFingerprint lastBody, boolean expectSame, long start) {
        URI uri = instance.statusUri();
        // HttpURLConnection's read timeout bounds each read, not the response: a body that trickles in needs its
        // own deadline, which closes the connection under the reading thread.
        long deadlineNanos = start + readTimeout.toNanos();
        int redirects = 0;
        boolean compare = expectSame;
        long discarded = 0;
        boolean tokenRefreshed = false;
        Transport transport = transport(instance);
        while (true) {
            HttpURLConnection connection;
            Optional<ProxyEndpoint> proxy = transport.proxyFor(uri);
            try {
                connection = transport.open(uri);
            } catch (IOException | IllegalArgumentException e) {
                return failure(e, start, false, proxy);
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
                return new FetchResult.Failure(FailureCause.CONNECTION, "client closed", elapsed(start));
            }
            open.add(connection);
            try {
                Object outcome = request(
                        connection, instance, conditional, lastBody, compare, proxy, uri, start, !tokenRefreshed);
                if (outcome instanceof FetchResult result) {
                    return discarded == 0 ? result : withDiscarded(result, discarded);
                }
                if (outcome instanceof TokenRejected rejected) {
                    // The instance may have revoked the token before its expiry: one fresh token, one more try.
                    tokenRefreshed = true;
                    TokenResult fresh = tokens(instance, (Credentials.OAuth2) instance.credentials())
                            .refreshAfterRejection(rejected.token());
                    if (fresh instanceof TokenResult.Failure failed) {
                        return tokenFailure(failed, start);
                    }
                    continue;
                }
                if (outcome instanceof FetchAgain again) {
                    compare = false; // the second time, the body is read whole: no third GET
                    discarded += again.droppedBytes();
                    continue;
                }
                Object next = redirectTarget(uri, connection, redirects++, start);
                if (next instanceof FetchResult refused) {
                    return refused;
                }
                uri = (URI) next;
            } catch (IOException | RuntimeException e) {
                connection.disconnect();
                return failure(e, start, expired.get(), proxy);
            } finally {
                deadline.cancel(false);
                open.remove(connection);
            }
        }
    }

    /** The exchange's result, a {@link FetchAgain}, or null for a redirect to follow. */
    private Object request(
            HttpURLConnection connection,
            InstanceConfig instance,
            Validators conditional,
            BodyFingerprint lastBody,
            boolean compare,
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
            TokenResult result = tokens(instance, oauth).token();
            if (result instanceof TokenResult.Failure failed) {
                connection.disconnect();
                return tokenFailure(failed, start);
            }
            token = (TokenResult.Token) result;
            connection.setRequestProperty(
                    "Authorization", token.authorizationHeaderValue().value());
        }
        instance.credentials()
                .header()
                .ifPresent(
                        h -> connection.setRequestProperty(h.name(), h.value().value()));
        int code = connection.getResponseCode();
        if (code == 401 && token != null) {
            drainBody(connection, code);
            if (mayRefreshToken) {
                return new TokenRejected(token);
            }
            return new FetchResult.Failure(
                    FailureCause.UNAUTHORIZED,
                    "HTTP 401 to a freshly issued OAuth2 token: "
                            + "the instance does not accept this client's tokens; check okast.instance.<id>"
                            + ".auth.oauth2.client.id, .scope and .audience",
                    elapsed(start));
        }
        if (code == 200) {
            return readBody(connection, lastBody, compare, start);
        }
        drainBody(connection, code);
        if (proxy.isPresent() && !Transport.isHttps(uri) && (code == 407 || code == 502 || code == 504)) {
            // Through a forward proxy these are the proxy's own answers (through a tunnel, TunnelSocket throws).
            return proxyFailure(ProxyFailureException.status(proxy.get(), code, origin(uri)), start);
        }
        if (code == 304 && !conditional.isEmpty()) {
            return new FetchResult.NotModified(clock.millis(), System.nanoTime() - start);
        }
        if (code >= 300 && code < 400 && code != 304) {
            return null;
        }
        return statusFailure(code, connection.getHeaderField("Retry-After"), start);
    }

    /** A {@link FetchResult}, or a {@link FetchAgain}. */
    private Object readBody(HttpURLConnection connection, BodyFingerprint lastBody, boolean compare, long start)
            throws IOException {
        long transferLength = connection.getContentLengthLong();
        if (transferLength > maxResponseBytes) {
            connection.disconnect();
            throw new ResponseTooLargeException(maxResponseBytes);
        }
        Validators validators =
                new Validators(connection.getHeaderField("ETag"), connection.getHeaderField("Last-Modified"));
        ContentCoding coding = ContentCoding.of(connection.getContentEncoding());
        if (coding == ContentCoding.UNSUPPORTED) {
            drainBody(connection, 200);
            return new FetchResult.Failure(
                    FailureCause.UNEXPECTED_STATUS,
                    "unsupported Content-Encoding '"
                            + ContentCoding.printable(connection.getContentEncoding())
                            + "' (the connector asks for gzip or "
                            + "identity; set http.compression.enabled=false if a proxy rewrites the answer)",
                    elapsed(start));
        }
        // A compressed body's decoded length is unknown until its end: the cap is enforced while decoding.
        long declared = coding == ContentCoding.GZIP ? -1 : transferLength;
        InputStream received = new CountingInputStream(connection.getInputStream(), bodyBytesReceived);
        try (InputStream in = coding.decode(received)) {
            Object outcome = compare && (declared < 0 || declared == lastBody.length())
                    ? compareWithLast(connection, in, declared, validators, lastBody, start)
                    : readWhole(connection, in, declared, null, 0, validators, lastBody, start);
            if (coding == ContentCoding.GZIP) {
                // The decoder stops at the gzip trailer, and a chunked answer still holds its last, empty chunk.
                // Unread, the JDK would close the connection instead of keeping it for the next poll, which
                // through a proxy means a new tunnel and TLS handshake every time.
                readRestOrDisconnect(connection, received);
            }
            return outcome;
        }
    }

    /**
     * Reads the body one block at a time into one small buffer, checking each block against the same block of
     * {@code lastBody}: an unchanged body is never stored. A body that differs in its first block goes on to be read
     * whole; one that differs later is read to its end and dropped ({@link FetchAgain}), since its first blocks
     * are gone.
     */
    private Object compareWithLast(
            HttpURLConnection connection,
            InputStream in,
            long declared,
            Validators validators,
            BodyFingerprint lastBody,
            long start)
            throws IOException {
        byte[] block = buffers.take(BLOCK_BYTES, BLOCK_BYTES);
        try {
            long length = 0;
            for (int index = 0; ; index++) {
                int filled = fill(in, block, declared, length);
                length += filled;
                if (filled == 0) {
                    if (index == lastBody.blockCount()) {
                        return new FetchResult.SameBody(length, clock.millis(), System.nanoTime() - start, validators);
                    }
                    // Shorter than the last body: it ended before a block could differ.
                    return index == 0
                            ? readWhole(connection, in, declared, block, 0, validators, lastBody, start)
                            : new FetchAgain(length);
                }
                if (!lastBody.blockMatches(index, block, filled)) {
                    if (index == 0) {
                        return readWhole(connection, in, declared, block, filled, validators, lastBody, start);
                    }
                    return new FetchAgain(drain(connection, in, block, declared, length));
                }
            }
        } finally {
            buffers.give(block);
        }
    }

    /**
     * Fills {@code block} from the body: up to its first {@value #BLOCK_BYTES} bytes, fewer only where the body
     * ends. Returns 0 at the end of the body.
     */
    private static int fill(InputStream in, byte[] block, long declared, long received) throws IOException {
        int wanted = declared >= 0 ? (int) Math.min(BLOCK_BYTES, declared - received) : BLOCK_BYTES;
        int filled = 0;
        while (filled < wanted) {
            int read = in.read(block, filled, wanted - filled);
            if (read < 0) {
                if (declared >= 0) {
                    throw truncated(received + filled, declared);
                }
                break;
            }
            filled += read;
        }
        return filled;
    }

    /**
     * Reads the rest of a body and drops it, so the connection can carry the next GET; refuses more than the cap.
     * Returns the body's length.
     */
    private long drain(HttpURLConnection connection, InputStream in, byte[] scratch, long declared, long received)
            throws IOException {
        for (int filled; (filled = fill(in, scratch, declared, received)) > 0; ) {
            received += filled;
            if (received > maxResponseBytes) {
                connection.disconnect();
                throw new ResponseTooLargeException(maxResponseBytes);
            }
        }
        return received;
    }

    private static IOException truncated(long received, long declared) {
        return new IOException("connection closed after " + received + " of " + declared + " bytes");
    }

    private static FetchResult withDiscarded(FetchResult result, long discarded) {
        if (result instanceof FetchResult.Success s) {
            return new FetchResult.Success(
                    s.body(), s.receivedAtMs(), s.durationNanos(), s.validators(), s.fingerprint(), discarded);
        }
        if (result instanceof FetchResult.SameBody s) {
            return new FetchResult.SameBody(
                    s.bodyBytes(), s.receivedAtMs(), s.durationNanos(), s.validators(), discarded);
        }
        return result;
    }

    /**
     * Reads the whole body (after the {@code prefixLength} bytes of {@code prefix} already read) into a reused
     * buffer, refusing more than the cap, and fingerprints it block by block as it arrives. Only a body that differs
     * from {@code lastBody} is copied out, to an array of exactly its length.
     */
    private FetchResult readWhole(
            HttpURLConnection connection,
            InputStream in,
            long declared,
            byte[] prefix,
            int prefixLength,
            Validators validators,
            BodyFingerprint lastBody,
            long start)
            throws IOException {
        // Without a declared length (chunked or compressed), the last body's length is the best first guess.
        long expected = declared >= 0
                ? declared
                : Math.max(prefixLength, lastBody == null ? 0 : Math.min(lastBody.length(), maxResponseBytes + 1));
        byte[] buffer = buffers.take((int) expected, (int) maxResponseBytes + 1);
        BodyFingerprint.Accumulator fingerprint = BodyFingerprint.accumulator();
        try {
            int length = prefixLength;
            if (prefixLength > 0) {
                System.arraycopy(prefix, 0, buffer, 0, prefixLength);
                fingerprint.advance(buffer, length);
            }
            while (declared < 0 || length < declared) {
                if (length == buffer.length) {
                    long grown = Math.min((long) buffer.length * 2, maxResponseBytes + 1);
                    if (grown <= buffer.length) {
                        connection.disconnect();
                        throw new ResponseTooLargeException(maxResponseBytes);
                    }
                    buffer = java.util.Arrays.copyOf(buffer, (int) grown);
                }
                // A declared length is read exactly, even into a larger reused buffer. A block at most per read, so
                // each block is hashed as soon as it is complete, while it is still in the CPU's cache.
                int room = declared >= 0
                        ? (int) Math.min(buffer.length - length, declared - length)
                        : buffer.length - length;
                int read = in.read(buffer, length, Math.min(room, BLOCK_BYTES));
                if (read < 0) {
                    if (declared >= 0) {
                        throw truncated(length, declared);
                    }
                    break;
                }
                length += read;
                if (length > maxResponseBytes) {
                    connection.disconnect();
                    throw new ResponseTooLargeException(maxResponseBytes);
                }
                fingerprint.advance(buffer, length);
            }
            BodyFingerprint received = fingerprint.finish(buffer, length);
            long receivedAtMs = clock.millis();
            if (received.matches(lastBody)) {
                return new FetchResult.SameBody(length, receivedAtMs, System.nanoTime() - start, validators);
            }
            byte[] body;
            if (length == buffer.length && !buffers.keeps(length)) {
                body = buffer; // a one-use buffer of exactly the body's length: hand it over, no copy
                buffer = null;
            } else {
                body = java.util.Arrays.copyOf(buffer, length);
            }
            return new FetchResult.Success(body, receivedAtMs, System.nanoTime() - start, validators, received);
        } finally {
            if (buffer != null) {
                buffers.give(buffer);
            }
        }
    }

    /**
     * Reads (a bounded part of) a body we do not use, redirects included, so the JDK can keep the connection alive
     * for the next poll; one it cannot read is closed rather than left open until garbage collection.
     */
    private static void drainBody(HttpURLConnection connection, int code) {
        try (InputStream body = code >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (body != null) {
                readRestOrDisconnect(connection, body);
            }
        } catch (IOException e) {
            connection.disconnect();
        }
    }

    /**
     * Reads {@code body} to its end, so the JDK keeps the connection for the next poll; a rest of
     * {@value #MAX_ERROR_BODY_BYTES} bytes or more is not worth reading, and the connection is closed instead.
     */
    private static void readRestOrDisconnect(HttpURLConnection connection, InputStream body) throws IOException {
        if (body.readNBytes(MAX_ERROR_BODY_BYTES).length == MAX_ERROR_BODY_BYTES) {
            connection.disconnect();
        }
    }

    /** The URI to follow, or the failure that ends the exchange. */
    private Object redirectTarget(URI from, HttpURLConnection connection, int redirects, long start)
            throws IOException {
        int code = connection.getResponseCode();
        String location = connection.getHeaderField("Location");
        if (location == null) {
            return new FetchResult.Failure(
                    FailureCause.REDIRECT, "HTTP " + code + " without a Location header", elapsed(start));
        }
        URI target;
        try {
            target = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return new FetchResult.Failure(
                    FailureCause.REDIRECT, "HTTP " + code + " to an invalid Location", elapsed(start));
        }
        if (!sameOrigin(from, target)) {
            return new FetchResult.Failure(
                    FailureCause.REDIRECT,
                    "HTTP " + code
                            + " redirect to another origin (" + origin(target)
                            + ") refused: credentials are never sent to"
                            + " another host; set okast.instance.<id>.url to the final location",
                    elapsed(start));
        }
        if (redirects >= MAX_REDIRECTS) {
            return new FetchResult.Failure(
                    FailureCause.REDIRECT, "more than " + MAX_REDIRECTS + " redirects", elapsed(start));
        }
        return target;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
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

    private FetchResult statusFailure(int code, String retryAfterHeader, long start) {
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

    private static FetchResult failure(
            Throwable e, long start, boolean deadlineExpired, Optional<ProxyEndpoint> proxy) {
        long elapsed = elapsed(start);
        if (e instanceof ResponseTooLargeException) {
            return new FetchResult.Failure(FailureCause.TOO_LARGE, e.getMessage(), elapsed);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProxyFailureException proxyFailure) {
                return proxyFailure(proxyFailure, start);
            }
        }
        if (e instanceof java.util.zip.ZipException) {
            return new FetchResult.Failure(
                    FailureCause.MALFORMED,
                    "malformed body: the gzip-compressed answer " + "cannot be decoded (" + e.getMessage() + ")",
                    elapsed);
        }
        if (proxy.isPresent()
                && (e instanceof ConnectException
                        || e instanceof java.net.UnknownHostException
                        || e instanceof java.net.NoRouteToHostException)) {
            // A forward-proxied request connects to the proxy only.
            return proxyFailure(ProxyFailureException.unreachable(proxy.get(), e), start);
        }
        if (deadlineExpired) {
            return new FetchResult.Failure(
                    FailureCause.TIMEOUT, "no complete response within http.read.timeout.ms", elapsed);
        }
        if (e instanceof SocketTimeoutException
                && String.valueOf(e.getMessage()).contains("connect")) {
            return new FetchResult.Failure(
                    FailureCause.TIMEOUT, "connect timed out (http.connect.timeout.ms)", elapsed);
        }
        if (e instanceof SocketTimeoutException) {
            return new FetchResult.Failure(
                    FailureCause.TIMEOUT, "no complete response within http.read.timeout.ms", elapsed);
        }
        if (e instanceof ConnectException
                || e instanceof java.net.NoRouteToHostException
                || e instanceof java.net.UnknownHostException) {
            return new FetchResult.Failure(FailureCause.CONNECTION, "connection refused or unreachable", elapsed);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String alert = refusedCertificateAlert(t);
            if (alert != null) {
                return new FetchResult.Failure(
                        FailureCause.CLIENT_CERTIFICATE,
                        "TLS: the instance refused the "
                                + "client certificate (alert " + alert + "); check http.ssl.keystore.* or "
                                + "okast.instance.<id>.ssl.keystore.* (is it issued by a CA the instance trusts, and still "
                                + "valid?)",
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

    /** The instance is not polled until the token source would try its endpoint again. */
    private FetchResult tokenFailure(TokenResult.Failure failure, long start) {
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

    private static FetchResult proxyFailure(ProxyFailureException e, long start) {
        return new FetchResult.Failure(e.failureCause(), e.getMessage(), elapsed(start));
    }

    /**
     * The alert by which a server refused the client's certificate (received alerts are the server's verdict on
     * what the client sent), or null.
     */
    private static String refusedCertificateAlert(Throwable t) {
        if (!(t instanceof SSLException)) {
            return null;
        }
        String message = String.valueOf(t.getMessage());
        if (!message.contains("Received fatal alert")) {
            return null;
        }
        for (String alert : List.of(
                "bad_certificate",
                "certificate_required",
                "unknown_ca",
                "access_denied",
                "certificate_unknown",
                "certificate_revoked",
                "certificate_expired",
                "unsupported_certificate")) {
            if (message.contains(alert)) {
                return alert;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static long elapsed(long start) {
        return System.nanoTime() - start;
    }

    private static CompletableFuture<FetchResult> done(FetchResult result) {
        return CompletableFuture.completedFuture(result);
    }

    static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long maxBytes) {
            super("response body exceeds " + maxBytes + " bytes (http.max.response.bytes)");
        }
    }
}
