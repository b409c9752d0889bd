package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generated load keeps queues at their size, changes at the configured rate and counts what it did. */
class LoadGeneratorTest {

    private static final Pattern GENERATED_PATH =
            Pattern.compile("https://storage\\.example\\.com/media/[a-z0-9-]+/[0-9a-f]{16}\\.mp4");

    private final MutableClock clock = MutableClock.at("2022-10-18T14:20:00Z");
    private final TestHttp http = new TestHttp();
    private OkastSimulator sim;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder().clock(clock).seed(42).build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private SimulatedInstance loaded(String name, LoadProfile load) {
        return sim.addInstance(
                InstanceSettings.builder(name).errorRate(0.2).load(load).build());
    }

    @Test
    void queueSizeStaysConstantAndEveryChangeIsCounted() throws Exception {
        SimulatedInstance paris = loaded("paris", LoadProfile.of(50, Duration.ofSeconds(1), 5));
        assertEquals(50, http.status(paris).size());

        for (int second = 0; second < 100; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertEquals(50, http.status(paris).size());
        }

        InstanceStats stats = paris.stats();
        assertEquals(500, stats.transitions() + stats.purged(), "each change is a step or a replacement");
        assertEquals(50 + stats.purged(), stats.created());
        assertEquals(50, stats.queueSize());
        assertTrue(stats.transitions() > 200 && stats.purged() > 50, stats.toString());
    }

    @Test
    void servedCountersMatchWhatAPollerActuallyObserves() throws Exception {
        SimulatedInstance paris = loaded("paris", LoadProfile.of(40, Duration.ofMillis(500), 3));
        Map<String, String> seen = new HashMap<>();
        long observedNew = 0;
        long observedChanges = 0;
        long observedRemovals = 0;
        for (int poll = 0; poll < 60; poll++) {
            Map<String, String> now = new HashMap<>();
            for (JsonNode entry : http.status(paris)) {
                now.put(
                        entry.get("request").get("filePath").asText(),
                        entry.get("status").asText() + "@"
                                + entry.get("lastStatusUpdate").asText());
            }
            for (Map.Entry<String, String> entry : now.entrySet()) {
                String previous = seen.get(entry.getKey());
                if (previous == null) {
                    observedNew++;
                } else if (!previous.equals(entry.getValue())) {
                    observedChanges++;
                }
            }
            observedRemovals +=
                    seen.keySet().stream().filter(key -> !now.containsKey(key)).count();
            seen = now;
            clock.advance(Duration.ofMillis(poll % 3 == 0 ? 1500 : 500)); // sometimes slow: changes coalesce
        }

        InstanceStats stats = paris.stats();
        assertEquals(observedNew, stats.servedNewEntries());
        assertEquals(observedChanges, stats.servedStatusChanges());
        assertEquals(observedRemovals, stats.servedRemovals());
        assertTrue(observedRemovals > 0 && observedRemovals < stats.purged() + 1, stats.toString());
        assertTrue(stats.servedStatusChanges() < stats.transitions(), "slow polls missed some steps: " + stats);
    }

    @Test
    void sameSeedSameLoadWhateverThePolling() throws Exception {
        InstanceSettings settings = InstanceSettings.builder("paris")
                .errorRate(0.3)
                .seed(99L)
                .load(LoadProfile.of(30, Duration.ofMillis(250), 2))
                .build();
        OkastSimulator other = OkastSimulator.builder().clock(clock).build().start();
        try {
            SimulatedInstance polled = sim.addInstance(settings);
            SimulatedInstance untouched = other.addInstance(settings);
            for (int i = 0; i < 40; i++) {
                clock.advance(Duration.ofMillis(130));
                http.get(polled.statusUrl());
            }

            assertArrayEquals(polled.currentBody(), untouched.currentBody());
            assertEquals(polled.stats().transitions(), untouched.stats().transitions());
        } finally {
            other.close();
        }
    }

    @Test
    void bodyIsCachedUntilSomethingChanges() {
        SimulatedInstance paris = loaded("paris", LoadProfile.of(100, Duration.ofSeconds(1), 1));

        byte[] first = paris.currentBody();
        byte[] same = paris.currentBody();
        clock.advance(Duration.ofMillis(999));
        byte[] stillSame = paris.currentBody();
        clock.advance(Duration.ofMillis(1));
        byte[] changed = paris.currentBody();

        assertSame(first, same);
        assertSame(first, stillSame);
        assertNotSame(first, changed);
        assertEquals(1, paris.stats().transitions() + paris.stats().purged());
    }

    @Test
    void generatedRequestsLookRealistic() throws Exception {
        SimulatedInstance paris = loaded("paris", LoadProfile.of(200, Duration.ofSeconds(1), 1));

        JsonNode body = http.status(paris);

        int withFolder = 0;
        for (JsonNode entry : body) {
            String filePath = entry.get("request").get("filePath").asText();
            assertTrue(GENERATED_PATH.matcher(filePath).matches(), filePath);
            assertTrue(filePath.contains("/paris/"));
            assertTrue(filePath.length() >= 55 && filePath.length() <= 70, filePath);
            assertTrue(SeedFormatTest.TIMESTAMP
                    .matcher(entry.get("requestTime").asText())
                    .matches());
            withFolder += entry.get("request").has("destinationFolderKind") ? 1 : 0;
        }
        assertTrue(withFolder > 100 && withFolder < 200, "mixed request shapes: " + withFolder);
        List<String> statuses = body.findValuesAsText("status");
        for (String status : List.of("PENDING", "DOWNLOADING", "PROCESSING", "DONE", "ERRORED")) {
            assertTrue(statuses.contains(status), "initial queue spans " + status);
        }
    }

    @Test
    void missingFilePathEntriesCanBeGenerated() throws Exception {
        SimulatedInstance paris =
                loaded("paris", LoadProfile.of(100, Duration.ofSeconds(1), 1).withMissingFilePathRate(0.2));

        long missing = 0;
        for (JsonNode entry : http.status(paris)) {
            if (!entry.get("request").has("filePath")) {
                missing++;
                assertEquals(Status.FILE_PATH_MISSING, entry.get("statusError").asText());
            }
        }
        assertTrue(missing > 5 && missing < 40, "missing: " + missing);
    }

    @Test
    void perSecondRateAndPause() {
        SimulatedInstance paris = loaded("paris", LoadProfile.perSecond(20, 200));
        assertEquals(200.0, LoadProfile.perSecond(20, 200).changesPerSecond(), 1e-9);

        clock.advance(Duration.ofMillis(1500));
        paris.tick();
        InstanceStats afterRun = paris.stats();
        paris.pauseLoad();
        clock.advance(Duration.ofSeconds(10));
        paris.tick();
        InstanceStats afterPause = paris.stats();
        paris.resumeLoad();
        clock.advance(Duration.ofMillis(100));
        paris.tick();

        assertEquals(300, afterRun.transitions() + afterRun.purged());
        assertEquals(afterRun, afterPause);
        assertEquals(320, paris.stats().transitions() + paris.stats().purged(), "no burst after resume");
    }

    @Test
    void addEndpointStillWorksOnALoadedInstance() throws Exception {
        SimulatedInstance paris = loaded("paris", LoadProfile.of(10, Duration.ofSeconds(1), 1));
        http.add(paris, Map.of("filePath", "https://s/manual.mp4"));

        JsonNode body = http.status(paris);

        assertEquals(11, body.size());
        assertEquals(
                "https://s/manual.mp4",
                body.get(10).get("request").get("filePath").asText());
    }

    @Test
    void hundredInstancesOfThousandEntries() throws Exception {
        List<SimulatedInstance> instances = sim.addInstances(
                "inst",
                100,
                InstanceSettings.builder("template")
                        .errorRate(0.1)
                        .load(LoadProfile.of(1000, Duration.ofSeconds(1), 10))
                        .build());
        clock.advance(Duration.ofSeconds(5));

        long served = 0;
        for (SimulatedInstance instance : instances) {
            HttpResponse<byte[]> response = http.get(instance.statusUrl());
            assertEquals(200, response.statusCode());
            served += response.body().length;
        }
        InstanceStats total = sim.totalStats();

        assertEquals("inst-000", instances.get(0).name());
        assertEquals(100_000, total.queueSize());
        assertEquals(100 * 50, total.transitions() + total.purged());
        assertEquals(100 * 1000, total.servedNewEntries());
        assertTrue(served > 100_000 * 150L, "bytes served: " + served);
    }

    @Test
    void oneInstanceOfHundredThousandEntriesReRendersCheaply() throws Exception {
        SimulatedInstance big = loaded("big", LoadProfile.of(100_000, Duration.ofMillis(1), 1));
        byte[] first = http.get(big.statusUrl()).body();
        assertEquals(100_000, TestHttp.MAPPER.readTree(first).size());

        long renderedBefore = big.fragmentsRendered();
        clock.advance(Duration.ofSeconds(1)); // 1000 changes
        long start = System.nanoTime();
        byte[] second = big.currentBody();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(1000, big.stats().transitions() + big.stats().purged());
        assertNotSame(first, second);
        assertEquals(100_000, big.stats().queueSize());
        assertTrue(big.fragmentsRendered() - renderedBefore <= 1000, "only changed or new entries are re-serialised");
        assertTrue(elapsedMs < 5000, "re-render took " + elapsedMs + " ms");
        assertArrayEquals(second, http.get(big.statusUrl()).body());
    }
}
