package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.okastconnect.config.OkastSourceConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The task's poll loop against a real HTTP server: polls are launched soonest-due first, so no instance waits behind
 * those listed before it, and {@code poll()} goes back to Connect only with records or after its longest wait.
 */
class PollLoopTest {
    private static final List<String> INSTANCES = List.of("a", "b", "c", "d");
    private static final long ANSWER_MS = 60;

    private HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile String queue = "[]";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String instance = exchange.getRequestURI().getPath().split("/")[1];
            requests.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(ANSWER_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = queue.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Map<String, String> props(String maxConcurrentRequests, String lingerMs, String intervalMs) {
        Map<String, String> props = new HashMap<>();
        props.put(OkastSourceConfig.TASK_INSTANCES, String.join(",", INSTANCES));
        props.put("okast.instances", String.join(",", INSTANCES));
        for (String id : INSTANCES) {
            props.put(
                    "okast.instance." + id + ".url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/" + id);
        }
        // Four instances every 100 ms, one request at a time of 60 ms: the limit is reached all the time.
        props.put(OkastSourceConfig.POLL_INTERVAL_MS, intervalMs);
        props.put(OkastSourceConfig.POLL_LINGER_MS, lingerMs);
        props.put(OkastSourceConfig.HTTP_MAX_CONCURRENT_REQUESTS, maxConcurrentRequests);
        props.put("validation.probe.enabled", "false");
        props.put(OkastSourceConfig.STATE_BOOTSTRAP_SERVERS, "127.0.0.1:9");
        return props;
    }

    /** Runs a task over the four instances for {@code millis}, calling poll() as Connect does; what each returned. */
    private List<List<SourceRecord>> run(Map<String, String> props, long millis) throws InterruptedException {
        // An empty state topic: this test is about the poll loop, not the state (the ITs use a real broker).
        OkastSourceTask task = new OkastSourceTask(java.time.Clock.systemUTC(), config -> new EmptyStateStore());
        task.initialize(new NoOffsetsContext(props));
        task.start(props);
        List<List<SourceRecord>> returned = new ArrayList<>();
        try {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < until) {
                returned.add(task.poll());
            }
        } finally {
            task.stop();
        }
        return returned;
    }

    @Test
    void instancesOverTheRequestLimitArePolledInTurn() throws Exception {
        run(props("1", "0", "100"), 2_400);
        int least = INSTANCES.stream()
                .mapToInt(id -> requests.getOrDefault(id, new AtomicInteger()).get())
                .min()
                .orElseThrow();
        int most = INSTANCES.stream()
                .mapToInt(id -> requests.getOrDefault(id, new AtomicInteger()).get())
                .max()
                .orElseThrow();
        // ~40 requests fit in 2.4 s; launched in configuration order, c and d would get none.
        assertTrue(least >= 5 && least * 2 >= most, "requests per instance: " + requests);
    }

    @Test
    void pollReturnsOnlyWithRecordsOrAfterItsLongestWait() throws Exception {
        // Every pass of Connect's loop copies the offsets awaiting commit: polls falling due must not each cost one.
        List<List<SourceRecord>> returned = run(props("32", "20", "100"), 2_000);
        int polls = requests.values().stream().mapToInt(AtomicInteger::get).sum();
        // Empty queues: no records ever. ~80 polls in 2 s (4 instances every 100 ms), one return per 500 ms.
        assertTrue(
                returned.stream().allMatch(java.util.Objects::isNull) && polls >= 40 && returned.size() <= 6,
                polls + " polls, " + returned.size() + " returns");
    }

    @Test
    void changesFoundWithinTheLingerAreHandedOverTogether() throws Exception {
        queue = "[{\"request\":{\"filePath\":\"https://x/a.mp4\"},\"requestTime\":\"2022-1018 14:20:00\","
                + "\"lastStatusUpdate\":\"2022-1018 14:20:00\",\"status\":\"DONE\"}]";
        // First polls at 0, 500, 1000 and 1500 ms; each brings one NEW event, the next polls none.
        assertEquals(List.of(1, 1, 1, 1), instancesPerReturn(run(props("32", "0", "2000"), 2_600)));
        // Lingering 1.2 s after the first change: the next two come in the same hand-over, the last one alone.
        assertEquals(List.of(3, 1), instancesPerReturn(run(props("32", "1200", "2000"), 2_600)));
    }

    /** For each poll() that returned records, how many instances they came from. */
    private static List<Integer> instancesPerReturn(List<List<SourceRecord>> returned) {
        return returned.stream()
                .filter(java.util.Objects::nonNull)
                .map(records -> (int) records.stream()
                        .map(r -> r.sourcePartition().get("instance"))
                        .distinct()
                        .count())
                .toList();
    }

    private record NoOffsetsContext(Map<String, String> configs) implements SourceTaskContext {
        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return null;
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    return Map.of();
                }
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("no metrics in this test");
        }
    }
}
