package io.github.okastconnect.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceStatsTest {

    @Test
    void statusTallyIsBoundedAndKeepsTheDominantMessage() {
        InstanceStats stats = InstanceStats.empty("paris");
        for (int i = 0; i < 5; i++) {
            stats = stats.withStatusError("File already exists in database");
        }
        for (int i = 0; i < 250; i++) {
            stats = stats.withStatusError("Download failed for file-" + i + ".mp4");
        }

        assertEquals(
                InstanceStats.MAX_DISTINCT_STATUS_ERRORS,
                stats.statusErrorCounts().size());
        assertEquals(5L, stats.statusErrorCounts().get("File already exists in database"));
        assertTrue(stats.statusErrorCounts().containsKey("Download failed for file-249.mp4"));
        assertEquals("File already exists in database", stats.toSummary(0).topStatusError());
    }

    @Test
    void equalCountsPickTheAlphabeticallyFirstMessage() {
        InstanceStats stats = InstanceStats.empty("paris").withStatusError("b").withStatusError("a");
        assertEquals("a", stats.toSummary(0).topStatusError());
        assertEquals(1, stats.toSummary(0).topStatusErrorCount());
    }

    @Test
    void leavingTheLastEntryOfAStatusRemovesTheStatus() {
        InstanceStats stats =
                InstanceStats.empty("paris").withEntryEntering("PENDING").withEntryEntering("PENDING");
        stats = stats.withEntryLeaving(new EntryState("PENDING", 0, false, false));
        assertEquals(Map.of("PENDING", 1L), stats.byStatus());
        stats = stats.withEntryLeaving(new EntryState("PENDING", 0, false, false));
        assertFalse(stats.byStatus().containsKey("PENDING"));
    }

    @Test
    void survivesAJsonRoundTripThroughTheStoreSerde() {
        InstanceStats stats = InstanceStats.empty("paris")
                .withEntryEntering("DONE")
                .withCompletion(1_200L, 1000)
                .withErrorOutcome()
                .withStatusError("File already exists in database")
                .withOneMoreStuck();
        JsonSerde<InstanceStats> serde = JsonSerde.of(InstanceStats.class);

        byte[] bytes = serde.serializer().serialize("t", stats);
        assertEquals(stats, serde.deserializer().deserialize("t", bytes));
        assertEquals(
                "{\"instance\":\"paris\",\"byStatus\":{\"DONE\":1},\"done\":1,\"errored\":1,"
                        + "\"recentDurationsMs\":[1200],\"statusErrorCounts\":{\"File already exists in database\":1},\"stuck\":1}",
                new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of(1_200L), stats.recentDurationsMs());
    }
}
