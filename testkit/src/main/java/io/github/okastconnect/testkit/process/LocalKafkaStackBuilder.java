package io.github.okastconnect.testkit.process;

import io.github.okastconnect.testkit.WorkerProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Settings of a {@link LocalKafkaStack}; every setter returns the builder. */
public final class LocalKafkaStackBuilder {

    Path workDir;
    final List<Path> pluginPaths = new ArrayList<>();
    int workers = 1;
    boolean exactlyOnce;
    final Map<String, String> workerProperties = new LinkedHashMap<>();
    final Map<Integer, Map<String, String>> perWorkerProperties = new LinkedHashMap<>();
    int standbyWorkers;
    final Map<String, String> brokerProperties = new LinkedHashMap<>();
    String keyConverter = WorkerProperties.JSON_CONVERTER;
    String valueConverter = WorkerProperties.JSON_CONVERTER;
    String groupId = "local-connect";
    KafkaClasspath kafkaClasspath;
    String heap = "512m";
    boolean fastStartup = true;
    final List<String> jvmOptions = new ArrayList<>();
    final List<String> workerJvmOptions = new ArrayList<>();
    Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    Duration startupTimeout = Duration.ofSeconds(120);
    Duration stopTimeout = Duration.ofSeconds(15);
    boolean shutdownHook = true;
    boolean ownSession = true;

    LocalKafkaStackBuilder() {}

    /** Where configs, data and logs go; default: a temp dir deleted on close. Data is wiped at start. */
    public LocalKafkaStackBuilder workDir(Path workDir) {
        this.workDir = workDir;
        return this;
    }

    /** Adds a {@code plugin.path} entry (a directory of plugin folders, as Connect expects). */
    public LocalKafkaStackBuilder pluginPath(Path path) {
        pluginPaths.add(path);
        return this;
    }

    public LocalKafkaStackBuilder workers(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0");
        }
        this.workers = workers;
        return this;
    }

    /** {@code exactly.once.source.support=enabled} on every worker. */
    public LocalKafkaStackBuilder exactlyOnce(boolean exactlyOnce) {
        this.exactlyOnce = exactlyOnce;
        return this;
    }

    /** Any worker property; applied last, so it overrides the stack's defaults. */
    public LocalKafkaStackBuilder workerProperty(String key, String value) {
        workerProperties.put(key, value);
        return this;
    }

    /**
     * A property of worker {@code index} alone, applied after every other; e.g. another {@code group.id} and
     * storage topics make it a Connect cluster of its own on the same broker.
     */
    public LocalKafkaStackBuilder workerProperty(int index, String key, String value) {
        perWorkerProperties.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /**
     * The last {@code count} workers are configured (ports, config files) but not started by
     * {@link LocalKafkaStack#start()}: {@link LocalKafkaStack#startWorker} adds them later, e.g. to scale out.
     */
    public LocalKafkaStackBuilder standbyWorkers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("standbyWorkers must be >= 0");
        }
        this.standbyWorkers = count;
        return this;
    }

    /** Any broker property; applied last, so it overrides the stack's defaults. */
    public LocalKafkaStackBuilder brokerProperty(String key, String value) {
        brokerProperties.put(key, value);
        return this;
    }

    /** Default JsonConverter with {@code schemas.enable=false}. */
    public LocalKafkaStackBuilder keyConverter(String className) {
        this.keyConverter = className;
        return this;
    }

    /** Default JsonConverter with {@code schemas.enable=false}. */
    public LocalKafkaStackBuilder valueConverter(String className) {
        this.valueConverter = className;
        return this;
    }

    /** Connect group id; also the prefix of the config/offset/status topics. Default {@code local-connect}. */
    public LocalKafkaStackBuilder groupId(String groupId) {
        this.groupId = groupId;
        return this;
    }

    /** Default {@link KafkaClasspath#resolve()}. */
    public LocalKafkaStackBuilder kafkaClasspath(KafkaClasspath classpath) {
        this.kafkaClasspath = classpath;
        return this;
    }

    /** -Xmx of each process; default 512m. */
    public LocalKafkaStackBuilder heap(String heap) {
        this.heap = heap;
        return this;
    }

    /** Default true: {@code -XX:TieredStopAtLevel=1}, faster start, lower peak throughput. */
    public LocalKafkaStackBuilder fastStartup(boolean fastStartup) {
        this.fastStartup = fastStartup;
        return this;
    }

    public LocalKafkaStackBuilder jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** A JVM option for the worker processes only (after those of {@link #jvmOption}), e.g. a Java agent. */
    public LocalKafkaStackBuilder workerJvmOption(String option) {
        workerJvmOptions.add(option);
        return this;
    }

    public LocalKafkaStackBuilder javaExecutable(Path java) {
        this.javaExecutable = java;
        return this;
    }

    public LocalKafkaStackBuilder startupTimeout(Duration timeout) {
        this.startupTimeout = timeout;
        return this;
    }

    /**
     * How long a graceful stop (SIGTERM) may take before SIGKILL; default 15 s. A worker normally stops in 1-3 s,
     * so waiting longer only delays the kill when its shutdown hangs.
     */
    public LocalKafkaStackBuilder stopTimeout(Duration timeout) {
        this.stopTimeout = timeout;
        return this;
    }

    /** Default true. Turn off when the caller's own hook closes the stack in a specific order. */
    public LocalKafkaStackBuilder shutdownHook(boolean register) {
        this.shutdownHook = register;
        return this;
    }

    /** Default true: run processes under {@code setsid} (when installed) so a terminal Ctrl-C skips them. */
    public LocalKafkaStackBuilder ownSession(boolean ownSession) {
        this.ownSession = ownSession;
        return this;
    }

    /**
     * The properties of worker process: {@link WorkerProperties#common} for this stack's group, then what a process
     * on a fixed REST port needs, then {@link #workerProperty} overrides, then those of this worker alone.
     */
    Map<String, String> workerConfig(int index, String bootstrapServers, int restPort) {
        Map<String, String> config = WorkerProperties.common(bootstrapServers, groupId);
        config.put("key.converter", keyConverter);
        config.put("value.converter", valueConverter);
        if (!keyConverter.equals(WorkerProperties.JSON_CONVERTER)) {
            config.remove("key.converter.schemas.enable");
        }
        if (!valueConverter.equals(WorkerProperties.JSON_CONVERTER)) {
            config.remove("value.converter.schemas.enable");
        }
        config.put("listeners", "http://127.0.0.1:" + restPort);
        config.put("rest.advertised.host.name", "127.0.0.1");
        config.put("rest.advertised.port", Integer.toString(restPort));
        if (!pluginPaths.isEmpty()) {
            config.put(
                    "plugin.path",
                    pluginPaths.stream()
                            .map(p -> p.toAbsolutePath().normalize().toString())
                            .collect(Collectors.joining(",")));
        }
        // Kafka's default 60 s makes every restart re-deliver a minute of records; short keeps tests readable
        config.put("offset.flush.interval.ms", "5000");
        // Kafka's default 5 min: after a SIGKILL the dead worker's tasks would wait that long for reassignment
        config.put("scheduled.rebalance.max.delay.ms", "10000");
        // a SIGKILLed worker stays a group member until its session expires: 6 s (the broker's minimum), not 10
        config.put("session.timeout.ms", "6000");
        config.put("heartbeat.interval.ms", "2000");
        if (exactlyOnce) {
            config.put("exactly.once.source.support", "enabled");
        }
        config.putAll(workerProperties);
        config.putAll(perWorkerProperties.getOrDefault(index, Map.of()));
        return config;
    }

    /** How the stack starts its JVMs: heap, start-up mode and the caller's options, on Kafka's classpath. */
    JvmLauncher launcher(Path configDir, Path log4j) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + heap);
        if (fastStartup) {
            // C1 only: on 2 cores a worker is healthy in ~4 s instead of ~7 s; peak throughput is not the point here
            options.add("-XX:TieredStopAtLevel=1");
        }
        options.add("-Djava.awt.headless=true");
        options.addAll(jvmOptions);
        return new JvmLauncher(
                javaExecutable,
                kafkaClasspath != null ? kafkaClasspath : KafkaClasspath.resolve(),
                options,
                configDir,
                log4j,
                ownSession ? JvmLauncher.findSetsid() : Optional.empty());
    }

    public LocalKafkaStack build() {
        if (standbyWorkers > workers) {
            throw new IllegalArgumentException("standbyWorkers (" + standbyWorkers + ") > workers (" + workers + ")");
        }
        perWorkerProperties.keySet().forEach(i -> Objects.checkIndex(i, workers));
        return new LocalKafkaStack(this.copy());
    }

    /** The stack keeps its own copy: reusing the builder cannot change a stack already built. */
    private LocalKafkaStackBuilder copy() {
        LocalKafkaStackBuilder copy = new LocalKafkaStackBuilder();
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
