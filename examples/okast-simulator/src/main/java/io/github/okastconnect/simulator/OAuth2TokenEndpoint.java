package io.github.okastconnect.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The simulator's OAuth2 authorization server: {@code POST /oauth2/token} with the client-credentials grant
 * (RFC 6749 section 4.4), issuing random opaque bearer tokens that instances set to {@code oauth2} require.
 * Everything a test needs to steer or inspect it is here: registered clients, token lifetime, revocation,
 * faults, counters. Times come from the simulator's clock, so a {@link MutableClock} expires tokens without
 * sleeping. Client secrets and token values appear in no log, exception, error answer or toString.
 * Thread-safe.
 */
public final class OAuth2TokenEndpoint {

    /** Where the endpoint listens, at the server's root, outside every instance's path. */
    public static final String PATH = "/oauth2/token";

    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    /** An issued token's state; {@code revoked} flips, the rest never changes. */
    private record Token(String clientId, Instant expiresAt, boolean revoked) {}

    /** What the client gets back: the value and its lifetime in whole seconds. */
    record Issued(String accessToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Issued[accessToken=***, expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    private final Clock clock;
    private final Supplier<URI> serverUri;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> clientSecrets = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final FaultSchedule faults = new FaultSchedule();
    private volatile Duration tokenLifetime;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong issued = new AtomicLong();
    private final Map<String, LongAdder> issuedPerClient = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final Map<String, LongAdder> refusedPerError = new ConcurrentHashMap<>();
    private final List<TokenGrant> grants = new ArrayList<>(); // guarded by itself
    private final List<String> scopesSeen = new ArrayList<>(); // guarded by grants
    private final List<String> audiencesSeen = new ArrayList<>(); // guarded by grants

    OAuth2TokenEndpoint(Clock clock, Supplier<URI> serverUri, Duration tokenLifetime) {
        this.clock = clock;
        this.serverUri = serverUri;
        this.tokenLifetime = checkedLifetime(tokenLifetime);
    }

    /** {@code http://127.0.0.1:PORT/oauth2/token}; only after the simulator started. */
    public URI tokenUri() {
        return URI.create(serverUri.get() + PATH);
    }

    public String tokenUrl() {
        return tokenUri().toString();
    }

    // ---- clients ----

    /** Registers a client (or replaces its secret); its earlier tokens stay valid. */
    public void registerClient(String clientId, String clientSecret) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("client id and secret must not be empty");
        }
        clientSecrets.put(clientId, clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    /** Later token requests of this client get invalid_client; tokens it already holds stay valid. */
    public boolean removeClient(String clientId) {
        return clientSecrets.remove(clientId) != null;
    }

    /** Registered client ids, sorted. */
    public SortedSet<String> clientIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(clientSecrets.keySet()));
    }

    // ---- tokens ----

    /** Lifetime of tokens issued from now on (expires_in, whole seconds, at least one); issued ones keep theirs. */
    public void setTokenLifetime(Duration lifetime) {
        tokenLifetime = checkedLifetime(lifetime);
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** Issues a token to a registered client without HTTP, as a successful token request would. */
    public String issueToken(String clientId) {
        if (!clientSecrets.containsKey(clientId)) {
            throw new IllegalArgumentException("no registered client " + clientId);
        }
        return issue(clientId, null, null).accessToken();
    }

    /** Revokes one token; false if the simulator never issued it. */
    public boolean revoke(String accessToken) {
        return tokens.computeIfPresent(accessToken, (value, t) -> new Token(t.clientId(), t.expiresAt(), true)) != null;
    }

    /** Revokes every token issued so far; returns how many were not revoked yet. */
    public int revokeAll() {
        int count = 0;
        for (Map.Entry<String, Token> entry : tokens.entrySet()) {
            Token t = entry.getValue();
            if (!t.revoked()) {
                entry.setValue(new Token(t.clientId(), t.expiresAt(), true));
                count++;
            }
        }
        return count;
    }

    /** Tokens neither expired nor revoked by the clock's current instant. */
    public int activeTokenCount() {
        Instant now = clock.instant();
        return (int) tokens.values().stream()
                .filter(t -> !t.revoked() && now.isBefore(t.expiresAt()))
                .count();
    }

    // ---- faults ----

    /**
     * Every token request gets these faults until {@link #clearFault()}, combined as on the status endpoint:
     * e.g. {@code Fault.status(503)}, {@code Fault.closeConnection()}, {@code Fault.latency(d)} (a long one is
     * an endpoint that stops answering; closing the simulator ends it). Faults that cut or wrap the normal
     * answer (truncatedJson, phpWarning, disconnectMidBody) have none to work on here and are refused.
     */
    public void setFault(Fault... active) {
        faults.set(supported(active));
    }

    /** The next {@code requests} token requests get these faults, then back to {@link #setFault}'s. */
    public void failNext(int requests, Fault... active) {
        faults.failNext(requests, supported(active));
    }

    public void clearFault() {
        faults.clear();
    }

    // ---- counters ----

    /** Requests to the token endpoint, whatever their outcome (faults included). */
    public long requestCount() {
        return requests.get();
    }

    public long issuedCount() {
        return issued.get();
    }

    public long issuedCount(String clientId) {
        LongAdder count = issuedPerClient.get(clientId);
        return count == null ? 0 : count.sum();
    }

    /** Token requests answered with an OAuth2 error (4xx); faults are not refusals. */
    public long refusedCount() {
        return refused.get();
    }

    /** Refusals with this error code, e.g. {@code invalid_client}, {@code unsupported_grant_type}. */
    public long refusedCount(String error) {
        LongAdder count = refusedPerError.get(error);
        return count == null ? 0 : count.sum();
    }

    /** Every token issued, oldest first. */
    public List<TokenGrant> grants() {
        synchronized (grants) {
            return List.copyOf(grants);
        }
    }

    /** The scope parameter of every well-formed token request that had one, issued or refused, oldest first. */
    public List<String> scopesSeen() {
        synchronized (grants) {
            return List.copyOf(scopesSeen);
        }
    }

    /** The audience parameter of every well-formed token request that had one, issued or refused, oldest first. */
    public List<String> audiencesSeen() {
        synchronized (grants) {
            return List.copyOf(audiencesSeen);
        }
    }

    // ---- used by the handlers ----

    void countRequest() {
        requests.incrementAndGet();
    }

    List<Fault> takeFaults() {
        return faults.take();
    }

    void recordSeen(String scope, String audience) {
        synchronized (grants) {
            if (scope != null) {
                scopesSeen.add(scope);
            }
            if (audience != null) {
                audiencesSeen.add(audience);
            }
        }
    }

    void countRefused(String error) {
        refused.incrementAndGet();
        refusedPerError.computeIfAbsent(error, e -> new LongAdder()).increment();
    }

    /** Constant-time on the secret; an unknown client compares against nothing and fails. */
    boolean authenticates(String clientId, String clientSecret) {
        byte[] expected = clientSecrets.get(clientId);
        byte[] given = clientSecret.getBytes(StandardCharsets.UTF_8);
        return expected != null && MessageDigest.isEqual(expected, given);
    }

    Issued issue(String clientId, String scope, String audience) {
        Duration lifetime = tokenLifetime;
        Instant now = clock.instant();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(lifetime);
        tokens.put(value, new Token(clientId, expiresAt, false));
        issued.incrementAndGet();
        issuedPerClient.computeIfAbsent(clientId, c -> new LongAdder()).increment();
        synchronized (grants) {
            grants.add(new TokenGrant(clientId, scope, audience, now, expiresAt));
        }
        return new Issued(value, lifetime.toSeconds());
    }

    /** What an instance requiring OAuth2 makes of a request's Authorization header. */
    Access check(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Access.TOKEN_MISSING;
        }
        String header = authorizationHeader.trim();
        if (header.length() < 6
                || !header.regionMatches(true, 0, "Bearer", 0, 6)
                || (header.length() > 6 && header.charAt(6) != ' ')) {
            return Access.TOKEN_MISSING; // another scheme is no attempt at a bearer token
        }
        Token token = tokens.get(header.substring(6).trim());
        if (token == null) {
            return Access.TOKEN_UNKNOWN;
        }
        if (token.revoked()) {
            return Access.TOKEN_REVOKED;
        }
        return clock.instant().isBefore(token.expiresAt()) ? Access.GRANTED : Access.TOKEN_EXPIRED;
    }

    private static Duration checkedLifetime(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.toSeconds() < 1 || lifetime.toNanosPart() != 0) {
            throw new IllegalArgumentException("token lifetime must be a whole number of seconds, at least 1");
        }
        return lifetime;
    }

    private static Fault[] supported(Fault[] faults) {
        for (Fault fault : faults) {
            if (!FaultResponder.standsAlone(fault)) {
                throw new IllegalArgumentException(fault.getClass().getSimpleName()
                        + " needs the status endpoint's body; the token endpoint has none");
            }
        }
        return faults;
    }
}
