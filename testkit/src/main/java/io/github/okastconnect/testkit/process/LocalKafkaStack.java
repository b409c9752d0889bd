package io.github.okastconnect.testkit.process;

import io.github.okastconnect.testkit.Directories;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
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
 * {@link LocalKafkaStackBuilder#workDir} a temp dir is used and deleted on close.
 *
 * <p>{@link #close()} stops every process (workers first, gracefully, then the broker) and waits until they have
 * exited and their ports are free. A JVM shutdown hook does the same on Ctrl-C. The processes run in their own
 * session (via {@code setsid} when present) so that a terminal Ctrl-C reaches only the driving JVM.
 */
public final class LocalKafkaStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaStack.class);
    private static final Duration PORT_RELEASE_TIMEOUT = Duration.ofSeconds(10);

    private final LocalKafkaStackBuilder settings;
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

    LocalKafkaStack(LocalKafkaStackBuilder settings) {
        this.settings = settings;
        this.temporaryWorkDir = settings.workDir == null;
        this.workDir =
                temporaryWorkDir ? null : settings.workDir.toAbsolutePath().normalize();
    }

    public static LocalKafkaStackBuilder builder() {
        return new LocalKafkaStackBuilder();
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
        Directories.deleteRecursively(workDir.resolve("logs"));
        Path log4j = workDir.resolve("log4j2.xml");
        JvmLauncher.writeLog4jConfig(log4j);
        launcher = settings.launcher(workDir.resolve("config"), log4j);
        workerLauncher = launcher.withOptions(settings.workerJvmOptions);

        List<Integer> ports = FreePorts.allocate(2 + settings.workers);
        broker = new BrokerNode(workDir, ports.get(0), ports.get(1), settings.brokerProperties);
        for (int i = 0; i < settings.workers; i++) {
            int restPort = ports.get(2 + i);
            workers.add(new WorkerNode(
                    workDir, i, restPort, settings.workerConfig(i, broker.bootstrapServers(), restPort)));
        }
        if (settings.shutdownHook) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
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

    /** The REST client of the first running worker. */
    public synchronized ConnectRestClient liveRestClient() {
        return restClient(IntStream.range(0, workers.size())
                .filter(this::isWorkerRunning)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no worker running")));
    }

    /** Worker {@code index}'s id in Connect's status answers ({@code worker_id}), e.g. {@code 127.0.0.1:41234}. */
    public String workerId(int index) {
        return connectUrl(index).replaceFirst("^https?://", "");
    }

    /** SIGKILL (Process.destroyForcibly): no graceful leave, the group notices only when the session times out. */
    public synchronized void killWorker(int index) {
        worker(index).kill(pids);
    }

    /**
     * SIGTERM and wait: the worker stops its tasks, commits their offsets and leaves the group. Returns false when
     * it had to be SIGKILLed after {@link LocalKafkaStackBuilder#stopTimeout}: Connect 4.4.0's own shutdown sometimes hangs in
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
     * Starts a stopped, killed or standby ({@link LocalKafkaStackBuilder#standbyWorkers}) worker with its port, config and group;
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
                Directories.deleteRecursively(workDir);
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
