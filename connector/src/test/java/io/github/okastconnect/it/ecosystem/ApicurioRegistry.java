package io.github.okastconnect.it.ecosystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry 2.6 (in-memory storage) run as a child process of the test JVM, bound to 127.0.0.1 on a
 * free port. Maven unpacks it into target/ (connector/pom.xml, pre-integration-test) and passes its location as
 * system properties. {@link #close()} stops it; a shutdown hook stops it too if the test JVM ends first.
 */
final class ApicurioRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIR_PROPERTY = "okast.apicurio.registry.dir";
    private static final String JAR_PROPERTY = "okast.apicurio.registry.jar";

    private final Process process;
    private final Thread shutdownHook;
    private final Path log;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long launched;
    private Duration startup;

    private ApicurioRegistry(Process process, Thread shutdownHook, Path log, int port, long launched) {
        this.launched = launched;
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.log = log;
        this.port = port;
    }

    /** How long the registry took from launch to its first answer. */
    Duration startup() {
        return startup;
    }

    /**
     * Launches the registry and returns at once, so the caller can start other things meanwhile; then call
     * {@link #awaitReady()}.
     */
    static ApicurioRegistry launch() throws IOException {
        String dir = System.getProperty(DIR_PROPERTY);
        String jar = System.getProperty(JAR_PROPERTY);
        if (dir == null || jar == null || !Files.isRegularFile(Path.of(dir, jar))) {
            throw new IllegalStateException("Apicurio Registry not found (system properties " + DIR_PROPERTY + "="
                    + dir + ", " + JAR_PROPERTY + "=" + jar + "). Maven unpacks it before the integration tests:"
                    + " run this test with mvn -pl connector -am verify -Dit.test=SchemaRegistryIT");
        }
        int port = freePort();
        Path log = Path.of(dir).resolveSibling("apicurio-registry-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        jar)
                .directory(Path.of(dir).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        long launched = System.nanoTime();
        Process process = pb.start();
        Thread hook = new Thread(process::destroyForcibly, "stop-apicurio-registry");
        Runtime.getRuntime().addShutdownHook(hook);
        return new ApicurioRegistry(process, hook, log, port, launched);
    }

    /** Waits (up to 3 minutes: the machine may be busy) until the registry's REST API answers. */
    void awaitReady() throws InterruptedException {
        long deadline = launched + TimeUnit.MINUTES.toNanos(3);
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue()
                        + " before answering; its log (" + log + "):\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Apicurio Registry did not answer on " + baseUrl()
                        + " within 3 minutes; its log (" + log + "):\n" + logTail());
            }
            Thread.sleep(100);
        }
        if (startup == null) {
            startup = Duration.ofNanos(System.nanoTime() - launched);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private boolean answers() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(baseUrl() + "/apis/registry/v2/system/info"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The URL Apicurio's converters and serdes take as {@code apicurio.registry.url}. */
    String registryApiUrl() {
        return baseUrl() + "/apis/registry/v2";
    }

    /** One REST answer: the HTTP status and the body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** Sends a request to the registry; {@code path} starts with /apis/. */
    Answer call(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET of a JSON resource that must exist. */
    JsonNode get(String path) {
        Answer a = call("GET", path, null, null);
        if (a.status() != 200) {
            throw new AssertionError("GET " + path + " -> " + a.status() + " " + a.body());
        }
        return a.json();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs anyway, on a process that is gone.
        }
    }
}
