package io.github.okastconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.okastconnect.simulator.IngestRequest;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.simulator.StatusEntry;
import io.github.okastconnect.testkit.EmbeddedConnectCluster;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.LogCapture;
import io.github.okastconnect.testkit.SecretScan;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same request sent twice in the same second, on a real Connect worker polling the simulator: when the twin
 * arrives (listed first, as a newest-first queue would) only it is NEW, and when the first one leaves only it is
 * REMOVED; the entry that did not change emits nothing and keeps its key.
 */
class IdenticalRequestsIT {
    private static final String TOPIC = "okast.identical";
    private static final String PASSWORD = "tw1n-pa55-never-logged";

    @Test
    void aTwinArrivingOrLeavingNeverReKeysTheEntryThatDidNotChange(@TempDir Path dir) throws Exception {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "paris.password=" + PASSWORD + "\n");
        LogCapture logs = LogCapture.install();
        try (logs;
                OkastSimulator sim = OkastSimulator.builder().build().start();
                EmbeddedConnectCluster cluster = EmbeddedConnectCluster.start(
                        1,
                        Map.of(
                                "config.providers",
                                "file",
                                "config.providers.file.class",
                                "org.apache.kafka.common.config.provider.FileConfigProvider"))) {
            SimulatedInstance paris = sim.addInstance(
                    InstanceSettings.builder("paris").basicAuth("ops", PASSWORD).build());
            IngestRequest request = new IngestRequest(Map.of("filePath", "https://storage/film.mp4"));
            Instant requested = Instant.parse("2026-11-28T17:08:46Z");
            StatusEntry first = StatusEntry.of(request, requested, requested.plusSeconds(14), "DONE");
            StatusEntry twin = StatusEntry.of(request, requested, requested.plusSeconds(74), "PENDING");
            paris.setEntries(List.of(first));

            Map<String, String> c = SourceConfig.of(TOPIC, 1, 100);
            c.put("state.bootstrap.servers", cluster.bootstrapServers());
            c.put("okast.instances", "paris");
            c.put("okast.instance.paris.url", sim.baseUrl("paris"));
            c.put("okast.instance.paris.auth.type", "basic");
            c.put("okast.instance.paris.auth.username", "ops");
            c.put("okast.instance.paris.auth.password", "${file:" + secrets + ":paris.password}");
            cluster.rest().createConnector("identical", c);
            cluster.rest().awaitRunning("identical", 1);

            try (TopicReader consumer = TopicReader.subscribe(cluster.bootstrapServers(), List.of(TOPIC), false)) {
                assertEquals(List.of("NEW#0:DONE"), summary(consumer.take(1, Duration.ofSeconds(60))));

                paris.setEntries(List.of(twin, first));
                assertEquals(List.of("NEW#1:PENDING"), summary(consumer.take(1, Duration.ofSeconds(30))));
                waitForPolls(paris, 10);
                assertEquals(List.of(), summary(consumer.drain(Duration.ofSeconds(1))), "nothing else");

                paris.setEntries(List.of(twin));
                assertEquals(List.of("REMOVED#0:DONE"), summary(consumer.take(1, Duration.ofSeconds(30))));
                waitForPolls(paris, 10);
                assertEquals(List.of(), summary(consumer.drain(Duration.ofSeconds(1))), "nothing else");
            }
        }
        // From before the connector was created to after the worker shut down.
        SecretScan.of(PASSWORD).assertAbsent(logs);
    }

    private static void waitForPolls(SimulatedInstance instance, int polls) throws InterruptedException {
        long target = instance.stats().statusRequests() + polls;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (instance.stats().statusRequests() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the connector stopped polling");
            }
            Thread.sleep(50);
        }
    }

    private static List<String> summary(List<LifecycleEvent> events) {
        return events.stream()
                .map(e -> e.changeType() + "#" + e.key().path("occurrence").asInt() + ":" + e.text("status"))
                .toList();
    }
}
