package io.github.okastconnect.streams;

import static io.github.okastconnect.streams.LifecycleHarness.START;
import static io.github.okastconnect.testkit.LifecycleRecord.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.okastconnect.testkit.LifecycleRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresAndListenersTest {

    @TempDir
    Path stateDir;

    @Test
    void persistentStoresHoldEntryAndInstanceState() {
        AppSettings settings = LifecycleHarness.settings().withStoreType(AppSettings.StoreType.PERSISTENT);
        try (LifecycleHarness harness =
                new LifecycleHarness(settings, LifecycleHarness.stateDir(stateDir.toString()))) {
            LifecycleRecord a =
                    entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(START);
            harness.send(a);
            harness.send(entry("paris", "https://cdn/b.mp4").status("DONE").tookMs(4_000));
            harness.advance(Duration.ofMinutes(10));

            KeyValueStore<EntryKey, EntryState> entries = harness.driver().getKeyValueStore(LifecycleStores.ENTRIES);
            assertEquals(
                    new EntryState("PENDING", START, true, false),
                    entries.get(new EntryKey("paris", "https://cdn/a.mp4", "2022-1018 14:20:00", 0)));
            KeyValueStore<String, InstanceStats> stats =
                    harness.driver().getKeyValueStore(LifecycleStores.INSTANCE_STATS);
            InstanceStats paris = stats.get("paris");
            assertEquals(Map.of("DONE", 1L, "PENDING", 1L), paris.byStatus());
            assertEquals(List.of(4_000L), paris.recentDurationsMs());
            assertEquals(1, paris.stuck());

            harness.send(a.changeType("REMOVED"));
            assertNull(entries.get(new EntryKey("paris", "https://cdn/a.mp4", "2022-1018 14:20:00", 0)));
            assertEquals(0, stats.get("paris").stuck());
            assertEquals(1, harness.alerts().size());
        }
    }

    @Test
    void aFailingListenerDoesNotStopProcessing() {
        AppSettings settings = LifecycleHarness.settings();
        List<Summary> heard = new ArrayList<>();
        Properties props = settings.streamsProperties();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                IngestLifecycleApp.buildTopology(settings, summary -> {
                    heard.add(summary);
                    throw new IllegalStateException("listener bug");
                }),
                props,
                Instant.ofEpochMilli(START))) {
            TestInputTopic<String, String> input =
                    driver.createInputTopic(settings.inputTopic(), new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, Summary> summaries = driver.createOutputTopic(
                    settings.summaryTopic(),
                    new StringDeserializer(),
                    JsonSerde.of(Summary.class).deserializer());

            LifecycleRecord a = entry("paris", "https://cdn/a.mp4").status("PENDING");
            input.pipeInput(a.key(), a.value());
            input.pipeInput(a.key(), a.changedTo("DONE").tookMs(1_000).value());

            List<Summary> written = summaries.readValuesToList();
            assertEquals(2, written.size());
            assertEquals(written, heard);
            assertEquals(Map.of("DONE", 1L), written.get(1).byStatus());
        }
    }
}
