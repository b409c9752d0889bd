package io.github.okastconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.github.okastconnect.it.OkastJson.Entry;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.LogCapture;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import io.github.okastconnect.testkit.ScriptedStack;
import io.github.okastconnect.testkit.SecretScan;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.TopicReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every HTTP fault the field has shown, each on its own instance of one connector with a single task, against a
 * real HTTP server and a real Connect worker. For each: the task stays RUNNING, its state is unchanged, no spurious
 * event, exactly one WARN naming the instance and the cause, growing capped backoff, the healthy instance unaffected,
 * and after recovery the next real change is emitted exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixIT {
    private static final String NAME = "okast-faults";
    private static final String TOPIC = "okast.faults";
    private static final String SECRET = "s3cret-that-must-never-show";
    private static final long MAX_BODY = 64 * 1024;

    private ScriptedOkastServer otherHost;

    @RegisterExtension
    final ScriptedStack stack = ScriptedStack.of(SecretScan.of(SECRET));

    private TopicReader consumer;
    private LogCapture logs;
    private ScriptedOkastServer refusing;

    /** Fault name → what the server does during the fault phase. */
    private final Map<String, ScriptedOkastServer.Handler> faults = new LinkedHashMap<>();
    /** Words the single WARN of each fault must contain. */
    private final Map<String, String> expectedCause = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        // The whole run is scanned, from before the connector was created to after the worker shut down: the
        // phases' clear() only restarts lines(), never what the scan reads.
        logs = stack.logs();
        otherHost = stack.closeLast(new ScriptedOkastServer());
        refusing = stack.closeLast(new ScriptedOkastServer());
        fault("s401", status(401, "", Map.of("WWW-Authenticate", "Basic realm=\"okast\"")), "credentials");
        fault("s403", status(403, "Forbidden", Map.of()), "credentials");
        fault("s404", status(404, "Not Found", Map.of()), "HTTP 404");
        fault("s429", status(429, "slow down", Map.of("Retry-After", "2")), "HTTP 429");
        fault("s500", status(500, "<h1>Internal Server Error</h1>", Map.of()), "HTTP 5xx");
        fault("s503", status(503, "", Map.of()), "HTTP 5xx");
        fault("refused", null, "connection refused");
        fault("timeout", ex -> sleep(ex, 3000), "http.read.timeout.ms");
        fault("trickle", this::trickle, "http.read.timeout.ms");
        fault("html", body("<!DOCTYPE html><html><body>Maintenance</body></html>"), "malformed body");
        fault(
                "truncated",
                body("[{\"request\":{\"filePath\":\"a.mp4\"},\"requestTime\":\"2026-1128 10:0"),
                "malformed body");
        fault("empty", body(""), "empty body");
        fault("object", body("{\"error\":\"session expired\"}"), "JSON object");
        fault(
                "phpwarn",
                body("<br />\n<b>Warning</b>:  Undefined variable $x in /var/www/html/synthesia/"
                        + "_getIngestStatus.php on line 12<br />\n[]"),
                "malformed body");
        // Invalid UTF-8 in the array's structure, where no element can be delimited: the body is refused whole.
        // (Inside one entry's string it skips that entry alone: IngestStatusParserTest.)
        fault(
                "badutf8",
                bytes(new byte[] {
                    '[',
                    '{',
                    '"',
                    's',
                    't',
                    'a',
                    't',
                    'u',
                    's',
                    '"',
                    ':',
                    '"',
                    'X',
                    '"',
                    '}',
                    (byte) 0xC3,
                    (byte) 0x28,
                    ']'
                }),
                "malformed body");
        fault("toolarge", body("[" + "{\"status\":\"PENDING\"},".repeat(5000) + "{}]"), "http.max.response.bytes");
        fault(
                "redirect",
                ex -> {
                    ex.getResponseHeaders()
                            .add("Location", otherHost.baseUrl("stolen") + ScriptedOkastServer.STATUS_PATH);
                    ex.sendResponseHeaders(302, -1);
                },
                "another origin");
        consumer = stack.closeFirst(TopicReader.subscribe(stack.cluster().bootstrapServers(), List.of(TOPIC), false));
    }

    private void fault(String id, ScriptedOkastServer.Handler handler, String cause) {
        faults.put(id, handler);
        expectedCause.put(id, cause);
    }

    private static ScriptedOkastServer.Handler status(int code, String body, Map<String, String> headers) {
        return ex -> {
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        };
    }

    private static ScriptedOkastServer.Handler body(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ScriptedOkastServer.Handler bytes(byte[] b) {
        return ex -> {
            ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        };
    }

    private static void sleep(HttpExchange ex, long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status(200, "[]", Map.of()).handle(ex);
    }

    /** A valid body sent at ~50 bytes/s: it would complete, but far past the read deadline. */
    private void trickle(HttpExchange ex) throws IOException {
        byte[] b = OkastJson.body(List.of(entry("trickle", "PENDING"))).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < b.length; i += 10) {
                out.write(b, i, Math.min(10, b.length - i));
                out.flush();
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGaveUp) {
            // Expected: the connector abandons the response at its deadline.
        }
    }

    private static Entry entry(String instance, String status) {
        return new Entry(
                "https://storage/" + instance + ".mp4",
                "2026-1128 09:00:00",
                "2026-1128 09:00:0" + (status.equals("PENDING") ? "0" : "9"),
                status,
                null);
    }

    private static String healthyBody(String status) {
        return OkastJson.body(List.of(entry("healthy", status)));
    }

    private Map<String, String> config() {
        Map<String, String> c = SourceConfig.of(TOPIC, 1, 300);
        c.put("backoff.initial.ms", "200");
        c.put("backoff.max.ms", "1600");
        c.put("http.read.timeout.ms", "1000");
        c.put("http.connect.timeout.ms", "1000");
        c.put("http.max.response.bytes", String.valueOf(MAX_BODY));
        List<String> ids = new ArrayList<>(faults.keySet());
        ids.add("healthy");
        c.put("okast.instances", String.join(",", ids));
        c.put("state.bootstrap.servers", stack.cluster().bootstrapServers());
        for (String id : ids) {
            c.put(
                    "okast.instance." + id + ".url",
                    id.equals("refused") ? refusing.baseUrl(id) : stack.server().baseUrl(id));
            c.put("okast.instance." + id + ".auth.type", "basic");
            c.put("okast.instance." + id + ".auth.username", "ops");
            c.put("okast.instance." + id + ".auth.password", SECRET);
        }
        return c;
    }

    @Test
    void everyFaultIsContainedReportedOnceAndRecoveredFromExactlyOnce() throws Exception {
        // Phase 0: every instance answers one PENDING entry.
        for (String id : faults.keySet()) {
            stack.server().setBody(id, OkastJson.body(List.of(entry(id, "PENDING"))));
        }
        refusing.setBody("refused", OkastJson.body(List.of(entry("refused", "PENDING"))));
        stack.server().setBody("healthy", healthyBody("PENDING"));
        stack.cluster().rest().createConnector(NAME, config());
        stack.cluster().rest().awaitRunning(NAME, 1);
        List<LifecycleEvent> first = consumer.take(faults.size() + 1, Duration.ofSeconds(30));
        assertEquals(faults.size() + 1, first.size(), first.toString());
        assertTrue(first.stream().allMatch(e -> e.changeType().equals("NEW")));

        // Phase 1: the faults. The refused instance's server goes away: its port now refuses connections.
        logs.clear();
        faults.forEach((id, handler) -> {
            if (handler != null) {
                stack.server().setHandler(id, handler);
            }
        });
        int refusedPort = refusing.port();
        refusing.close();
        long faultStart = System.nanoTime();
        Thread.sleep(1500);
        stack.server().setBody("healthy", healthyBody("DOWNLOADING"));
        Thread.sleep(5000);

        // The healthy instance carried on; nothing came from the faulty ones.
        List<LifecycleEvent> during = consumer.drain(Duration.ofSeconds(1));
        assertEquals(
                List.of("STATUS_CHANGED"),
                during.stream().map(LifecycleEvent::changeType).toList(),
                during.toString());
        assertEquals("healthy", during.get(0).key().get("instance").asText());
        assertEquals(
                "RUNNING", stack.cluster().rest().getStatus(NAME).tasks().get(0).state());

        // Exactly one WARN per faulty instance, naming it and its cause; nothing leaks the secret.
        List<LogCapture.Line> lines = logs.lines();
        for (String id : faults.keySet()) {
            List<LogCapture.Line> warns = lines.stream()
                    .filter(l ->
                            l.level().toString().equals("WARN") && l.message().contains("'" + id + "'"))
                    .toList();
            assertEquals(1, warns.size(), id + " WARNs: " + warns);
            assertTrue(
                    warns.get(0).message().contains(expectedCause.get(id)),
                    id + ": " + warns.get(0).message());
            assertTrue(warns.get(0).context().contains(NAME), "MDC context names the connector: " + warns.get(0));
        }
        SecretScan.of(SECRET).assertAbsent(logs);

        // Credentials were never sent to the other origin.
        assertEquals(0, otherHost.requestCount("stolen"));

        // Backoff grows and is capped (200 ms doubling, ±20 % jitter, 1600 ms cap, polled every ≤ 500 ms).
        List<Long> gaps = gapsMillis(stack.server().requestNanos("s500"), faultStart);
        assertTrue(gaps.size() >= 4, "s500 retried: " + gaps);
        assertTrue(gaps.get(2) > gaps.get(0), "backoff grows: " + gaps);
        assertTrue(gaps.stream().allMatch(g -> g <= 1600 * 1.2 + 600), "backoff capped: " + gaps);
        assertTrue(gaps.stream().skip(3).allMatch(g -> g >= 1600 * 0.8 - 100), "reaches the cap: " + gaps);
        // Retry-After: 2 s is honoured as a floor.
        List<Long> limited = gapsMillis(stack.server().requestNanos("s429"), faultStart);
        assertTrue(limited.stream().allMatch(g -> g >= 1900), "Retry-After honoured: " + limited);

        // Phase 2: recovery. Every instance answers the same entry, now DONE: one STATUS_CHANGED each, no NEW.
        logs.clear();
        for (String id : faults.keySet()) {
            stack.server().clearHandler(id);
            stack.server().setBody(id, OkastJson.body(List.of(entry(id, "DONE"))));
        }
        refusing = new ScriptedOkastServer(refusedPort);
        refusing.setBody("refused", OkastJson.body(List.of(entry("refused", "DONE"))));
        List<LifecycleEvent> recovered = consumer.take(faults.size(), Duration.ofSeconds(40));
        Map<String, List<String>> byInstance = recovered.stream()
                .collect(Collectors.groupingBy(
                        e -> e.key().get("instance").asText(),
                        Collectors.mapping(LifecycleEvent::changeType, Collectors.toList())));
        Map<String, List<String>> expected = new HashMap<>();
        faults.keySet().forEach(id -> expected.put(id, List.of("STATUS_CHANGED")));
        assertEquals(expected, byInstance);
        assertTrue(recovered.stream().allMatch(e -> "PENDING".equals(e.text("previousStatus"))));
        Thread.sleep(1500);
        assertEquals(List.of(), consumer.drain(Duration.ofSeconds(1)), "nothing more after recovery");
        SecretScan.of(SECRET).assertAbsent(logs);
    }

    private static List<Long> gapsMillis(List<Long> nanos, long after) {
        List<Long> relevant = nanos.stream().filter(n -> n >= after).toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < relevant.size(); i++) {
            gaps.add((relevant.get(i) - relevant.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }
}
