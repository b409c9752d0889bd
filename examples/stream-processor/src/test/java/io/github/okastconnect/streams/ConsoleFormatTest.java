package io.github.okastconnect.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleFormatTest {

    @Test
    void summaryIsOneReadableLine() {
        Summary summary = new Summary(
                "paris",
                Map.of("DONE", 3L, "PENDING", 2L),
                3,
                1,
                2_000L,
                4_100L,
                3,
                0.25,
                "File already exists in database",
                1,
                1,
                0);
        assertEquals(
                "[paris] DONE=3 PENDING=2 | completed=3 errored=1 errorRate=25.0%"
                        + " | request->DONE p50=2s p95=4.1s (n=3) | topError=\"File already exists in database\" x1 | stuck=1",
                ConsoleFormat.summaryLine(summary));
    }

    @Test
    void emptySummaryShowsDashes() {
        Summary summary = new Summary("lyon", Map.of(), 0, 0, null, null, 0, null, null, 0, 0, 0);
        assertEquals(
                "[lyon] no live entries | completed=0 errored=0 errorRate=- | request->DONE - | topError=- | stuck=0",
                ConsoleFormat.summaryLine(summary));
    }

    @Test
    void alertNamesEntryStatusAndDuration() {
        StuckAlert alert = new StuckAlert("paris", "https://cdn/a.mp4", "2022-1018 14:20:00", "PENDING", 725_000, 0);
        assertEquals(
                "[paris] STUCK PENDING for 12m05s: https://cdn/a.mp4 (requested 2022-1018 14:20:00)",
                ConsoleFormat.alertLine(alert));
    }
}
