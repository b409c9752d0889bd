package io.github.okastconnect.streams;

import static io.github.okastconnect.streams.LifecycleHarness.START;
import static io.github.okastconnect.testkit.LifecycleRecord.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.testkit.LifecycleRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestLifecycleTopologyTest {

    private static final String FILE_EXISTS = "File already exists in database";

    private LifecycleHarness harness;

    @BeforeEach
    void start() {
        harness = new LifecycleHarness(LifecycleHarness.settings());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void firstSightCountsLiveEntriesByStatus() {
        harness.send(entry("paris", "https://cdn/a.mp4").status("PENDING"));
        harness.send(entry("paris", "https://cdn/b.mp4").status("PENDING"));
        harness.send(entry("paris", "https://cdn/c.mp4").status("DOWNLOADING"));

        List<KeyValue<String, Summary>> written = harness.summaries();
        assertEquals(3, written.size());
        assertEquals(
                List.of("paris", "paris", "paris"),
                written.stream().map(kv -> kv.key).toList());
        assertEquals(Map.of("PENDING", 1L), written.get(0).value.byStatus());
        Summary last = written.get(2).value;
        assertEquals(Map.of("PENDING", 2L, "DOWNLOADING", 1L), last.byStatus());
        assertEquals(0, last.completed());
        assertEquals(0, last.errored());
        assertNull(last.p50RequestToDoneMs());
        assertNull(last.p95RequestToDoneMs());
        assertEquals(0, last.durationSamples());
        assertNull(last.errorRate());
        assertNull(last.topStatusError());
        assertEquals(0, last.stuckEntries());
        assertEquals(START, last.updatedAtMs());
    }

    @Test
    void statusChangesMoveTheEntryAndDoneRecordsRequestToDoneTime() {
        LifecycleRecord a = entry("paris", "https://cdn/a.mp4").status("PENDING");
        harness.send(a);
        harness.send(a.changedTo("DOWNLOADING"));
        harness.send(a.changedTo("PROCESSING"));
        harness.send(a.changedTo("DONE").tookMs(42_000));

        List<Map<String, Long>> byStatus =
                harness.summaries().stream().map(kv -> kv.value.byStatus()).toList();
        assertEquals(
                List.of(Map.of("PENDING", 1L), Map.of("DOWNLOADING", 1L), Map.of("PROCESSING", 1L), Map.of("DONE", 1L)),
                byStatus);

        harness.send(entry("paris", "https://cdn/b.mp4").status("PENDING"));
        Summary last = harness.lastSummary();
        assertEquals(Map.of("DONE", 1L, "PENDING", 1L), last.byStatus());
        assertEquals(1, last.completed());
        assertEquals(42_000L, last.p50RequestToDoneMs());
        assertEquals(42_000L, last.p95RequestToDoneMs());
        assertEquals(1, last.durationSamples());
        assertEquals(0.0, last.errorRate());
    }

    @Test
    void percentilesUseNearestRankOverKnownDurations() {
        List<Integer> seconds = new ArrayList<>();
        for (int s = 1; s <= 20; s++) {
            seconds.add(s);
        }
        // Arrival order must not matter for percentiles.
        Collections.shuffle(seconds, new Random(7));
        for (int s : seconds) {
            harness.send(
                    entry("paris", "https://cdn/" + s + ".mp4").status("DONE").tookMs(s * 1000L));
        }

        Summary last = harness.lastSummary();
        assertEquals(20, last.completed());
        assertEquals(20, last.durationSamples());
        assertEquals(10_000L, last.p50RequestToDoneMs());
        assertEquals(19_000L, last.p95RequestToDoneMs());
        assertEquals(Map.of("DONE", 20L), last.byStatus());
    }

    @Test
    void percentilesOnlyCoverTheMostRecentCompletions() {
        harness.close();
        harness = new LifecycleHarness(LifecycleHarness.settings().withCompletionWindowSize(5));
        long[] durations = {9_000, 100, 200, 300, 400, 500, 600};
        for (int i = 0; i < durations.length; i++) {
            harness.send(
                    entry("paris", "https://cdn/" + i + ".mp4").status("DONE").tookMs(durations[i]));
        }

        Summary last = harness.lastSummary();
        assertEquals(7, last.completed());
        assertEquals(5, last.durationSamples());
        // Window is {200..600}: the 9s outlier and 100ms fell out.
        assertEquals(400L, last.p50RequestToDoneMs());
        assertEquals(600L, last.p95RequestToDoneMs());
    }

    @Test
    void doneWithoutParseableRequestTimeCountsButAddsNoDuration() {
        harness.send(entry("paris", "https://cdn/a.mp4").status("DONE").tookMs(3_000));
        harness.send(entry("paris", "https://cdn/b.mp4").status("DONE").requestTimeMs(null));

        Summary last = harness.lastSummary();
        assertEquals(2, last.completed());
        assertEquals(1, last.durationSamples());
        assertEquals(3_000L, last.p50RequestToDoneMs());
    }

    @Test
    void errorRateAndMostFrequentStatusError() {
        for (int i = 0; i < 9; i++) {
            harness.send(
                    entry("paris", "https://cdn/ok" + i + ".mp4").status("DONE").tookMs(1_000));
        }
        LifecycleRecord failing = entry("paris", "https://cdn/e1.mp4").status("DOWNLOADING");
        harness.send(failing);
        harness.send(failing.changedTo("ERRORED").statusError(FILE_EXISTS));
        harness.send(entry("paris", "https://cdn/e2.mp4").status("ERRORED").statusError("Download failed: 404"));
        harness.send(entry("paris", "https://cdn/e3.mp4").status("ERRORED").statusError(FILE_EXISTS));

        Summary last = harness.lastSummary();
        assertEquals(9, last.completed());
        assertEquals(3, last.errored());
        assertEquals(0.25, last.errorRate());
        assertEquals(FILE_EXISTS, last.topStatusError());
        assertEquals(2, last.topStatusErrorCount());
        assertEquals(Map.of("DONE", 9L, "ERRORED", 3L), last.byStatus());
    }

    @Test
    void statusErrorArrivingInALaterUpdateIsCountedOnce() {
        LifecycleRecord failed = entry("paris", "https://cdn/a.mp4").status("ERRORED");
        harness.send(failed);
        assertNull(harness.lastSummary().topStatusError());

        harness.send(failed.changeType("UPDATED").statusError(FILE_EXISTS));
        Summary withError = harness.lastSummary();
        assertEquals(FILE_EXISTS, withError.topStatusError());
        assertEquals(1, withError.topStatusErrorCount());
        assertEquals(1, withError.errored());

        harness.send(failed.changeType("UPDATED").statusError(FILE_EXISTS));
        assertEquals(List.of(), harness.summaries());
    }

    @Test
    void repeatedEventsForTheSameStatusChangeNothing() {
        LifecycleRecord a = entry("paris", "https://cdn/a.mp4").status("DONE").tookMs(5_000);
        harness.send(a);
        assertEquals(1, harness.lastSummary().completed());

        // An UPDATED event (other fields changed) and a replayed NEW after a connector restart.
        harness.send(a.changeType("UPDATED"));
        harness.send(a.changeType("NEW"));
        assertEquals(List.of(), harness.summaries());

        harness.send(entry("paris", "https://cdn/b.mp4").status("PENDING"));
        Summary last = harness.lastSummary();
        assertEquals(1, last.completed());
        assertEquals(1, last.durationSamples());
        assertEquals(Map.of("DONE", 1L, "PENDING", 1L), last.byStatus());
    }

    @Test
    void erroredEntryRescheduledToDoneCountsBothOutcomes() {
        LifecycleRecord a =
                entry("paris", "https://cdn/a.mp4").status("ERRORED").statusError(FILE_EXISTS);
        harness.send(a);
        harness.send(a.changedTo("PENDING").statusError(null));
        harness.send(a.changedTo("DONE").tookMs(60_000));

        Summary last = harness.lastSummary();
        assertEquals(Map.of("DONE", 1L), last.byStatus());
        assertEquals(1, last.completed());
        assertEquals(1, last.errored());
        assertEquals(0.5, last.errorRate());
        assertEquals(60_000L, last.p50RequestToDoneMs());
    }

    @Test
    void removedDropsTheEntryAndTombstonesAreIgnored() {
        LifecycleRecord a = entry("paris", "https://cdn/a.mp4").status("PENDING");
        LifecycleRecord b = entry("paris", "https://cdn/b.mp4").status("DONE").tookMs(2_000);
        harness.send(a);
        harness.send(b);
        assertEquals(Map.of("DONE", 1L, "PENDING", 1L), harness.lastSummary().byStatus());

        harness.send(b.changeType("REMOVED"));
        Summary afterRemoval = harness.lastSummary();
        assertEquals(Map.of("PENDING", 1L), afterRemoval.byStatus());
        // Removal forgets the entry, not the outcome it already produced.
        assertEquals(1, afterRemoval.completed());
        assertEquals(2_000L, afterRemoval.p50RequestToDoneMs());

        harness.sendRaw(b.key(), null);
        harness.sendRaw(b.envelopedKey(), "{\"schema\":null,\"payload\":null}");
        harness.send(entry("paris", "https://cdn/never-seen.mp4").changeType("REMOVED"));
        assertEquals(List.of(), harness.summaries());

        harness.send(a.changeType("REMOVED"));
        assertEquals(Map.of(), harness.lastSummary().byStatus());
    }

    @Test
    void unknownAndMissingStatusesAreCountedAndCanGetStuck() {
        harness.send(entry("paris", "https://cdn/a.mp4").status("QUARANTINED").observedAt(START));
        harness.send(entry("paris", "https://cdn/b.mp4").status(null).observedAt(START));
        assertEquals(
                Map.of("QUARANTINED", 1L, "UNKNOWN", 1L), harness.lastSummary().byStatus());

        harness.advance(Duration.ofMinutes(10));
        List<String> stuckStatuses =
                harness.alerts().stream().map(kv -> kv.value.status()).sorted().toList();
        assertEquals(List.of("QUARANTINED", "UNKNOWN"), stuckStatuses);
        assertEquals(2, harness.lastSummary().stuckEntries());
    }

    @Test
    void schemasEnabledEnvelopeIsUnwrapped() {
        LifecycleRecord a = entry("paris", "https://cdn/a.mp4").status("PENDING");
        harness.sendRaw(a.envelopedKey(), a.envelopedValue());
        harness.sendRaw(a.envelopedKey(), a.changedTo("DONE").tookMs(7_000).envelopedValue());

        Summary last = harness.lastSummary();
        assertEquals(Map.of("DONE", 1L), last.byStatus());
        assertEquals(1, last.completed());
        assertEquals(7_000L, last.p50RequestToDoneMs());
    }

    @Test
    void stuckEntriesAreAlertedOnceEach() {
        harness.send(entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(START));
        harness.send(entry("paris", "https://cdn/b.mp4").status("DOWNLOADING").observedAt(START + 300_000));
        harness.summaries();

        harness.advance(Duration.ofMinutes(9));
        assertEquals(List.of(), harness.alerts());

        harness.advance(Duration.ofMinutes(1));
        List<KeyValue<String, StuckAlert>> first = harness.alerts();
        assertEquals(
                List.of(KeyValue.pair(
                        "paris",
                        new StuckAlert(
                                "paris",
                                "https://cdn/a.mp4",
                                "2022-1018 14:20:00",
                                "PENDING",
                                600_000,
                                START + 600_000))),
                first);
        Summary oneStuck = harness.lastSummary();
        assertEquals(1, oneStuck.stuckEntries());
        assertEquals(START + 600_000, oneStuck.updatedAtMs());

        // Later punctuations must not repeat the alert for a.
        harness.advance(Duration.ofMinutes(1));
        harness.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), harness.alerts());
        assertEquals(List.of(), harness.summaries());

        harness.advance(Duration.ofMinutes(3));
        List<KeyValue<String, StuckAlert>> second = harness.alerts();
        assertEquals(1, second.size());
        assertEquals("https://cdn/b.mp4", second.get(0).value.filePath());
        assertEquals("DOWNLOADING", second.get(0).value.status());
        assertEquals(600_000, second.get(0).value.stuckForMs());
        assertEquals(2, harness.lastSummary().stuckEntries());

        harness.advance(Duration.ofHours(1));
        assertEquals(List.of(), harness.alerts());
    }

    @Test
    void leavingTheStuckStatusClearsTheStuckCount() {
        LifecycleRecord a =
                entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(START);
        LifecycleRecord b =
                entry("paris", "https://cdn/b.mp4").status("PENDING").observedAt(START);
        harness.send(a);
        harness.send(b);
        harness.advance(Duration.ofMinutes(10));
        assertEquals(2, harness.alerts().size());
        assertEquals(2, harness.lastSummary().stuckEntries());

        harness.send(a.changedTo("DONE").tookMs(900_000).observedAt(START + 660_000));
        Summary afterDone = harness.lastSummary();
        assertEquals(1, afterDone.stuckEntries());
        assertEquals(Map.of("DONE", 1L, "PENDING", 1L), afterDone.byStatus());

        harness.send(b.changeType("REMOVED").observedAt(START + 660_000));
        Summary afterRemoval = harness.lastSummary();
        assertEquals(0, afterRemoval.stuckEntries());
        assertEquals(Map.of("DONE", 1L), afterRemoval.byStatus());

        harness.advance(Duration.ofHours(2));
        assertEquals(List.of(), harness.alerts());
        assertEquals(List.of(), harness.summaries());
    }

    @Test
    void entriesFinishedOrRemovedBeforeTheThresholdAreNeverAlerted() {
        LifecycleRecord a =
                entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(START);
        LifecycleRecord b =
                entry("paris", "https://cdn/b.mp4").status("PROCESSING").observedAt(START);
        harness.send(a);
        harness.send(b);
        harness.advance(Duration.ofMinutes(5));
        harness.send(a.changedTo("DONE").observedAt(START + 300_000));
        harness.send(b.changeType("REMOVED").observedAt(START + 300_000));

        harness.advance(Duration.ofMinutes(30));
        assertEquals(List.of(), harness.alerts());
        Summary last = harness.lastSummary();
        assertEquals(0, last.stuckEntries());
        assertEquals(Map.of("DONE", 1L), last.byStatus());
    }

    @Test
    void aNewNonTerminalStatusRestartsTheStuckClock() {
        LifecycleRecord a =
                entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(START);
        harness.send(a);
        harness.advance(Duration.ofMinutes(10));
        assertEquals(1, harness.alerts().size());

        harness.send(a.changedTo("DOWNLOADING").observedAt(START + 720_000));
        assertEquals(0, harness.lastSummary().stuckEntries());

        harness.advance(Duration.ofMinutes(13)); // now 23m: DOWNLOADING since 12m
        List<KeyValue<String, StuckAlert>> alerts = harness.alerts();
        assertEquals(1, alerts.size());
        assertEquals("DOWNLOADING", alerts.get(0).value.status());
        assertEquals(660_000, alerts.get(0).value.stuckForMs());
        assertEquals(START + 1_380_000, alerts.get(0).value.detectedAtMs());
    }

    @Test
    void replayingAnOldBacklogDefersStuckDetectionUntilCaughtUp() {
        long anHourAgo = START - 3_600_000;
        LifecycleRecord a =
                entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(anHourAgo);
        harness.send(a);
        harness.send(entry("paris", "https://cdn/b.mp4").status("PENDING").observedAt(anHourAgo));

        // a's DONE is still unread when the punctuation fires: alerting now would be wrong.
        harness.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), harness.alerts());
        harness.send(a.changedTo("DONE").observedAt(anHourAgo + 60_000));
        harness.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), harness.alerts());

        // Nothing more arrived since the last check: caught up, and b really is stuck.
        harness.advance(Duration.ofSeconds(30));
        List<KeyValue<String, StuckAlert>> alerts = harness.alerts();
        assertEquals(1, alerts.size());
        assertEquals("https://cdn/b.mp4", alerts.get(0).value.filePath());
        assertEquals(3_690_000, alerts.get(0).value.stuckForMs());
    }

    @Test
    void stuckThresholdIsConfigurable() {
        harness.close();
        harness = new LifecycleHarness(LifecycleHarness.settings()
                .withStuckThreshold(Duration.ofMinutes(2))
                .withPunctuationInterval(Duration.ofSeconds(10)));
        harness.send(entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(START));

        harness.advance(Duration.ofSeconds(110));
        assertEquals(List.of(), harness.alerts());
        harness.advance(Duration.ofSeconds(10));
        List<KeyValue<String, StuckAlert>> alerts = harness.alerts();
        assertEquals(1, alerts.size());
        assertEquals(120_000, alerts.get(0).value.stuckForMs());
    }

    @Test
    void instancesAreSummarisedSeparately() {
        harness.send(entry("paris", "https://cdn/a.mp4").status("DONE").tookMs(1_000));
        harness.send(entry("lyon", "https://cdn/a.mp4").status("ERRORED").statusError(FILE_EXISTS));
        harness.send(entry("lyon", "https://cdn/b.mp4").status("PENDING"));

        List<KeyValue<String, Summary>> written = harness.summaries();
        assertEquals(
                List.of("paris", "lyon", "lyon"),
                written.stream().map(kv -> kv.key).toList());
        Summary paris = written.get(0).value;
        Summary lyon = written.get(2).value;
        assertEquals("paris", paris.instance());
        assertEquals(Map.of("DONE", 1L), paris.byStatus());
        assertEquals(0.0, paris.errorRate());
        assertEquals("lyon", lyon.instance());
        assertEquals(Map.of("ERRORED", 1L, "PENDING", 1L), lyon.byStatus());
        assertEquals(1.0, lyon.errorRate());
        assertEquals(FILE_EXISTS, lyon.topStatusError());
    }

    @Test
    void malformedRecordsAreSkippedWithoutStoppingTheApplication() {
        harness.sendRaw("k", "not json at all");
        harness.sendRaw("k", "[1,2,3]");
        harness.sendRaw("{\"filePath\":\"x\"}", "{\"changeType\":\"NEW\",\"status\":\"PENDING\"}");
        harness.sendRaw("k", "{\"instance\":\"paris\",\"occurrence\":\"not a number\"}");
        assertEquals(List.of(), harness.summaries());

        // The instance may be missing from the value; the key still attributes the event.
        harness.sendRaw(
                "{\"instance\":\"nice\",\"filePath\":\"x\",\"requestTime\":\"t\",\"occurrence\":0}",
                "{\"changeType\":\"NEW\",\"status\":\"PENDING\"}");
        harness.send(entry("paris", "https://cdn/a.mp4").status("PENDING"));
        List<KeyValue<String, Summary>> written = harness.summaries();
        assertEquals(2, written.size());
        assertEquals("nice", written.get(0).key);
        assertEquals(Map.of("PENDING", 1L), written.get(0).value.byStatus());
        assertEquals(Map.of("PENDING", 1L), written.get(1).value.byStatus());
    }

    @Test
    void listenersReceiveWhatIsWrittenToTheTopics() {
        harness.send(entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(START));
        harness.send(entry("paris", "https://cdn/b.mp4").status("DONE").tookMs(1_500));
        harness.advance(Duration.ofMinutes(10));

        List<Summary> written = harness.summaries().stream().map(kv -> kv.value).toList();
        assertEquals(3, written.size());
        assertEquals(written, harness.heardSummaries());
        List<StuckAlert> alerts = harness.alerts().stream().map(kv -> kv.value).toList();
        assertEquals(1, alerts.size());
        assertEquals(alerts, harness.heardAlerts());
    }

    @Test
    void summaryJsonHasTheDocumentedShape() throws Exception {
        harness.send(entry("paris", "https://cdn/a.mp4").status("ERRORED").statusError(FILE_EXISTS));
        harness.send(entry("paris", "https://cdn/b.mp4").status("DONE").tookMs(2_000));

        List<String> json = harness.rawSummaries();
        assertEquals(
                "{\"instance\":\"paris\",\"byStatus\":{\"DONE\":1,\"ERRORED\":1},\"completed\":1,\"errored\":1,"
                        + "\"p50RequestToDoneMs\":2000,\"p95RequestToDoneMs\":2000,\"durationSamples\":1,\"errorRate\":0.5,"
                        + "\"topStatusError\":\"File already exists in database\",\"topStatusErrorCount\":1,\"stuckEntries\":0,"
                        + "\"updatedAtMs\":" + START + "}",
                json.get(1));
    }

    @Test
    void alertJsonHasTheDocumentedShape() {
        harness.send(entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(START - 60_000));
        harness.advance(Duration.ofMinutes(9));

        List<KeyValue<String, String>> raw = harness.driver()
                .createOutputTopic(
                        harness.appSettings().alertsTopic(), new StringDeserializer(), new StringDeserializer())
                .readKeyValuesToList();
        assertEquals(
                List.of(KeyValue.pair(
                        "paris",
                        "{\"instance\":\"paris\",\"filePath\":\"https://cdn/a.mp4\",\"requestTime\":\"2022-1018 14:20:00\","
                                + "\"status\":\"PENDING\",\"stuckForMs\":600000,\"detectedAtMs\":" + (START + 540_000)
                                + "}")),
                raw);
    }

    @Test
    void topologyUsesStableNamesForItsInternalTopicAndStores() {
        String description = IngestLifecycleApp.buildTopology(LifecycleHarness.settings())
                .describe()
                .toString();
        assertTrue(description.contains("by-instance-repartition"), description);
        assertTrue(description.contains(LifecycleStores.ENTRIES), description);
        assertTrue(description.contains(LifecycleStores.INSTANCE_STATS), description);
        assertTrue(description.contains("okast.ingest.summary"), description);
        assertTrue(description.contains("okast.ingest.alerts"), description);
    }
}
