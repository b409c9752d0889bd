package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.FailureCause;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.http.Validators;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.TimestampParser;

/** An instance is polled at a fixed rate: late launches do not shift later polls; missed slots are skipped. */
class PollScheduleTest {
    private static final long INTERVAL = 1_000;

    private static InstanceTracker tracker(long firstDueMs) {
        return new InstanceTracker(new InstanceConfig("paris", URI.create("http://127.0.0.1:1/s"),
                new Credentials.None()), InstanceState.empty(), new InstanceTracker.Pipeline(
                new IngestStatusParser(), new ChangeDetector(),
                new RecordMapper("t", new TimestampParser(ZoneOffset.UTC), RemovalMode.EVENT)),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), RandomGenerator.getDefault()), INTERVAL,
                firstDueMs);
    }

    /** Launches the due poll at {@code launchMs} and completes it, unchanged, at {@code doneMs}. */
    private static void poll(InstanceTracker tracker, long launchMs, long doneMs) {
        assertTrue(tracker.isDue(launchMs), "due at " + launchMs);
        tracker.markInFlight();
        assertFalse(tracker.isDue(launchMs + 10 * INTERVAL), "one poll in flight at a time");
        tracker.onResult(new FetchResult.SameBody(10, doneMs, 1, Validators.NONE), doneMs, new ArrayList<>());
    }

    @Test
    void aLateLaunchDoesNotShiftTheNextPoll() {
        InstanceTracker tracker = tracker(0);
        poll(tracker, 300, 310); // task thread was busy: launched 300 ms after its slot
        assertEquals(1_000, tracker.nextDueMs());
        poll(tracker, 1_000, 1_005);
        assertEquals(2_000, tracker.nextDueMs());
    }

    @Test
    void aSlowAnswerIsFollowedAtOnceButMissedSlotsAreNotMadeUp() {
        InstanceTracker tracker = tracker(0);
        poll(tracker, 0, 2_500); // answered after two and a half intervals
        assertEquals(2_500, tracker.nextDueMs(), "next poll right away, not three in a burst");
        poll(tracker, 2_500, 2_510);
        assertEquals(3_500, tracker.nextDueMs());
    }

    @Test
    void afterAFailureTheRateRestartsFromTheRetry() {
        InstanceTracker tracker = tracker(0);
        tracker.markInFlight();
        tracker.onResult(new FetchResult.Failure(FailureCause.SERVER_ERROR, "HTTP 500", 1), 50, new ArrayList<>());
        long retry = tracker.nextDueMs();
        assertTrue(retry >= 50 + 80 && retry <= 50 + 120, "backoff 100 ms ± 20 %: " + retry);
        poll(tracker, retry, retry + 10);
        assertEquals(retry + INTERVAL, tracker.nextDueMs());
    }
}
