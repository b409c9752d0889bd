package io.github.okastconnect.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server hosting any number of simulated Okast Channels instances on one port, each
 * under its own path prefix. Typical use:
 *
 * <pre>{@code
 * try (OkastSimulator sim = OkastSimulator.builder().clock(clock).build().start()) {
 *     SimulatedInstance paris = sim.addInstance(InstanceSettings.named("paris"));
 *     String url = sim.baseUrl("paris"); // http://127.0.0.1:PORT/paris
 * }
 * }</pre>
 */
public final class OkastSimulator implements AutoCloseable {

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final InetAddress bindAddress;
    private final int requestedPort;
    private final Clock clock;
    private final long seed;
    private final int threads;
    private final Map<String, SimulatedInstance> instances = new ConcurrentSkipListMap<>();
    private final List<AutoCloseable> companions = new CopyOnWriteArrayList<>();
    private final OAuth2TokenEndpoint oauth2;
    private HttpServer server; // guarded by this
    private ExecutorService executor; // guarded by this
    private volatile URI serverUri;
    private boolean closed; // guarded by this

    private OkastSimulator(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.requestedPort = builder.port;
        this.clock = builder.clock;
        this.seed = builder.seed;
        this.threads = builder.threads;
        this.oauth2 = new OAuth2TokenEndpoint(clock, this::serverUri, builder.tokenLifetime);
        builder.oauth2Clients.forEach(oauth2::registerClient);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this for chaining. */
    public synchronized OkastSimulator start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (server != null) {
            return this;
        }
        // Java 17's server otherwise stalls ~44 ms per keep-alive request (Nagle + delayed ACK);
        // the JDK reads this once, when its first server is created.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, requestedPort), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + bindAddress.getHostAddress() + ":" + requestedPort, e);
        }
        executor = newExecutor(threads);
        server.setExecutor(executor);
        server.createContext("/", new HttpRouter(instances::get, instances::values, oauth2));
        server.start();
        String host = bindAddress.isAnyLocalAddress() ? "127.0.0.1" : bindAddress.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        serverUri = URI.create("http://" + host + ":" + server.getAddress().getPort());
        return this;
    }

    private static ExecutorService newExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "okast-sim-http-" + counter.incrementAndGet());
                    thread.setDaemon(true); // a forgotten close() must not keep a test JVM alive
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    // ---- instances ----

    public SimulatedInstance addInstance(String name) {
        return addInstance(InstanceSettings.named(name));
    }

    public SimulatedInstance addInstance(InstanceSettings settings) {
        Objects.requireNonNull(settings, "settings");
        long instanceSeed = settings.seed() != null
                ? settings.seed()
                : seed * 1_000_003L + settings.name().hashCode();
        SimulatedInstance instance = new SimulatedInstance(settings, clock, instanceSeed, this::serverUri, oauth2);
        if (instances.putIfAbsent(settings.name(), instance) != null) {
            throw new IllegalArgumentException("instance already exists: " + settings.name());
        }
        return instance;
    }

    /**
     * Adds {@code count} instances named {@code prefix-000}, {@code prefix-001}, ... from one
     * template (give the template a {@link LoadProfile} for N instances x M live entries).
     */
    public List<SimulatedInstance> addInstances(String prefix, int count, InstanceSettings template) {
        int digits = Math.max(3, Integer.toString(Math.max(0, count - 1)).length());
        List<SimulatedInstance> added = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + String.format("%0" + digits + "d", i);
            added.add(addInstance(template.withName(name)));
        }
        return added;
    }

    public SimulatedInstance instance(String name) {
        SimulatedInstance instance = instances.get(name);
        if (instance == null) {
            throw new NoSuchElementException("no instance " + name);
        }
        return instance;
    }

    /** Instances sorted by name. */
    public Collection<SimulatedInstance> instances() {
        return List.copyOf(instances.values());
    }

    /** Later requests to it answer 404. */
    public boolean removeInstance(String name) {
        return instances.remove(name) != null;
    }

    /** Brings every instance up to the clock. */
    public void tick() {
        instances.values().forEach(SimulatedInstance::tick);
    }

    /** Sum of every instance's counters (each as of its last synchronisation). */
    public InstanceStats totalStats() {
        InstanceStats total = InstanceStats.ZERO;
        for (SimulatedInstance instance : instances.values()) {
            total = total.plus(instance.stats());
        }
        return total;
    }

    // ---- addresses ----

    /** {@code http://127.0.0.1:PORT} (no trailing slash); only after {@link #start()}. */
    public URI serverUri() {
        URI uri = serverUri;
        if (uri == null) {
            throw new IllegalStateException("not started");
        }
        return uri;
    }

    public int port() {
        return serverUri().getPort();
    }

    public String baseUrl(String instanceName) {
        return instance(instanceName).baseUrl();
    }

    public String statusUrl(String instanceName) {
        return instance(instanceName).statusUrl();
    }

    public String addUrl(String instanceName) {
        return instance(instanceName).addUrl();
    }

    public Clock clock() {
        return clock;
    }

    // ---- OAuth2 ----

    /**
     * The token endpoint ({@code POST /oauth2/token}, client credentials) that instances with
     * {@link InstanceSettings#oauth2()} take tokens from: clients, lifetime, revocation, faults, counters.
     */
    public OAuth2TokenEndpoint oauth2() {
        return oauth2;
    }

    /** {@code http://127.0.0.1:PORT/oauth2/token}; only after {@link #start()}. */
    public String tokenUrl() {
        return oauth2.tokenUrl();
    }

    // ---- feeder ----

    /** Starts posting new ingest requests to every instance over HTTP; stopped by {@link #close()} at the latest. */
    public IngestFeeder startFeeder(FeederSettings settings) {
        IngestFeeder feeder = new IngestFeeder(this, settings);
        companions.add(feeder);
        feeder.start();
        return feeder;
    }

    @Override
    public void close() {
        HttpServer stopping;
        ExecutorService pool;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = server;
            pool = executor;
        }
        for (AutoCloseable companion : companions) {
            try {
                companion.close();
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
        if (stopping != null) {
            stopping.stop(0);
        }
        if (pool != null) {
            pool.shutdownNow(); // interrupts trickles and latencies still sleeping
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private Clock clock = Clock.systemUTC();
        private long seed = 42;
        private int threads = 16;
        private final Map<String, String> oauth2Clients = new LinkedHashMap<>();
        private Duration tokenLifetime = OAuth2TokenEndpoint.DEFAULT_TOKEN_LIFETIME;

        private Builder() {}

        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        public Builder bindAddress(String hostOrAddress) {
            try {
                return bindAddress(InetAddress.getByName(hostOrAddress));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown bind address " + hostOrAddress, e);
            }
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port " + value);
            }
            this.port = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Base of every instance's Random (unless an instance sets its own). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Handler threads; each trickling or delayed answer holds one for its whole duration. */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads < 1");
            }
            this.threads = value;
            return this;
        }

        /** A client the token endpoint accepts (more can be registered later through {@link #oauth2()}). */
        public Builder oauth2Client(String clientId, String clientSecret) {
            if (clientId == null || clientId.isEmpty() || clientSecret == null || clientSecret.isEmpty()) {
                throw new IllegalArgumentException("client id and secret must not be empty");
            }
            oauth2Clients.put(clientId, clientSecret);
            return this;
        }

        /** Lifetime of issued tokens, whole seconds (default one hour); changeable later through {@link #oauth2()}. */
        public Builder tokenLifetime(Duration value) {
            this.tokenLifetime = Objects.requireNonNull(value, "tokenLifetime");
            return this;
        }

        public OkastSimulator build() {
            return new OkastSimulator(this);
        }
    }
}
