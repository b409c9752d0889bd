package io.github.okastconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.TestResources;
import io.github.okastconnect.it.OkastJson.Entry;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.ScriptedStack;
import io.github.okastconnect.testkit.SecretScan;
import io.github.okastconnect.testkit.StoredState;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's promise end to end: a real KRaft broker, a real Connect worker, a real HTTP endpoint scripted step by
 * step, the connector created over REST from config/okast-source-connector.json, and a plain consumer asserting the
 * exact events after every step, across connector, task and worker restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleStreamIT {
    private static final String NAME = "okast-ingest";
    private static final String TOPIC = "okast.ingest.lifecycle";
    private static final String PASSWORD = "pa55-w0rd-never-logged";

    @TempDir
    Path tmp;

    @RegisterExtension
    final ScriptedStack stack = ScriptedStack.of(SecretScan.of(PASSWORD))
            .workerProperties(Map.of(
                    "config.providers", "file",
                    "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));

    private TopicReader consumer;

    @BeforeAll
    void startEverything() throws Exception {
        stack.server()
                .setBody(
                        "paris",
                        new String(TestResources.bytes("seed-response-verbatim.json"), StandardCharsets.UTF_8));
        stack.server().setBody("lyon", "[]");
        stack.server()
                .requireAuthorization(
                        "paris",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        consumer = stack.closeFirst(TopicReader.subscribe(stack.cluster().bootstrapServers(), List.of(TOPIC), false));
    }

    private Map<String, String> connectorConfig() throws Exception {
        Path secrets = tmp.resolve("okast-secrets.properties");
        Files.writeString(secrets, "paris.username=ops\nparis.password=" + PASSWORD + "\n");
        Map<String, String> config = ConnectorConfigs.shipped();
        config.replaceAll((k, v) -> v.replace("/etc/kafka-connect/okast-secrets.properties", secrets.toString()));
        config.put("okast.instance.paris.url", stack.server().baseUrl("paris"));
        config.put("okast.instance.lyon.url", stack.server().baseUrl("lyon"));
        config.put("okast.instance.lyon.auth.type", "none");
        config.remove("okast.instance.lyon.auth.token");
        config.put("poll.interval.ms", "250");
        config.put("recovery.bootstrap.servers", stack.cluster().bootstrapServers());
        config.put("state.bootstrap.servers", stack.cluster().bootstrapServers());
        return config;
    }

    /** Waits for {@code count} events, then for three more polls of the instance, and checks nothing else came. */
    private List<LifecycleEvent> expect(int count, String instance) {
        List<LifecycleEvent> events = consumer.take(count, Duration.ofSeconds(30));
        assertEquals(count, events.size(), "events: " + events);
        int polls = stack.server().requestCount(instance);
        Waits.until(
                Duration.ofSeconds(20),
                "3 more polls of " + instance,
                () -> stack.server().requestCount(instance) >= polls + 3);
        List<LifecycleEvent> extra = consumer.drain(Duration.ofMillis(800));
        assertEquals(List.of(), extra, "no further event expected");
        return events;
    }

    private static List<String> types(List<LifecycleEvent> events) {
        return events.stream().map(LifecycleEvent::changeType).toList();
    }

    @Test
    void emitsExactlyTheLifecycleTransitionsAcrossRestarts() throws Exception {
        stack.cluster().rest().createConnector(NAME, connectorConfig());
        stack.cluster().rest().awaitRunning(NAME, 2);

        // 1. First sight: the four seed entries, verbatim, as NEW.
        List<LifecycleEvent> seed = expect(4, "paris");
        assertEquals(List.of("NEW", "NEW", "NEW", "NEW"), types(seed));
        LifecycleEvent first = seed.stream()
                .filter(e -> "2022-1018 14:20:00".equals(e.text("requestTime")))
                .findFirst()
                .orElseThrow();
        assertEquals("paris", first.key().get("instance").asText());
        assertEquals(
                "https://my_storage_system/sample_9-16_blurred_background.mp4",
                first.key().get("filePath").asText());
        assertEquals(0, first.key().get("occurrence").asInt());
        assertEquals("DONE", first.text("status"));
        assertNull(first.text("previousStatus"));
        assertNull(first.text("previousLastStatusUpdate"));
        assertEquals("2022-1018 14:20:02", first.text("lastStatusUpdate"));
        assertEquals(
                LocalDateTime.of(2022, 10, 18, 14, 20, 2)
                        .atZone(ZoneId.of("Europe/Paris"))
                        .toInstant()
                        .toEpochMilli(),
                first.value().get("lastStatusUpdateMs").asLong());
        assertEquals("92d53a18-f8d9-d874-f020-b57b76f7ffdf", first.text("destinationFolder"));
        assertEquals("queueBottom", first.text("destinationFolderKind"));
        LifecycleEvent noFilePath = seed.stream()
                .filter(e -> e.key().get("filePath").isNull())
                .findFirst()
                .orElseThrow();
        assertEquals("2022-1018 15:35:17", noFilePath.key().get("requestTime").asText());
        assertEquals("file path missing", noFilePath.text("statusError"));
        assertEquals("2022-10-19", noFilePath.text("reschedule"));
        long distinctKeys =
                seed.stream().map(e -> e.key().toString()).distinct().count();
        assertEquals(4, distinctKeys);

        // 2. Lyon's lifecycle: first sight, status change, lastStatusUpdate-only change, unchanged polls.
        Entry clip = new Entry("https://storage/clip.mp4", "2026-1128 10:00:00", "2026-1128 10:00:00", "PENDING", null);
        stack.server().setBody("lyon", OkastJson.body(List.of(clip)));
        assertEquals(List.of("NEW"), types(expect(1, "lyon")));

        clip = clip.withStatus("DOWNLOADING", "2026-1128 10:00:05");
        stack.server().setBody("lyon", OkastJson.body(List.of(clip)));
        LifecycleEvent downloading = expect(1, "lyon").get(0);
        assertEquals("STATUS_CHANGED", downloading.changeType());
        assertEquals("PENDING", downloading.text("previousStatus"));
        assertEquals("2026-1128 10:00:00", downloading.text("previousLastStatusUpdate"));
        assertEquals("DOWNLOADING", downloading.text("status"));

        clip = clip.withStatus("DOWNLOADING", "2026-1128 10:00:09");
        stack.server().setBody("lyon", OkastJson.body(List.of(clip)));
        LifecycleEvent progressed = expect(1, "lyon").get(0);
        assertEquals("UPDATED", progressed.changeType());
        assertEquals("DOWNLOADING", progressed.text("previousStatus"));
        assertEquals("2026-1128 10:00:09", progressed.text("lastStatusUpdate"));

        // 3. Re-ingest of the same file with a new requestTime is a new key; order in the array does not matter.
        Entry again = new Entry(clip.filePath(), "2026-1128 10:05:00", "2026-1128 10:05:00", "PENDING", null);
        stack.server().setBody("lyon", OkastJson.body(List.of(again, clip)));
        LifecycleEvent reingest = expect(1, "lyon").get(0);
        assertEquals("NEW", reingest.changeType());
        assertEquals("2026-1128 10:05:00", reingest.key().get("requestTime").asText());

        // 4. Purge: the old entry leaves the queue.
        stack.server().setBody("lyon", OkastJson.body(List.of(again)));
        LifecycleEvent removed = expect(1, "lyon").get(0);
        assertEquals("REMOVED", removed.changeType());
        assertEquals("2026-1128 10:00:00", removed.key().get("requestTime").asText());
        assertEquals("DOWNLOADING", removed.text("status"));

        // 5. Connector stopped, a change happens meanwhile, connector resumed: exactly that change, once.
        stack.cluster().rest().stop(NAME);
        again = again.withStatus("DOWNLOADING", "2026-1128 10:05:04");
        stack.server().setBody("lyon", OkastJson.body(List.of(again)));
        Thread.sleep(600);
        stack.cluster().rest().resume(NAME);
        stack.cluster().rest().awaitRunning(NAME, 2);
        LifecycleEvent afterResume = expect(1, "lyon").get(0);
        assertEquals("STATUS_CHANGED", afterResume.changeType());
        assertEquals("PENDING", afterResume.text("previousStatus"));

        // 6. Connector and task restart with nothing changed: nothing is emitted again; then one change, once.
        stack.cluster().rest().restart(NAME);
        stack.cluster().rest().awaitRunning(NAME, 2);
        int polls = stack.server().requestCount("lyon");
        Waits.until(
                Duration.ofSeconds(20),
                "polls after restart",
                () -> stack.server().requestCount("lyon") >= polls + 3);
        assertEquals(List.of(), consumer.drain(Duration.ofSeconds(1)), "restart must not re-emit");
        again = again.withStatus("PROCESSING", "2026-1128 10:05:30");
        stack.server().setBody("lyon", OkastJson.body(List.of(again)));
        assertEquals(List.of("STATUS_CHANGED"), types(expect(1, "lyon")));

        // 7. Worker restart (stop, change while down, start): the change is emitted once, nothing else.
        stack.cluster().stopWorker(0);
        again = again.withStatus("DONE", "2026-1128 10:06:00");
        stack.server().setBody("lyon", OkastJson.body(List.of(again)));
        stack.server().setBody("paris", "[]");
        stack.cluster().restartWorker(0);
        stack.cluster().rest().awaitRunning(NAME, 2);
        List<LifecycleEvent> afterWorkerRestart = consumer.take(5, Duration.ofSeconds(30));
        Map<String, Long> byType = afterWorkerRestart.stream()
                .collect(Collectors.groupingBy(LifecycleEvent::changeType, Collectors.counting()));
        assertEquals(Map.of("STATUS_CHANGED", 1L, "REMOVED", 4L), byType, afterWorkerRestart.toString());
        expect(0, "lyon");

        // 8. The stored state is bounded by the live queues: paris is empty now, lyon has one entry.
        assertEquals(
                Map.of("lyon", 1, "paris", 0),
                StoredState.entriesByInstance(
                        stack.cluster().bootstrapServers(), stack.cluster().rest(), NAME));

        // 9. Metrics over JMX (the worker registers plugin metrics in this JVM's platform MBean server).
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName lyonTask = new javax.management.ObjectName(
                "kafka.connect:type=plugins,connector=" + NAME + ",task=1,instance=lyon");
        assertEquals(1.0, (Double) jmx.getAttribute(lyonTask, "entries-tracked"));
        assertTrue((Double) jmx.getAttribute(lyonTask, "polls-total") >= 3);
        assertEquals(0.0, (Double) jmx.getAttribute(lyonTask, "poll-failures-total"));
        assertTrue((Double) jmx.getAttribute(lyonTask, "seconds-since-last-success") < 5);
        assertTrue((Double) jmx.getAttribute(lyonTask, "bytes-fetched-total") > 0);
        javax.management.ObjectName task1 =
                new javax.management.ObjectName("kafka.connect:type=plugins,connector=" + NAME + ",task=1");
        double maxDelay = (Double) jmx.getAttribute(task1, "poll-start-delay-max-ms");
        double avgDelay = (Double) jmx.getAttribute(task1, "poll-start-delay-avg-ms");
        // Exposed over JMX and sane: one instance on an idle task starts its polls about on time (every 250 ms here;
        // the bound leaves room for a slow CI machine, InstanceMetricsTest checks the values exactly).
        assertTrue(
                maxDelay >= 0 && maxDelay < 2_000 && avgDelay >= 0 && avgDelay <= maxDelay,
                "poll start delay avg " + avgDelay + " max " + maxDelay);
        // Counters restart with the task: since the worker restart lyon emitted exactly one status change.
        assertEquals(1.0, (Double) jmx.getAttribute(
                new javax.management.ObjectName("kafka.connect:type=plugins," + "connector=" + NAME
                        + ",task=1,instance=lyon,change-type=status_changed"),
                "events-total"));
        assertEquals(4.0, (Double) jmx.getAttribute(
                new javax.management.ObjectName("kafka.connect:type=plugins," + "connector=" + NAME
                        + ",task=0,instance=paris,change-type=removed"),
                "events-total"));

        // 10. Secrets: GET config shows the placeholder only; no record carries the password.
        String shownConfig = stack.cluster()
                .rest()
                .call("GET", "/connectors/" + NAME + "/config", null)
                .body();
        assertTrue(shownConfig.contains("${file:"), shownConfig);
        List<String> everything = new ArrayList<>();
        try (TopicReader all = TopicReader.subscribe(stack.cluster().bootstrapServers(), List.of(TOPIC), false)) {
            all.drain(Duration.ofSeconds(3)).forEach(e -> everything.add(e.key() + " " + e.value()));
        }
        assertTrue(everything.size() >= 15, "all events re-read: " + everything.size());
        SecretScan.of(PASSWORD).assertAbsent("the topic's records", String.join("\n", everything));
        SecretScan.of(PASSWORD).assertAbsent("GET config", shownConfig);
    }
}
