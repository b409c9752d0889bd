package io.github.okastconnect.testkit.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** One Kafka Connect distributed worker process; restartable in place (same port, same group). */
final class WorkerNode {

    private final String name;
    private final int restPort;
    private final Path configFile;
    private final Path logFile;
    private final Map<String, String> config;
    private ManagedProcess process;

    WorkerNode(Path workDir, int index, int restPort, Map<String, String> config) {
        this.name = "worker-" + index;
        this.restPort = restPort;
        this.configFile = workDir.resolve("config/" + name + ".properties");
        this.logFile = workDir.resolve("logs/" + name + ".log");
        this.config = Map.copyOf(config);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    int restPort() {
        return restPort;
    }

    Path logFile() {
        return logFile;
    }

    Map<String, String> config() {
        return config;
    }

    Optional<ManagedProcess> process() {
        return Optional.ofNullable(process);
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Launches the process; {@link #awaitHealthy} waits for it so that several workers can boot in parallel. */
    void launch(JvmLauncher launcher, PidFiles pids) {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        PropertiesFile.write(configFile, "Connect distributed worker written by LocalKafkaStack", config);
        process = launcher.start(
                name,
                "org.apache.kafka.connect.cli.ConnectDistributed",
                List.of(configFile.toAbsolutePath().toString()),
                logFile);
        pids.record(process);
    }

    /** GET /health answers 200 only once the worker has joined its group and read the config topic. */
    void awaitHealthy(HttpClient http, Duration timeout, BooleanSupplier aborted) {
        HttpRequest health = HttpRequest.newBuilder(url().resolve("/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        process.awaitReady("healthy (GET /health = 200)", timeout, aborted, () -> answers200(http, health));
    }

    void kill(PidFiles pids) {
        if (process != null) {
            process.kill();
            pids.forget(process);
        }
    }

    /** Returns true when the process exited by itself within {@code grace}. */
    boolean stop(Duration grace, PidFiles pids) {
        if (process == null) {
            return true;
        }
        boolean graceful = process.stop(grace);
        pids.forget(process);
        return graceful;
    }

    String name() {
        return name;
    }

    private static boolean answers200(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaProcessException("interrupted while waiting for a worker", e);
        }
    }
}
