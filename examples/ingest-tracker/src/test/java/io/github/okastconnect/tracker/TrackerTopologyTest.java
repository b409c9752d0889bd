package io.github.okastconnect.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.streams.EntryKey;
import io.github.okastconnect.streams.JsonMappers;
import io.github.okastconnect.streams.Summary;
import io.github.okastconnect.tracker.Views.IngestView;
import io.github.okastconnect.tracker.Views.StepView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracker topology in a TopologyTestDriver: timelines, figures, the search index, stuck entries, retention. */
class TrackerTopologyTest {

    static final long START = 1_700_000_000_000L;
    static final long MIN = 60_000L;

    private final TrackerSettings settings = TrackerSettings.defaults()
            .withBootstrapServers("unused:9092")
            .withApplicationId("tracker-test")
            .withInMemoryStores(true)
            .withStuckThreshold(Duration.ofMinutes(10))
            .withRetention(Duration.ofDays(7))
            .withPurgeInterval(Duration.ofMinutes(1))
            .withMaxTimelineSteps(4);

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private LocalQueries queries;

    @BeforeEach
    void start() {
        driver = new TopologyTestDriver(
                TrackerTopology.build(settings), settings.streamsProperties(), Instant.ofEpochMilli(START));
        input = driver.createInputTopic(settings.inputTopic(), new StringSerializer(), new StringSerializer());
        queries = new LocalQueries(
                new LocalQueries.Stores() {
                    @Override
                    public <V> KeyValueStore<String, V> get(String name) {
                        return driver.getKeyValueStore(name);
                    }
                },
                this::now,
                settings.stuckThreshold().toMillis());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private long now() {
        return START + driverOffsetMs;
    }

    private long driverOffsetMs;

    private void advance(Duration d) {
        driverOffsetMs += d.toMillis();
        driver.advanceWallClockTime(d);
    }

    private void send(Events entry, String value) {
        input.pipeInput(entry.key(), value);
    }

    private IngestView only(String query) {
        List<IngestView> items = queries.search(query, 10).items();
        assertEquals(1, items.size(), () -> "search " + query + ": " + items);
        return items.get(0);
    }

    @Test
    void timelineRecordsEachStatusWithTimeSpent() {
        Events e = new Events("paris", "https://cdn.example/media/2024/show-42.mp4", "2024-0101 10:00:00", START - MIN);
        send(e, e.newEvent("PENDING", START));
        send(e, e.changedTo("DOWNLOADING", START + 2 * MIN));
        send(e, e.updated(START + 3 * MIN)); // same status: no new step
        send(e, e.changedTo("PROCESSING", START + 5 * MIN));
        advance(Duration.ofMinutes(6));

        IngestView inProgress = only("show-42.mp4");
        assertEquals(
                List.of(
                        new StepView("PENDING", START, 2 * MIN, false),
                        new StepView("DOWNLOADING", START + 2 * MIN, 3 * MIN, false),
                        new StepView("PROCESSING", START + 5 * MIN, MIN, true)),
                inProgress.timeline());
        assertNull(inProgress.stuckForMs());

        send(e, e.changedTo("DONE", START + 7 * MIN));
        IngestView done =
                queries.ingest(EntryIds.fromId(inProgress.id()).orElseThrow()).orElseThrow();
        assertEquals("DONE", done.entry().status());
        assertEquals(
                List.of(2 * MIN, 3 * MIN, 2 * MIN),
                done.timeline().subList(0, 3).stream().map(StepView::spentMs).toList());
        assertEquals(
                new StepView("DONE", START + 7 * MIN, null, true),
                done.timeline().get(3));
        assertEquals(
                START + 7 * MIN + Duration.ofDays(7).toMillis(), done.entry().expireAtMs());
    }

    @Test
    void timelineIsBoundedAndCountsDroppedSteps() {
        Events e = new Events("paris", "https://cdn/loop.mp4", "t", START);
        send(e, e.newEvent("PENDING", START));
        String[] statuses = {"DOWNLOADING", "ERRORED", "PENDING", "DOWNLOADING", "PROCESSING", "DONE"};
        for (int i = 0; i < statuses.length; i++) {
            send(e, e.changedTo(statuses[i], START + (i + 1) * MIN));
        }
        IngestView view = only("loop");
        assertEquals(
                List.of("PENDING", "DOWNLOADING", "PROCESSING", "DONE"),
                view.timeline().stream().map(StepView::status).toList());
        assertEquals(3, view.entry().droppedSteps());
    }

    @Test
    void searchFindsPathFragmentsAcrossInstancesNewestFirst() {
        Events older = new Events("paris", "https://storage.example/news/Evening-Show.mp4", "a", START - 10 * MIN);
        Events newer = new Events("lyon", "s3://bucket/news/evening-show.mp4", "b", START - 5 * MIN);
        Events other = new Events("lyon", "s3://bucket/sport/match.mxf", "c", START - MIN);
        send(older, older.newEvent("PENDING", START));
        send(newer, newer.newEvent("DOWNLOADING", START));
        send(other, other.newEvent("PENDING", START));

        assertEquals(
                List.of("lyon", "paris"),
                instancesOf(queries.search("evening-show.mp4", 10).items()));
        assertEquals(
                List.of("lyon", "paris"),
                instancesOf(queries.search("EVENING", 10).items()));
        assertEquals(
                List.of("lyon", "paris"),
                instancesOf(queries.search("show.mp4", 10).items()));
        assertEquals(
                List.of("lyon", "paris"),
                instancesOf(queries.search("news/evening", 10).items()));
        assertEquals(
                List.of("paris"),
                instancesOf(queries.search("https://storage.example/news/Evening-Show.mp4", 10)
                        .items()));
        assertEquals(List.of("lyon"), instancesOf(queries.search("match", 10).items()));
        assertEquals(List.of(), queries.search("vening", 10).items(), "fragments start at a word");
        assertEquals(List.of(), queries.search("nothing-like-it", 10).items());

        Views.SearchResult limited = queries.search("s3://bucket/", 1);
        assertEquals(1, limited.items().size());
        assertTrue(limited.truncated());
        assertEquals(
                "s3://bucket/sport/match.mxf",
                limited.items().get(0).entry().key().filePath(),
                "newest request first");
    }

    @Test
    void instanceIngestsAreFilteredByStatusAndPagedNewestFirst() {
        for (int i = 0; i < 5; i++) {
            Events e = new Events("paris", "https://cdn/file-" + i + ".mp4", "r" + i, START + i * MIN);
            send(e, e.newEvent(i % 2 == 0 ? "PENDING" : "DONE", START + i * MIN));
        }
        Events elsewhere = new Events("parisian", "https://cdn/file-9.mp4", "r9", START);
        send(elsewhere, elsewhere.newEvent("PENDING", START));

        Views.Page all = queries.ingests("paris", Set.of(), 0, 2);
        assertEquals(5, all.total(), "the prefix scan must not reach instance 'parisian'");
        assertEquals(List.of("https://cdn/file-4.mp4", "https://cdn/file-3.mp4"), pathsOf(all.items()));
        assertEquals(
                List.of("https://cdn/file-2.mp4", "https://cdn/file-1.mp4"),
                pathsOf(queries.ingests("paris", Set.of(), 2, 2).items()));
        Views.Page pending = queries.ingests("paris", Set.of("PENDING"), 0, 10);
        assertEquals(
                List.of("https://cdn/file-4.mp4", "https://cdn/file-2.mp4", "https://cdn/file-0.mp4"),
                pathsOf(pending.items()));
        assertEquals(List.of(), queries.ingests("paris", Set.of(), 10, 10).items());
    }

    @Test
    void figuresFollowTheStreamProcessorsRulesAndStuckIsCountedNow() {
        Events done = new Events("paris", "https://cdn/done.mp4", "a", START - 2000);
        Events failed = new Events("paris", "https://cdn/failed.mp4", "b", START);
        Events waiting = new Events("paris", "https://cdn/waiting.mp4", "c", START);
        send(done, done.newEvent("PENDING", START));
        send(done, done.changedTo("DONE", START));
        send(failed, failed.newEvent("PENDING", START));
        send(failed, failed.erroredWith("File already exists in database", START + 1000));
        send(waiting, waiting.newEvent("PENDING", START));
        advance(Duration.ofMinutes(11));

        Summary paris = queries.instance("paris").orElseThrow();
        assertEquals(1, paris.completed());
        assertEquals(1, paris.errored());
        assertEquals(0.5, paris.errorRate());
        assertEquals(2000L, paris.p50RequestToDoneMs());
        assertEquals("File already exists in database", paris.topStatusError());
        assertEquals(1, paris.stuckEntries());
        assertEquals(java.util.Map.of("DONE", 1L, "ERRORED", 1L, "PENDING", 1L), paris.byStatus());

        List<Views.StuckView> stuck = queries.stuck(null);
        assertEquals(1, stuck.size());
        assertEquals("https://cdn/waiting.mp4", stuck.get(0).entry().filePath());
        assertEquals("PENDING", stuck.get(0).status());
        assertEquals(11 * MIN, stuck.get(0).stuckForMs());

        List<IngestView> errored = queries.errored(10);
        assertEquals(List.of("https://cdn/failed.mp4"), pathsOf(errored));
        assertEquals("File already exists in database", errored.get(0).entry().statusError());

        send(failed, failed.changedTo("PENDING", START + 12 * MIN)); // rescheduled
        assertEquals(List.of(), queries.errored(10));
    }

    @Test
    void aRequestWithoutFilePathIsLabelledByItsRequestTime() throws Exception {
        // Okast lists such requests, ERRORED with "file path missing" (the last entry of its documented example).
        Events noPath = new Events("paris", null, "2022-1018 15:35:17", START);
        Events stuckNoPath = new Events("lyon", null, "2022-1018 15:40:00", START);
        send(noPath, noPath.newEvent("PENDING", START));
        send(noPath, noPath.erroredWith("file path missing", START + 1000));
        send(stuckNoPath, stuckNoPath.newEvent("PENDING", START));
        advance(Duration.ofMinutes(11));

        IngestView errored = queries.errored(10).get(0);
        assertNull(errored.entry().key().filePath());
        assertEquals("(no file path, requested 2022-1018 15:35:17)", errored.label());
        assertEquals(errored, queries.ingests("paris", Set.of(), 0, 10).items().get(0));
        Views.StuckView stuck = queries.stuck(null).get(0);
        assertEquals("(no file path, requested 2022-1018 15:40:00)", stuck.label());
        assertEquals(new EntryKey("lyon", null, "2022-1018 15:40:00", 0), stuck.entry());

        // The API's JSON: flat entry fields with filePath null, the label beside them; and one tracker passes on
        // another's answer (TrackerService gathers them) as it was sent.
        Views.Attention attention = new Views.Attention(MIN, queries.stuck(null), queries.errored(10), List.of());
        ObjectMapper mapper = JsonMappers.create();
        JsonNode json = mapper.readTree(mapper.writeValueAsBytes(attention));
        JsonNode erroredJson = json.path("errored").path(0);
        assertEquals(
                "(no file path, requested 2022-1018 15:35:17)",
                erroredJson.path("label").asText());
        assertTrue(erroredJson.path("filePath").isNull(), erroredJson::toString);
        assertEquals("2022-1018 15:35:17", erroredJson.path("requestTime").asText());
        assertEquals("file path missing", erroredJson.path("statusError").asText());
        assertEquals(
                "ERRORED", erroredJson.path("timeline").path(1).path("status").asText());
        assertEquals(1000L, erroredJson.path("timeline").path(0).path("spentMs").asLong());
        assertEquals("lyon", json.path("stuck").path(0).path("instance").asText());
        String sent = mapper.writeValueAsString(attention);
        assertEquals(sent, mapper.writeValueAsString(mapper.readValue(sent, Views.Attention.class)));
    }

    @Test
    void labelsNameTheEntry() {
        assertEquals("https://cdn/a.mp4", Views.label(new EntryKey("paris", "https://cdn/a.mp4", "t", 0)));
        assertEquals("(no file path, requested t)", Views.label(new EntryKey("paris", " ", "t", 0)));
        assertEquals("(no file path, requested t, occurrence 1)", Views.label(new EntryKey("paris", null, "t", 1)));
        assertEquals("(no file path)", Views.label(new EntryKey("paris", null, null, null)));
    }

    @Test
    void storeKeysReadBackAsTheEntry() {
        for (EntryKey key : List.of(
                new EntryKey("paris", "https://cdn/a.mp4", "2022-1018 14:20:00", 0),
                new EntryKey("paris", null, null, null),
                new EntryKey("paris", "odd\u0000path", "t", 2))) {
            assertEquals(key, EntryIds.entryKey(EntryIds.storeKey(key)));
        }
    }

    @Test
    void retentionDropsFinishedAndRemovedEntriesWithTheirIndexEntries() {
        long day = Duration.ofDays(1).toMillis();
        Events done = new Events("paris", "https://cdn/done.mp4", "a", START);
        Events removed = new Events("paris", "https://cdn/removed.mp4", "b", START);
        Events errored = new Events("paris", "https://cdn/errored.mp4", "c", START);
        Events running = new Events("paris", "https://cdn/running.mp4", "d", START);
        send(done, done.newEvent("PENDING", START));
        send(done, done.changedTo("DONE", START + MIN));
        send(removed, removed.newEvent("DOWNLOADING", START));
        send(errored, errored.newEvent("PENDING", START));
        send(errored, errored.erroredWith("bad file", START + 2 * day));
        send(running, running.newEvent("PROCESSING", START));

        advance(Duration.ofDays(3));
        send(removed, removed.removed(START + 3 * day));
        IngestView gone = only("removed.mp4");
        assertFalse(gone.inQueue());
        assertEquals(START + 3 * day, gone.entry().leftQueueAtMs());
        assertEquals(MIN * 60 * 24 * 3, gone.timeline().get(0).spentMs(), "time in status until it left the queue");

        advance(Duration.ofDays(4).plusMinutes(2)); // done: 7 days after DONE have passed
        assertEquals(List.of(), queries.search("done", 10).items());
        assertEquals(1, queries.search("errored", 10).items().size());
        assertEquals(1, queries.search("removed", 10).items().size());
        assertEquals(1, queries.search("running", 10).items().size(), "entries in progress never expire");

        advance(Duration.ofDays(2)); // errored: 7 days after ERRORED
        assertEquals(List.of(), queries.search("errored", 10).items());
        assertEquals(List.of(), queries.errored(10));
        advance(Duration.ofDays(1)); // removed: 7 days after leaving the queue
        assertEquals(List.of(), queries.search("removed", 10).items());

        assertEquals(1, count(TrackerStores.ENTRIES));
        assertEquals(SearchFragments.terms("https://cdn/running.mp4").size(), count(TrackerStores.SEARCH));
        assertEquals(0, count(TrackerStores.EXPIRY));
        assertEquals(0, count(TrackerStores.ERRORS));
        // The queue figures are not retention's business: done and errored are still in Okast's queue.
        assertEquals(
                java.util.Map.of("DONE", 1L, "ERRORED", 1L, "PROCESSING", 1L),
                queries.instance("paris").orElseThrow().byStatus());
    }

    @Test
    void anEntryThatComesBackIsKeptAgain() {
        long day = Duration.ofDays(1).toMillis();
        Events e = new Events("paris", "https://cdn/retry.mp4", "a", START);
        send(e, e.newEvent("PENDING", START));
        send(e, e.erroredWith("network", START + MIN));
        advance(Duration.ofDays(6));
        send(e, e.changedTo("PENDING", START + 6 * day)); // rescheduled before its retention ran out
        advance(Duration.ofDays(2));
        IngestView view = only("retry");
        assertEquals("PENDING", view.entry().status());
        assertNull(view.entry().expireAtMs());
        assertEquals(0, count(TrackerStores.EXPIRY));
    }

    @Test
    void badRecordsAreSkipped() {
        input.pipeInput("not json", "not json either");
        input.pipeInput("{\"instance\":\"paris\"}", (String) null);
        input.pipeInput("{}", "{\"changeType\":\"NEW\",\"status\":\"PENDING\"}");
        Events e = new Events("paris", "https://cdn/ok.mp4", "a", START);
        send(e, e.newEvent("PENDING", START));
        assertEquals(1, queries.search("ok.mp4", 10).items().size());
    }

    private long count(String store) {
        KeyValueStore<String, Object> s = driver.getKeyValueStore(store);
        return s.approximateNumEntries();
    }

    private static List<String> instancesOf(List<IngestView> items) {
        return items.stream().map(v -> v.entry().key().instance()).toList();
    }

    private static List<String> pathsOf(List<IngestView> items) {
        return items.stream().map(v -> v.entry().key().filePath()).toList();
    }
}
