package io.github.okastconnect.quickstart.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stock Apache Kafka as users deploy it, on 127.0.0.1: one KRaft node (broker + controller) and N Kafka Connect
 * distributed workers, each a separate JVM on Kafka's own jars (see {@link KafkaClasspath}), so a connector found
 * on {@code plugin.path} is loaded through Connect's real plugin isolation.
 *
 * <pre>{@code
 * try (LocalKafkaStack stack = LocalKafkaStack.builder()
 *         .workDir(Path.of("target/kafka-it"))
 *         .pluginPath(Path.of("../../connector/target/plugin"))
 *         .workers(2)
 *         .build()
 *         .start()) {
 *     ConnectRestClient rest = stack.restClient(0);
 *     ...
 * }
 * }</pre>
 *
 * <p>Work dir layout: {@code config/} (server.properties, worker-N.properties, JVM argument files),
 * {@code kafka-data/} and {@code logs/} (broker.log, storage-format.log, worker-N.log; a restarted worker appends),
 * both wiped at every start, {@code pids/}, {@code log4j2.xml}, {@code .lock}. One running stack per work dir;
 * processes left there by a driver that was SIGKILLed are killed at the next start. Without
 * {@link Builder#workDir} a temp dir is used and deleted on close.
 *
 * <p>{@link #close()} stops every process (workers first, gracefully, then the broker) and waits until they have
 * exited and their ports are free. A JVM shutdown hook does the same on Ctrl-C. The processes run in their own
 * session (via {@code setsid} when present) so that a terminal Ctrl-C reaches only the driving JVM.
 */
public final class LocalKafkaStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaStack.class);
    private static final Duration PORT_RELEASE_TIMEOUT = Duration.ofSeconds(10);

    private final Builder settings;
    private final boolean temporaryWorkDir;
    private Path workDir;
    private WorkDirLock workDirLock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::close, "local-kafka-stack-shutdown");

    /** Read by the start-up wait loops without the lock, so that close() can abort a start in progress. */
    private volatile boolean closing;

    private boolean started;
    private boolean closed;
    private JvmLauncher launcher;
    /** The launcher plus the worker-only JVM options (a Java agent with its own port would clash on the broker). */
    private JvmLauncher workerLauncher;

    private PidFiles pids;
    private BrokerNode broker;
    private final List<WorkerNode> workers = new ArrayList<>();
    private StartTimes startTimes;

    private LocalKafkaStack(Builder settings) {
        this.settings = settings;
        this.temporaryWorkDir = settings.workDir == null;
        this.workDir =
                temporaryWorkDir ? null : settings.workDir.toAbsolutePath().normalize();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long the last {@link #start()} took, phase by phase. */
    public record StartTimes(Duration format, Duration broker, Duration workers) {
        public Duration total() {
            return format.plus(broker).plus(workers);
        }
    }

    /**
     * Formats a fresh cluster, starts the broker, then the workers in parallel, and returns once every worker
     * answers {@code GET /health} with 200. On failure everything started so far is stopped again.
     */
    public synchronized LocalKafkaStack start() {
        if (started) {
            throw new IllegalStateException("a LocalKafkaStack starts only once; build a new one");
        }
        started = true;
        try {
            prepare();
            long t0 = System.nanoTime();
            broker.format(launcher, settings.startupTimeout, () -> closing);
            long t1 = System.nanoTime();
            broker.start(launcher, pids, settings.startupTimeout, () -> closing);
            long t2 = System.nanoTime();
            List<WorkerNode> initial = workers.subList(0, workers.size() - settings.standbyWorkers);
            initial.forEach(w -> w.launch(workerLauncher, pids));
            initial.forEach(w -> w.awaitHealthy(http, settings.startupTimeout, () -> closing));
            long t3 = System.nanoTime();
            startTimes =
                    new StartTimes(Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2));
            log.info(
                    "Kafka stack up in {} ms (format {}, broker {}, {} worker(s) {}); bootstrap {}, work dir {}",
                    startTimes.total().toMillis(),
                    startTimes.format().toMillis(),
                    startTimes.broker().toMillis(),
                    workers.size(),
                    startTimes.workers().toMillis(),
                    bootstrapServers(),
                    workDir);
            return this;
        } catch (RuntimeException e) {
            // the caller never gets a stack to close: do it here (also drops the hook and a temp work dir)
            close();
            throw e;
        }
    }

    private void prepare() {
        if (temporaryWorkDir) {
            try {
                workDir = Files.createTempDirectory("local-kafka-stack-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        workDirLock = WorkDirLock.acquire(workDir);
        pids = new PidFiles(workDir.resolve("pids"), workDir.toString());
        int reaped = pids.reapOrphans();
        if (reaped > 0) {
            log.warn("killed {} process(es) left behind by an earlier run in {}", reaped, workDir);
        }
        // every start is a new cluster: logs of an earlier one would only mislead
        BrokerNode.deleteRecursively(workDir.resolve("logs"));
        Path log4j = workDir.resolve("log4j2.xml");
        JvmLauncher.writeLog4jConfig(log4j);
        List<String> jvmOptions = new ArrayList<>();
        jvmOptions.add("-Xmx" + settings.heap);
        if (settings.fastStartup) {
            // C1 only: on 2 cores a worker is healthy in ~4 s instead of ~7 s; peak throughput is not the point here
            jvmOptions.add("-XX:TieredStopAtLevel=1");
        }
        jvmOptions.add("-Djava.awt.headless=true");
        jvmOptions.addAll(settings.jvmOptions);
        KafkaClasspath classpath = settings.kafkaClasspath != null ? settings.kafkaClasspath : KafkaClasspath.resolve();
        launcher = new JvmLauncher(
                settings.javaExecutable,
                classpath,
                jvmOptions,
                workDir.resolve("config"),
                log4j,
                settings.ownSession ? JvmLauncher.findSetsid() : Optional.empty());
        workerLauncher = launcher.withOptions(settings.workerJvmOptions);

        List<Integer> ports = FreePorts.allocate(2 + settings.workers);
        broker = new BrokerNode(workDir, ports.get(0), ports.get(1), settings.brokerProperties);
        for (int i = 0; i < settings.workers; i++) {
            int restPort = ports.get(2 + i);
            Map<String, String> config = newWorkerConfig(restPort);
            config.putAll(settings.perWorkerProperties.getOrDefault(i, Map.of()));
            workers.add(new WorkerNode(workDir, i, restPort, config));
        }
        if (settings.shutdownHook) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private Map<String, String> newWorkerConfig(int restPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("group.id", settings.groupId);
        config.put("config.storage.topic", settings.groupId + "-configs");
        config.put("offset.storage.topic", settings.groupId + "-offsets");
        config.put("status.storage.topic", settings.groupId + "-status");
        config.put("config.storage.replication.factor", "1");
        config.put("offset.storage.replication.factor", "1");
        config.put("status.storage.replication.factor", "1");
        config.put("key.converter", settings.keyConverter);
        config.put("value.converter", settings.valueConverter);
        if (settings.keyConverter.equals(Builder.JSON_CONVERTER)) {
            config.put("key.converter.schemas.enable", "false");
        }
        if (settings.valueConverter.equals(Builder.JSON_CONVERTER)) {
            config.put("value.converter.schemas.enable", "false");
        }
        config.put("listeners", "http://127.0.0.1:" + restPort);
        config.put("rest.advertised.host.name", "127.0.0.1");
        config.put("rest.advertised.port", Integer.toString(restPort));
        if (!settings.pluginPaths.isEmpty()) {
            config.put(
                    "plugin.path",
                    settings.pluginPaths.stream()
                            .map(p -> p.toAbsolutePath().normalize().toString())
                            .collect(Collectors.joining(",")));
        }
        // connectors must ship META-INF/services manifests; scanning costs seconds and GBs of heap per worker
        config.put("plugin.discovery", "service_load");
        // Kafka's default 60 s makes every restart re-deliver a minute of records; short keeps tests readable
        config.put("offset.flush.interval.ms", "5000");
        // Kafka's default 5 min: after a SIGKILL the dead worker's tasks would wait that long for reassignment
        config.put("scheduled.rebalance.max.delay.ms", "10000");
        // a SIGKILLed worker stays a group member until its session expires: 6 s (the broker's minimum), not 10
        config.put("session.timeout.ms", "6000");
        config.put("heartbeat.interval.ms", "2000");
        if (settings.exactlyOnce) {
            config.put("exactly.once.source.support", "enabled");
        }
        config.putAll(settings.workerProperties);
        return config;
    }

    public String bootstrapServers() {
        requireStarted();
        return broker.bootstrapServers();
    }

    public int workerCount() {
        return settings.workers;
    }

    /** Base URL of worker {@code index}'s REST API, e.g. {@code http://127.0.0.1:41234}. */
    public String connectUrl(int index) {
        return worker(index).url().toString();
    }

    public ConnectRestClient restClient(int index) {
        return new ConnectRestClient(worker(index).url());
    }

    /** SIGKILL (Process.destroyForcibly): no graceful leave, the group notices only when the session times out. */
    public synchronized void killWorker(int index) {
        worker(index).kill(pids);
    }

    /**
     * SIGTERM and wait: the worker stops its tasks, commits their offsets and leaves the group. Returns false when
     * it had to be SIGKILLed after {@link Builder#stopTimeout}: Connect 4.4.0's own shutdown sometimes hangs in
     * its REST server (its hook and Jetty's stop-at-shutdown hook race), and then the tasks never stop gracefully.
     */
    public synchronized boolean stopWorker(int index) {
        return worker(index).stop(settings.stopTimeout, pids);
    }

    /**
     * SIGKILL of the broker: no controlled shutdown, unflushed data is lost as on a power cut. Workers keep running
     * and retry; {@link #startBroker()} brings it back.
     */
    public synchronized void killBroker() {
        requireStarted();
        broker.kill(pids);
    }

    /** Starts a killed broker again on the same data dir and ports; returns once it logged "Kafka Server started". */
    public synchronized void startBroker() {
        requireStarted();
        if (broker.isRunning()) {
            throw new IllegalStateException("the broker is already running");
        }
        broker.start(launcher, pids, settings.startupTimeout, () -> closing);
    }

    /**
     * Starts a stopped, killed or standby ({@link Builder#standbyWorkers}) worker with its port, config and group;
     * returns once healthy.
     */
    public synchronized void startWorker(int index) {
        WorkerNode worker = worker(index);
        worker.launch(workerLauncher, pids);
        worker.awaitHealthy(http, settings.startupTimeout, () -> closing);
    }

    public synchronized boolean isWorkerRunning(int index) {
        return worker(index).isRunning();
    }

    public synchronized OptionalLong workerPid(int index) {
        return worker(index)
                .process()
                .filter(ManagedProcess::isAlive)
                .map(p -> OptionalLong.of(p.pid()))
                .orElse(OptionalLong.empty());
    }

    public synchronized OptionalLong brokerPid() {
        requireStarted();
        return broker.process()
                .filter(ManagedProcess::isAlive)
                .map(p -> OptionalLong.of(p.pid()))
                .orElse(OptionalLong.empty());
    }

    /** Every port the stack listens on: broker, controller, then one REST port per worker; empty before start. */
    public synchronized List<Integer> ports() {
        if (broker == null) {
            return List.of();
        }
        List<Integer> ports = new ArrayList<>(broker.ports());
        workers.forEach(w -> ports.add(w.restPort()));
        return List.copyOf(ports);
    }

    /** Pids of the stack's processes that are still alive (none after {@link #close()}). */
    public synchronized List<Long> alivePids() {
        List<Long> pids = new ArrayList<>();
        if (broker != null) {
            broker.process().filter(ManagedProcess::isAlive).ifPresent(p -> pids.add(p.pid()));
        }
        workers.forEach(w -> w.process().filter(ManagedProcess::isAlive).ifPresent(p -> pids.add(p.pid())));
        return pids;
    }

    /** The properties worker {@code index} runs with (as written to config/worker-N.properties). */
    public Map<String, String> workerConfig(int index) {
        return worker(index).config();
    }

    /** The work dir; for a temp one, only known once started. */
    public synchronized Path workDir() {
        return workDir;
    }

    public Path brokerLog() {
        requireStarted();
        return broker.logFile();
    }

    public Path workerLog(int index) {
        return worker(index).logFile();
    }

    public synchronized Optional<StartTimes> startTimes() {
        return Optional.ofNullable(startTimes);
    }

    /** Idempotent; safe from any thread, including while {@link #start()} is still waiting for a process. */
    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopAll();
            removeShutdownHook();
            if (workDirLock != null) {
                workDirLock.close();
            }
            if (temporaryWorkDir && workDir != null) {
                BrokerNode.deleteRecursively(workDir);
            }
        }
    }

    private void stopAll() {
        // workers before the broker: a worker stopping gracefully still needs it to leave its group
        parallel(workers, w -> {
            if (!w.stop(settings.stopTimeout, pids)) {
                log.warn(
                        "{} did not stop within {} s and was killed; see {}",
                        w.name(),
                        settings.stopTimeout.toSeconds(),
                        w.logFile());
            }
        });
        if (broker != null) {
            broker.stop(settings.stopTimeout, pids);
            awaitPortsFree();
        }
    }

    private void awaitPortsFree() {
        long deadline = System.nanoTime() + PORT_RELEASE_TIMEOUT.toNanos();
        List<Integer> busy = busyPorts();
        while (!busy.isEmpty() && System.nanoTime() < deadline) {
            ManagedProcess.sleep(Duration.ofMillis(100));
            busy = busyPorts();
        }
        if (!busy.isEmpty()) {
            log.warn("ports {} still in use {} s after the stack stopped", busy, PORT_RELEASE_TIMEOUT.toSeconds());
        }
    }

    private List<Integer> busyPorts() {
        return ports().stream().filter(p -> !FreePorts.isFree(p)).toList();
    }

    private void removeShutdownHook() {
        if (!settings.shutdownHook || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs and finds the stack closed
        }
    }

    private WorkerNode worker(int index) {
        requireStarted();
        Objects.checkIndex(index, workers.size());
        return workers.get(index);
    }

    private void requireStarted() {
        if (broker == null) {
            throw new IllegalStateException("stack not started");
        }
    }

    private static <T> void parallel(List<T> items, Consumer<T> action) {
        List<Thread> threads = items.stream()
                .map(item -> new Thread(() -> action.accept(item), "stack-stop"))
                .toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Settings of a stack; every setter returns the builder. */
    public static final class Builder {

        static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

        private Path workDir;
        private final List<Path> pluginPaths = new ArrayList<>();
        private int workers = 1;
        private boolean exactlyOnce;
        private final Map<String, String> workerProperties = new LinkedHashMap<>();
        private final Map<Integer, Map<String, String>> perWorkerProperties = new LinkedHashMap<>();
        private int standbyWorkers;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private String keyConverter = JSON_CONVERTER;
        private String valueConverter = JSON_CONVERTER;
        private String groupId = "local-connect";
        private KafkaClasspath kafkaClasspath;
        private String heap = "512m";
        private boolean fastStartup = true;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> workerJvmOptions = new ArrayList<>();
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        private Duration startupTimeout = Duration.ofSeconds(120);
        private Duration stopTimeout = Duration.ofSeconds(15);
        private boolean shutdownHook = true;
        private boolean ownSession = true;

        private Builder() {}

        /** Where configs, data and logs go; default: a temp dir deleted on close. Data is wiped at start. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** Adds a {@code plugin.path} entry (a directory of plugin folders, as Connect expects). */
        public Builder pluginPath(Path path) {
            pluginPaths.add(path);
            return this;
        }

        public Builder workers(int workers) {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be >= 0");
            }
            this.workers = workers;
            return this;
        }

        /** {@code exactly.once.source.support=enabled} on every worker. */
        public Builder exactlyOnce(boolean exactlyOnce) {
            this.exactlyOnce = exactlyOnce;
            return this;
        }

        /** Any worker property; applied last, so it overrides the stack's defaults. */
        public Builder workerProperty(String key, String value) {
            workerProperties.put(key, value);
            return this;
        }

        /**
         * A property of worker {@code index} alone, applied after every other; e.g. another {@code group.id} and
         * storage topics make it a Connect cluster of its own on the same broker.
         */
        public Builder workerProperty(int index, String key, String value) {
            perWorkerProperties
                    .computeIfAbsent(index, i -> new LinkedHashMap<>())
                    .put(key, value);
            return this;
        }

        /**
         * The last {@code count} workers are configured (ports, config files) but not started by
         * {@link LocalKafkaStack#start()}: {@link LocalKafkaStack#startWorker} adds them later, e.g. to scale out.
         */
        public Builder standbyWorkers(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("standbyWorkers must be >= 0");
            }
            this.standbyWorkers = count;
            return this;
        }

        /** Any broker property; applied last, so it overrides the stack's defaults. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** Default JsonConverter with {@code schemas.enable=false}. */
        public Builder keyConverter(String className) {
            this.keyConverter = className;
            return this;
        }

        /** Default JsonConverter with {@code schemas.enable=false}. */
        public Builder valueConverter(String className) {
            this.valueConverter = className;
            return this;
        }

        /** Connect group id; also the prefix of the config/offset/status topics. Default {@code local-connect}. */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** Default {@link KafkaClasspath#resolve()}. */
        public Builder kafkaClasspath(KafkaClasspath classpath) {
            this.kafkaClasspath = classpath;
            return this;
        }

        /** -Xmx of each process; default 512m. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** Default true: {@code -XX:TieredStopAtLevel=1}, faster start, lower peak throughput. */
        public Builder fastStartup(boolean fastStartup) {
            this.fastStartup = fastStartup;
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** A JVM option for the worker processes only (after those of {@link #jvmOption}), e.g. a Java agent. */
        public Builder workerJvmOption(String option) {
            workerJvmOptions.add(option);
            return this;
        }

        public Builder javaExecutable(Path java) {
            this.javaExecutable = java;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * How long a graceful stop (SIGTERM) may take before SIGKILL; default 15 s. A worker normally stops in 1-3 s,
         * so waiting longer only delays the kill when its shutdown hangs.
         */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** Default true. Turn off when the caller's own hook closes the stack in a specific order. */
        public Builder shutdownHook(boolean register) {
            this.shutdownHook = register;
            return this;
        }

        /** Default true: run processes under {@code setsid} (when installed) so a terminal Ctrl-C skips them. */
        public Builder ownSession(boolean ownSession) {
            this.ownSession = ownSession;
            return this;
        }

        public LocalKafkaStack build() {
            if (standbyWorkers > workers) {
                throw new IllegalArgumentException(
                        "standbyWorkers (" + standbyWorkers + ") > workers (" + workers + ")");
            }
            perWorkerProperties.keySet().forEach(i -> Objects.checkIndex(i, workers));
            return new LocalKafkaStack(this.copy());
        }

        /** The stack keeps its own copy: reusing the builder cannot change a stack already built. */
        private Builder copy() {
            Builder copy = new Builder();
            copy.workDir = workDir;
            copy.pluginPaths.addAll(pluginPaths);
            copy.workers = workers;
            copy.exactlyOnce = exactlyOnce;
            copy.workerProperties.putAll(workerProperties);
            perWorkerProperties.forEach((i, props) -> copy.perWorkerProperties.put(i, new LinkedHashMap<>(props)));
            copy.standbyWorkers = standbyWorkers;
            copy.brokerProperties.putAll(brokerProperties);
            copy.keyConverter = keyConverter;
            copy.valueConverter = valueConverter;
            copy.groupId = groupId;
            copy.kafkaClasspath = kafkaClasspath;
            copy.heap = heap;
            copy.fastStartup = fastStartup;
            copy.jvmOptions.addAll(jvmOptions);
            copy.workerJvmOptions.addAll(workerJvmOptions);
            copy.javaExecutable = javaExecutable;
            copy.startupTimeout = startupTimeout;
            copy.stopTimeout = stopTimeout;
            copy.shutdownHook = shutdownHook;
            copy.ownSession = ownSession;
            return copy;
        }
    }

    @Override
    public String toString() {
        return "LocalKafkaStack["
                + (broker == null
                        ? "not started"
                        : bootstrapServers() + ", workers "
                                + IntStream.range(0, workers.size())
                                        .mapToObj(this::connectUrl)
                                        .toList())
                + ", " + workDir + "]";
    }
}
