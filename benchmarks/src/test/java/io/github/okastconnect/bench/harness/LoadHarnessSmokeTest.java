package io.github.okastconnect.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the harness's whole code path (broker, worker, simulator, driver, connector, consumer, report, chart) for a
 * few seconds with 2 instances. Asserts only that events flowed and were joined to their changes: benchmarks report
 * timings, they never assert them.
 */
class LoadHarnessSmokeTest {

    @Test
    void eventsFlowEndToEnd() throws Exception {
        List<ScenarioResult> results = LoadHarness.run(LoadHarness.QUICK, System.out);

        assertEquals(1, results.size());
        ScenarioResult r = results.get(0);
        assertEquals(200, r.snapshotEvents(), "initial snapshot of 2 × 100 entries");
        assertTrue(r.pollsAchieved() > 0, "the connector polled the simulator");
        assertTrue(r.events() > 0, "change events arrived in the window");
        assertTrue(r.latencySamples() > 0, "events were joined to the simulator's change times");
        assertEquals(0, r.duplicates(), "no event without a matching change");
        assertTrue(HarnessReport.report(results).contains("2 × 100 @ 500 ms"));
    }
}
