package io.github.okastconnect.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScenarioSpecTest {

    @Test
    void theDefaultChangeRateIsOnePercentOfTheEntriesPerSecond() {
        Scenario s = LoadHarness.parse("100x1000@1000");
        assertEquals(100, s.instances());
        assertEquals(1000, s.entries());
        assertEquals(1000, s.intervalMs());
        assertEquals(10.0, s.changesPerSecondPerInstance());
        assertEquals(25, s.windowSeconds());
        assertFalse(s.seedOffsets());
    }

    @Test
    void windowRateAndSeedCanBeGivenTogether() {
        Scenario s = LoadHarness.parse("500x1000@5000:40/0.25+seed");
        assertEquals(40, s.windowSeconds());
        assertEquals(0.25, s.changesPerSecondPerInstance());
        assertTrue(s.seedOffsets());
        assertEquals(2.0, LoadHarness.parse("2x100@1000/2").changesPerSecondPerInstance());
    }

    @Test
    void aMalformedSpecIsRefusedWithTheExpectedShape() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LoadHarness.parse("100x1000@1000/"));
        assertTrue(e.getMessage().contains("100x1000@1000[:25][/0.2][+seed]"), e.getMessage());
    }
}
