package io.github.okastconnect.testkit.process;

import io.github.okastconnect.testkit.Directories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.Uuid;

/** The single KRaft node (broker + controller in one process) of a stack. */
final class BrokerNode {

    static final String NAME = "broker";
    private static final String READY_LINE = "Kafka Server started";

    private final int brokerPort;
    private final int controllerPort;
    private final Path configFile;
    private final Path dataDir;
    private final Path logFile;
    private final Map<String, String> overrides;
    private ManagedProcess process;

    BrokerNode(Path workDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.configFile = workDir.resolve("config/server.properties");
        this.dataDir = workDir.resolve("kafka-data");
        this.logFile = workDir.resolve("logs/broker.log");
        this.overrides = Map.copyOf(overrides);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    List<Integer> ports() {
        return List.of(brokerPort, controllerPort);
    }

    Path logFile() {
        return logFile;
    }

    Optional<ManagedProcess> process() {
        return Optional.ofNullable(process);
    }

    /** Formats a fresh single-node cluster: every start begins from empty topics. */
    void format(JvmLauncher launcher, Duration timeout, BooleanSupplier aborted) {
        Directories.deleteRecursively(dataDir);
        PropertiesFile.write(configFile, "KRaft combined broker+controller written by LocalKafkaStack", config());
        // Uuid.randomUuid() is what `StorageTool random-uuid` prints; calling it here saves a JVM start (~1 s).
        String clusterId = Uuid.randomUuid().toString();
        launcher.run(
                "storage-format",
                "kafka.tools.StorageTool",
                List.of(
                        "format",
                        "--standalone",
                        "-t",
                        clusterId,
                        "-c",
                        configFile.toAbsolutePath().toString()),
                logFile.resolveSibling("storage-format.log"),
                timeout,
                aborted);
    }

    ManagedProcess start(JvmLauncher launcher, PidFiles pids, Duration timeout, BooleanSupplier aborted) {
        process = launcher.start(
                NAME, "kafka.Kafka", List.of(configFile.toAbsolutePath().toString()), logFile);
        pids.record(process);
        process.awaitReady("ready (\"" + READY_LINE + "\")", timeout, aborted, () -> process.logContains(READY_LINE));
        return process;
    }

    /** SIGKILL; {@link #start} brings it back on the same data dir and ports. */
    void kill(PidFiles pids) {
        if (process != null) {
            process.kill();
            pids.forget(process);
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    void stop(Duration grace, PidFiles pids) {
        if (process != null) {
            process.stop(grace);
            pids.forget(process);
        }
    }

    private Map<String, String> config() {
        String listeners = "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        config.put("listeners", listeners);
        config.put("advertised.listeners", listeners);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.put("log.dirs", dataDir.toAbsolutePath().toString());
        config.put("num.partitions", "1");
        // one node: every internal topic must live with replication 1
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions per internal topic (the default) cost seconds on the first group or transaction
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.num.partitions", "5");
        // nothing waits for more members to join: groups form immediately
        config.put("group.initial.rebalance.delay.ms", "0");
        config.putAll(overrides);
        return config;
    }
}
