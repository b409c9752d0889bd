package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.parser.SkipReason;
import io.github.okastconnect.testkit.LogCapture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * A bad entry that the endpoint keeps sending is one WARN for the whole episode (not one per poll), is counted by
 * reason on every poll, and never stops the other entries of the body from being processed.
 */
class BadEntryEpisodeTest {
    private static final String GOOD =
            "{\"request\":{\"filePath\":\"good.mp4\"},\"requestTime\":\"2022-1018 14:20:00\","
                    + "\"lastStatusUpdate\":\"2022-1018 14:20:0%d\",\"status\":\"%s\"}";
    private static final String DEEP = "{\"request\":{\"filePath\":\"deep.mp4\",\"x\":" + "[".repeat(100)
            + "]".repeat(100) + "},\"requestTime\":\"2022-1018 14:21:00\",\"status\":\"PENDING\"}";
    private static final String RAW_CONTROL =
            "{\"request\":{\"filePath\":\"bell\u0007.mp4\"},\"requestTime\":\"2022-1018 14:22:00\",\"status\":\"DONE\"}";

    private final InstanceTracker tracker = new InstanceTracker(
            new InstanceConfig("paris", URI.create("http://127.0.0.1:9/status"), new Credentials.None()),
            InstanceState.empty(),
            TestStateWriters.writer("paris"),
            TestPipelines.standard(),
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
            1_000,
            0);

    private List<SourceRecord> poll(String... elements) {
        byte[] body = ("[" + String.join(",", elements) + "]").getBytes(StandardCharsets.UTF_8);
        List<SourceRecord> out = new ArrayList<>();
        tracker.onResult(new FetchResult.Success(body, 1, 1), 1, out);
        // The events only, not the state records that follow them in the state topic.
        return out.stream().filter(r -> r.topic().equals("t")).toList();
    }

    private static long skipWarnings(LogCapture logs) {
        return logs.lines().stream()
                .filter(l -> l.level() == Level.WARN && l.message().contains("unusable entr"))
                .count();
    }

    @Test
    void oneWarnPerEpisodeEveryPollCountedAndTheOtherEntriesProcessed() {
        try (LogCapture logs = LogCapture.install()) {
            // Three polls in a row carry the bad entries; the good one changes each time and is emitted each time.
            assertEquals(
                    1,
                    poll(String.format(GOOD, 1, "PENDING"), DEEP, RAW_CONTROL).size());
            assertEquals(
                    1,
                    poll(DEEP, String.format(GOOD, 2, "DOWNLOADING"), RAW_CONTROL)
                            .size());
            assertEquals(
                    1, poll(RAW_CONTROL, DEEP, String.format(GOOD, 3, "DONE")).size());
            assertEquals(1, skipWarnings(logs), "one WARN for the episode: " + logs.lines());
            assertEquals(3, tracker.stats().skippedEntries(SkipReason.NESTED_TOO_DEEP));
            assertEquals(3, tracker.stats().skippedEntries(SkipReason.CONTROL_CHARACTER));
            assertEquals(1, tracker.state().size(), "only the good entry is tracked");
            String warning = logs.lines().stream()
                    .filter(l -> l.level() == Level.WARN)
                    .findFirst()
                    .orElseThrow()
                    .message();
            assertTrue(
                    warning.contains("NESTED_TOO_DEEP") && warning.contains("CONTROL_CHARACTER"),
                    "the WARN names the reasons: " + warning);
            assertTrue(warning.contains("'paris'"), warning);

            // A clean body ends the episode; the next bad entry opens a new one.
            poll(String.format(GOOD, 4, "DONE"));
            assertEquals(1, skipWarnings(logs));
            poll(String.format(GOOD, 5, "DONE"), DEEP);
            assertEquals(2, skipWarnings(logs));
        }
    }
}
