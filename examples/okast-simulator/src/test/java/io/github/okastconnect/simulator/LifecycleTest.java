package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Entries move only when the injected clock says so, and always the same way for a given seed. */
class LifecycleTest {

    private final MutableClock clock = MutableClock.at("2022-10-18T14:20:00Z");
    private final TestHttp http = new TestHttp();
    private final List<OkastSimulator> sims = new ArrayList<>();

    private SimulatedInstance instance(InstanceSettings settings) {
        OkastSimulator sim = OkastSimulator.builder().clock(clock).build().start();
        sims.add(sim);
        return sim.addInstance(settings);
    }

    @AfterEach
    void stop() {
        sims.forEach(OkastSimulator::close);
    }

    @Test
    void defaultLifecycleGoesPendingDownloadingProcessingDone() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.named("paris"));
        http.add(paris, Map.of("filePath", "https://s/a.mp4"));

        assertEquals(List.of("PENDING", "2022-1018 14:20:00"), statusAndUpdate(paris));
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of("PENDING", "2022-1018 14:20:00"), statusAndUpdate(paris));
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("DOWNLOADING", "2022-1018 14:20:01"), statusAndUpdate(paris));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("PROCESSING", "2022-1018 14:20:03"), statusAndUpdate(paris));
        clock.advance(Duration.ofSeconds(3));
        assertEquals(List.of("DONE", "2022-1018 14:20:06"), statusAndUpdate(paris));
        JsonNode entry = http.status(paris).get(0);
        assertEquals("2022-1018 14:20:00", entry.get("requestTime").asText());
        assertTrue(paris.libraryContains("https://s/a.mp4"));
        assertEquals(3, paris.stats().transitions());
    }

    @Test
    void lastStatusUpdateIsWhenTheStepEndedNotWhenSomeonePolled() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.named("paris"));
        http.add(paris, Map.of("filePath", "https://s/a.mp4"));

        clock.advance(Duration.ofMinutes(9)); // default retention is 10 min

        assertEquals(List.of("DONE", "2022-1018 14:20:06"), statusAndUpdate(paris));
        assertEquals(3, paris.transitionCount());
    }

    @Test
    void failuresHappenInFailableStepsWithTheirMessage() throws Exception {
        SimulatedInstance paris =
                instance(InstanceSettings.builder("paris").errorRate(1.0).build());
        for (int i = 0; i < 10; i++) {
            http.add(paris, Map.of("filePath", "https://s/" + i + ".mp4"));
        }
        clock.advance(Duration.ofSeconds(10));

        for (JsonNode entry : http.status(paris)) {
            assertEquals(Status.ERRORED, entry.get("status").asText());
            String error = entry.get("statusError").asText();
            String update = entry.get("lastStatusUpdate").asText();
            if (error.equals("Download failed")) {
                assertEquals("2022-1018 14:20:03", update, "fails as DOWNLOADING ends");
            } else {
                assertEquals("Transcoding failed", error);
                assertEquals("2022-1018 14:20:06", update, "fails as PROCESSING ends");
            }
        }
    }

    @Test
    void sameSeedSameHistoryWhateverThePollingPattern() throws Exception {
        InstanceSettings settings =
                InstanceSettings.builder("paris").errorRate(0.4).seed(1234L).build();
        SimulatedInstance polledOften = instance(settings);
        SimulatedInstance polledOnce = instance(settings);
        for (int i = 0; i < 30; i++) {
            Map<String, String> form = Map.of("filePath", "https://s/" + i + ".mp4");
            http.add(polledOften, form);
            http.add(polledOnce, form);
            clock.advance(Duration.ofMillis(700));
            http.get(polledOften.statusUrl());
        }
        clock.advance(Duration.ofSeconds(3));

        String often = TestHttp.body(http.get(polledOften.statusUrl()));
        String once = TestHttp.body(http.get(polledOnce.statusUrl()));

        assertEquals(often, once);
        assertTrue(often.contains("ERRORED") && often.contains("DONE"), often);
    }

    @Test
    void differentSeedsGiveDifferentOutcomes() throws Exception {
        SimulatedInstance a = instance(
                InstanceSettings.builder("paris").errorRate(0.5).seed(1L).build());
        SimulatedInstance b = instance(
                InstanceSettings.builder("paris").errorRate(0.5).seed(2L).build());
        for (int i = 0; i < 40; i++) {
            a.submit(IngestRequest.builder().filePath("https://s/" + i + ".mp4").build());
            b.submit(IngestRequest.builder().filePath("https://s/" + i + ".mp4").build());
        }
        clock.advance(Duration.ofSeconds(10));

        assertNotEquals(a.currentBodyAsString(), b.currentBodyAsString());
    }

    @Test
    void missingOrBlankFilePathIsErroredAtOnce() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.named("paris"));
        http.add(paris, Map.of("reschedule", "2022-10-19"));
        http.add(paris, Map.of("filePath", "", "metadataPath", "https://s/m.json"));

        JsonNode body = http.status(paris);

        assertEquals(
                "{\"reschedule\":\"2022-10-19\"}", body.get(0).get("request").toString());
        assertEquals(
                "{\"filePath\":\"\",\"metadataPath\":\"https://s/m.json\"}",
                body.get(1).get("request").toString());
        for (JsonNode entry : body) {
            assertEquals(Status.ERRORED, entry.get("status").asText());
            assertEquals(Status.FILE_PATH_MISSING, entry.get("statusError").asText());
            assertEquals(entry.get("requestTime"), entry.get("lastStatusUpdate"));
        }
        assertEquals(0, paris.transitionCount(), "created ERRORED, never changed");
    }

    @Test
    void filePathAlreadyDoneIsErroredAtOnce() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.named("paris"));
        http.add(paris, Map.of("filePath", "https://s/a.mp4"));
        clock.advance(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(10));

        http.add(paris, Map.of("filePath", "https://s/a.mp4", "metadataPath", "https://s/a.json"));
        JsonNode body = http.status(paris);

        assertEquals(Status.DONE, body.get(0).get("status").asText());
        JsonNode duplicate = body.get(1);
        assertEquals(Status.ERRORED, duplicate.get("status").asText());
        assertEquals(Status.FILE_ALREADY_EXISTS, duplicate.get("statusError").asText());
        assertEquals("2022-1018 14:20:16", duplicate.get("requestTime").asText());
        assertEquals("2022-1018 14:20:16", duplicate.get("lastStatusUpdate").asText());
    }

    @Test
    void theLibraryOutlivesTheQueueAndCanBeSeeded() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.builder("paris")
                .retention(Duration.ofSeconds(5))
                .build());
        paris.addToLibrary("https://s/old.mp4");
        http.add(paris, Map.of("filePath", "https://s/a.mp4"));
        clock.advance(Duration.ofSeconds(20)); // DONE at +6 s, purged at +11 s

        http.add(paris, Map.of("filePath", "https://s/a.mp4"));
        http.add(paris, Map.of("filePath", "https://s/old.mp4"));
        JsonNode body = http.status(paris);

        assertEquals(2, body.size());
        for (JsonNode entry : body) {
            assertEquals(Status.FILE_ALREADY_EXISTS, entry.get("statusError").asText());
        }
    }

    @Test
    void twoRequestsForOneFileInFlightTogetherOnlyOneWins() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.named("paris"));
        http.add(paris, Map.of("filePath", "https://s/a.mp4"));
        clock.advance(Duration.ofMillis(500));
        http.add(paris, Map.of("filePath", "https://s/a.mp4"));
        clock.advance(Duration.ofSeconds(10));

        JsonNode body = http.status(paris);

        assertEquals(Status.DONE, body.get(0).get("status").asText());
        assertEquals(Status.ERRORED, body.get(1).get("status").asText());
        assertEquals(Status.FILE_ALREADY_EXISTS, body.get(1).get("statusError").asText());
        assertEquals("2022-1018 14:20:06", body.get(1).get("lastStatusUpdate").asText(), "found out at the end");
    }

    @Test
    void rejectionDelayShowsPendingFirstLikeTheVendorExample() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.builder("paris")
                .rejectionDelay(Duration.ofSeconds(4))
                .build());
        http.add(paris, Map.of("reschedule", "2022-10-19"));

        assertEquals(List.of("PENDING", "2022-1018 14:20:00"), statusAndUpdate(paris));
        clock.advance(Duration.ofSeconds(4));
        JsonNode entry = http.status(paris).get(0);
        assertEquals(Status.ERRORED, entry.get("status").asText());
        assertEquals(Status.FILE_PATH_MISSING, entry.get("statusError").asText());
        assertEquals("2022-1018 14:20:04", entry.get("lastStatusUpdate").asText());
    }

    @Test
    void terminalEntriesArePurgedAfterRetention() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.builder("paris")
                .retention(Duration.ofSeconds(30))
                .build());
        http.add(paris, Map.of("filePath", "https://s/a.mp4")); // DONE at +6 s
        http.add(paris, Map.of("metadataPath", "https://s/m.json")); // ERRORED at +0 s
        clock.advance(Duration.ofSeconds(29));
        assertEquals(2, http.status(paris).size());

        clock.advance(Duration.ofSeconds(1)); // +30 s: the ERRORED one goes
        JsonNode body = http.status(paris);
        assertEquals(1, body.size());
        assertEquals(Status.DONE, body.get(0).get("status").asText());

        clock.advance(Duration.ofSeconds(6)); // +36 s: the DONE one goes
        assertEquals(0, http.status(paris).size());
        assertEquals(2, paris.stats().purged());
        assertEquals(0, paris.stats().queueSize());
    }

    @Test
    void customLifecycleAndZeroLengthSteps() throws Exception {
        Lifecycle lifecycle = new Lifecycle(List.of(
                new LifecycleStep("QUEUED", Duration.ZERO, null),
                new LifecycleStep("ENCODING", Duration.ofSeconds(5), "Encoder crashed")));
        SimulatedInstance paris =
                instance(InstanceSettings.builder("paris").lifecycle(lifecycle).build());

        StatusEntry submitted =
                paris.submit(IngestRequest.builder().filePath("https://s/a.mp4").build());

        assertEquals("ENCODING", submitted.status(), "a zero-length step is passed through at once");
        assertEquals(List.of("ENCODING", "2022-1018 14:20:00"), statusAndUpdate(paris));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("DONE", "2022-1018 14:20:05"), statusAndUpdate(paris));
    }

    @Test
    void errorRateCanChangeAtRunTime() throws Exception {
        SimulatedInstance paris = instance(InstanceSettings.named("paris"));
        paris.submit(IngestRequest.builder().filePath("https://s/ok.mp4").build());
        paris.setErrorRate(1.0);
        paris.submit(IngestRequest.builder().filePath("https://s/ko.mp4").build());
        clock.advance(Duration.ofSeconds(10));

        List<StatusEntry> entries = paris.entries();

        assertEquals(Status.DONE, entries.get(0).status());
        assertEquals(Status.ERRORED, entries.get(1).status());
    }

    private List<String> statusAndUpdate(SimulatedInstance instance) throws Exception {
        JsonNode entry = http.status(instance).get(0);
        return List.of(
                entry.get("status").asText(), entry.get("lastStatusUpdate").asText());
    }
}
