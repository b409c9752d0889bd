package io.github.okastconnect.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One simulated Okast Channels instance, reachable under {@link #baseUrl()}. Thread-safe: HTTP
 * handlers and test code may call it concurrently. Its queue advances lazily from the
 * simulator's clock whenever it is read or written (or on {@link #tick()}), so a test that owns a
 * {@link MutableClock} decides exactly when entries move.
 */
public final class SimulatedInstance {

    /** What the status endpoint sends when no answer-replacing fault is active. */
    record Body(byte[] bytes, String contentType) {}

    /** How many request times {@link #requestLog()} keeps: over an hour of polls at 1 s. */
    static final int REQUEST_LOG_SIZE = 4096;

    private final InstanceSettings settings;
    private final Clock clock;
    private final Supplier<URI> serverUri;
    private final QueueEngine engine; // guarded by this
    private final Object requestMonitor = new Object();
    private final FaultSchedule faults = new FaultSchedule();

    private long statusRequests; // guarded by requestMonitor
    private Map<String, List<String>> lastRequestHeaders = Map.of(); // guarded by requestMonitor
    private final ArrayDeque<Instant> requestTimes = new ArrayDeque<>(); // guarded by requestMonitor
    private long addRequests; // guarded by this
    private volatile Body rawBody;
    private volatile BasicCredentials credentials;
    private volatile boolean gzip;
    private volatile boolean oauth2;
    private final OAuth2TokenEndpoint tokens;
    private final LongAdder gzipResponses = new LongAdder();
    private final LongAdder wireBytes = new LongAdder();

    SimulatedInstance(
            InstanceSettings settings, Clock clock, long seed, Supplier<URI> serverUri, OAuth2TokenEndpoint tokens) {
        this.settings = settings;
        this.tokens = tokens;
        this.oauth2 = settings.oauth2();
        this.clock = clock;
        this.serverUri = serverUri;
        this.credentials = settings.credentials();
        this.gzip = settings.gzip();
        this.engine = new QueueEngine(settings, seed, clock.instant());
    }

    // ---- identity and URLs ----

    public String name() {
        return settings.name();
    }

    public InstanceSettings settings() {
        return settings;
    }

    /** {@code http://host:port/<name>}: what a connector would be configured with. */
    public URI baseUri() {
        return URI.create(serverUri.get() + "/" + name());
    }

    public String baseUrl() {
        return baseUri().toString();
    }

    public URI statusUri() {
        return URI.create(baseUrl() + HttpRouter.API_PATH + HttpRouter.STATUS_SCRIPT);
    }

    public String statusUrl() {
        return statusUri().toString();
    }

    public URI addUri() {
        return URI.create(baseUrl() + HttpRouter.API_PATH + HttpRouter.ADD_SCRIPT);
    }

    public String addUrl() {
        return addUri().toString();
    }

    // ---- time and queue ----

    /** Applies every timer and load change due by the clock's current instant. */
    public synchronized void tick() {
        engine.sync(clock.instant());
    }

    /** Same as a request to _addVideoLink.php with these parameters, without HTTP or auth. */
    public synchronized StatusEntry submit(IngestRequest request) {
        Objects.requireNonNull(request, "request");
        engine.sync(clock.instant());
        QueueEntry entry = engine.add(request, clock.instant());
        engine.sync(clock.instant()); // zero-length steps settle now rather than on the next read
        return entry.toStatusEntry();
    }

    /** The queue as the status endpoint would list it now (ignoring raw body and faults). */
    public synchronized List<StatusEntry> entries() {
        engine.sync(clock.instant());
        return engine.snapshot();
    }

    /**
     * The normal status body as of now, without HTTP (for benchmarks). The array is the cached
     * one, returned without copying: do not modify it. Reading it does not count as served.
     */
    public synchronized byte[] currentBody() {
        engine.sync(clock.instant());
        return engine.body(false);
    }

    public String currentBodyAsString() {
        return new String(currentBody(), StandardCharsets.UTF_8);
    }

    /** Counters as of the last synchronisation; call {@link #tick()} first to include changes due since. */
    public InstanceStats stats() {
        long requests;
        synchronized (requestMonitor) {
            requests = statusRequests;
        }
        synchronized (this) {
            return engine.stats(requests, addRequests, gzipResponses.sum(), wireBytes.sum());
        }
    }

    /** Status changes made so far (see {@link InstanceStats#transitions()}). */
    public long transitionCount() {
        return stats().transitions();
    }

    /** Marks a filePath as already in the media library, so adding it fails with "File already exists in database". */
    public synchronized void addToLibrary(String filePath) {
        engine.addToLibrary(filePath);
    }

    public synchronized boolean libraryContains(String filePath) {
        return engine.libraryContains(filePath);
    }

    public synchronized void setErrorRate(double errorRate) {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("errorRate outside [0,1]");
        }
        engine.sync(clock.instant());
        engine.setErrorRate(errorRate);
    }

    /** Freezes the generated load (add-endpoint entries keep moving); changes due meanwhile are skipped. */
    public synchronized void pauseLoad() {
        engine.sync(clock.instant());
        engine.pauseLoad(true);
    }

    public synchronized void resumeLoad() {
        engine.sync(clock.instant());
        engine.pauseLoad(false);
    }

    // ---- scripting ----

    /**
     * Replaces the whole queue with these entries, which then never change by themselves (the add
     * endpoint still appends live entries after them). Also stops any generated load.
     */
    public synchronized void setEntries(List<StatusEntry> entries) {
        engine.sync(clock.instant());
        engine.replaceWithScripted(List.copyOf(entries));
    }

    public synchronized void appendEntry(StatusEntry entry) {
        engine.sync(clock.instant());
        engine.appendScripted(Objects.requireNonNull(entry, "entry"));
    }

    public void clearEntries() {
        setEntries(List.of());
    }

    /** From now on the status endpoint answers exactly these UTF-8 bytes (after auth, before/with faults). */
    public void setRawBody(String body) {
        setRawBody(body.getBytes(StandardCharsets.UTF_8));
    }

    public void setRawBody(byte[] body) {
        setRawBody(body, settings.contentType());
    }

    public void setRawBody(byte[] body, String contentType) {
        rawBody = new Body(body.clone(), Objects.requireNonNull(contentType, "contentType"));
    }

    public void clearRawBody() {
        rawBody = null;
    }

    public boolean hasRawBody() {
        return rawBody != null;
    }

    // ---- auth ----

    public void setBasicAuth(String username, String password) {
        credentials = new BasicCredentials(username, password);
    }

    public void clearBasicAuth() {
        credentials = null;
    }

    public Optional<BasicCredentials> basicAuth() {
        return Optional.ofNullable(credentials);
    }

    /**
     * Whether both endpoints require {@code Authorization: Bearer <token>} with a token from the simulator's
     * token endpoint ({@link OkastSimulator#oauth2()}), valid now. While on, basic credentials are ignored.
     */
    public void setOAuth2(boolean required) {
        oauth2 = required;
    }

    public boolean oauth2Required() {
        return oauth2;
    }

    // ---- content coding ----

    /**
     * Whether the status endpoint may answer gzip to a client whose Accept-Encoding allows it (starts as
     * {@link InstanceSettings#gzip()}). Off, every answer is identity and carries no Vary header, as before
     * compression existed; bombs ({@link Fault.GzipBomb}) are sent either way.
     */
    public void setGzip(boolean enabled) {
        gzip = enabled;
    }

    public boolean gzipEnabled() {
        return gzip;
    }

    // ---- faults ----

    /** Every status request gets these faults until {@link #clearFault()}; no argument clears. */
    public void setFault(Fault... active) {
        faults.set(active);
    }

    /** The next {@code requests} status requests get these faults, then answers go back to {@link #setFault}'s. */
    public void failNext(int requests, Fault... active) {
        faults.failNext(requests, active);
    }

    /** Clears both the standing faults and any left from {@link #failNext}. */
    public void clearFault() {
        faults.clear();
    }

    public List<Fault> activeFaults() {
        return faults.active();
    }

    // ---- request log ----

    /** Requests to _getIngestStatus.php, including those answered 401 or with a fault. */
    public long requestCount() {
        synchronized (requestMonitor) {
            return statusRequests;
        }
    }

    /**
     * Wall-clock arrival times of the latest status requests (at most {@value #REQUEST_LOG_SIZE}, oldest first),
     * including those answered 401 or with a fault: when, and how regularly, a client polled.
     */
    public List<Instant> requestLog() {
        synchronized (requestMonitor) {
            return List.copyOf(requestTimes);
        }
    }

    /** Requests to _addVideoLink.php that passed auth. */
    public synchronized long addRequestCount() {
        return addRequests;
    }

    /** Headers of the last status request, case-insensitive keys; empty before the first. */
    public Map<String, List<String>> lastRequestHeaders() {
        synchronized (requestMonitor) {
            return lastRequestHeaders;
        }
    }

    /** Waits until at least {@code count} status requests arrived; false on timeout. */
    public boolean awaitRequestCount(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requestMonitor) {
            while (statusRequests < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                requestMonitor.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    // ---- used by the endpoints ----

    void recordStatusRequest(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        synchronized (requestMonitor) {
            statusRequests++;
            if (requestTimes.size() == REQUEST_LOG_SIZE) {
                requestTimes.removeFirst();
            }
            requestTimes.addLast(Instant.now());
            lastRequestHeaders = Collections.unmodifiableMap(copy);
            requestMonitor.notifyAll();
        }
    }

    LongAdder wireBytesCounter() {
        return wireBytes;
    }

    void countGzipResponse() {
        gzipResponses.increment();
    }

    Access access(String authorizationHeader) {
        if (oauth2) {
            return tokens.check(authorizationHeader);
        }
        BasicCredentials required = credentials;
        return required == null || required.matches(authorizationHeader) ? Access.GRANTED : Access.BASIC_REFUSED;
    }

    List<Fault> takeFaults() {
        return faults.take();
    }

    /**
     * The answer without faults: the raw body if scripted, else the queue. {@code served} marks the
     * queue's current state as seen by a client, for {@link InstanceStats#servedStatusChanges()}.
     */
    Body normalBody(boolean served) {
        Body raw = rawBody;
        synchronized (this) {
            engine.sync(clock.instant()); // keeps counters and timers current even while scripted
            return raw != null ? raw : new Body(engine.body(served), settings.contentType());
        }
    }

    synchronized long fragmentsRendered() {
        return engine.fragmentsRendered();
    }

    synchronized void handleAdd(IngestRequest request) {
        addRequests++;
        submit(request);
    }
}
