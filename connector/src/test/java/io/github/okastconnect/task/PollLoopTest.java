package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

import com.sun.net.httpserver.HttpServer;

import io.github.okastconnect.config.OkastSourceConfig;

/**
 * The task's poll loop against a real HTTP server: polls are launched soonest-due first, so no instance waits behind
 * those listed before it, and {@code poll()} goes back to Connect only with records or after its longest wait.
 */
class PollLoopTest {
    private static final List<String> INSTANCES = List.of("a", "b", "c", "d");
    private static final long ANSWER_MS = 60;

    private HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

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
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
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

    private Map<String, String> props(String maxConcurrentRequests) {
        Map<String, String> props = new HashMap<>();
        props.put(OkastSourceConfig.TASK_INSTANCES, String.join(",", INSTANCES));
        props.put("okast.instances", String.join(",", INSTANCES));
        for (String id : INSTANCES) {
            props.put("okast.instance." + id + ".url", "http://127.0.0.1:" + server.getAddress().getPort() + "/" + id);
        }
        // Four instances every 100 ms, one request at a time of 60 ms: the limit is reached all the time.
        props.put(OkastSourceConfig.POLL_INTERVAL_MS, "100");
        props.put(OkastSourceConfig.HTTP_MAX_CONCURRENT_REQUESTS, maxConcurrentRequests);
        props.put("validation.probe.enabled", "false");
        return props;
    }

    /** Runs a task over the four instances for {@code millis}, calling poll() as Connect does; what each returned. */
    private List<List<SourceRecord>> run(String maxConcurrentRequests, long millis) throws InterruptedException {
        Map<String, String> props = props(maxConcurrentRequests);
        OkastSourceTask task = new OkastSourceTask();
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
        run("1", 2_400);
        int least = INSTANCES.stream().mapToInt(id -> requests.getOrDefault(id, new AtomicInteger()).get()).min()
                .orElseThrow();
        int most = INSTANCES.stream().mapToInt(id -> requests.getOrDefault(id, new AtomicInteger()).get()).max()
                .orElseThrow();
        // ~40 requests fit in 2.4 s; launched in configuration order, c and d would get none.
        assertTrue(least >= 5 && least * 2 >= most, "requests per instance: " + requests);
    }

    @Test
    void pollReturnsOnlyWithRecordsOrAfterItsLongestWait() throws Exception {
        // Every pass of Connect's loop copies the offsets awaiting commit: polls falling due must not each cost one.
        List<List<SourceRecord>> returned = run("32", 2_000);
        int polls = requests.values().stream().mapToInt(AtomicInteger::get).sum();
        // Empty queues: no records ever. ~80 polls in 2 s (4 instances every 100 ms), one return per 500 ms.
        assertTrue(returned.stream().allMatch(java.util.Objects::isNull) && polls >= 40 && returned.size() <= 6,
                polls + " polls, " + returned.size() + " returns");
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
