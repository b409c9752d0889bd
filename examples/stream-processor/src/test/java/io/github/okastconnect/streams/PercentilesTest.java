package io.github.okastconnect.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void emptySampleHasNoPercentile() {
        assertNull(Percentiles.nearestRank(List.of(), 50));
    }

    @Test
    void nearestRankReturnsAnObservedValue() {
        List<Long> samples = List.of(400L, 100L, 300L, 200L);
        assertEquals(200L, Percentiles.nearestRank(samples, 50));
        assertEquals(400L, Percentiles.nearestRank(samples, 95));
        assertEquals(100L, Percentiles.nearestRank(samples, 1));
        assertEquals(400L, Percentiles.nearestRank(samples, 100));
        assertEquals(7L, Percentiles.nearestRank(List.of(7L), 95));
    }

    @Test
    void rejectsPercentOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(List.of(1L), 0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(List.of(1L), 101));
    }
}
