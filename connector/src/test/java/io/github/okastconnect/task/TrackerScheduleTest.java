package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.FailureCause;
import io.github.okastconnect.http.FetchResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A tracker's answers move its {@link PollSchedule.Due}: an instance's polls stay on its own grid (first due time +
 * whole intervals), a late poll does not push the later ones back, and a failure waits for the backoff.
 */
class TrackerScheduleTest {
    private static final long INTERVAL = 1_000;
    private static final long PHASE = 250;

    private static InstanceTracker tracker() {
        InstanceConfig instance =
                new InstanceConfig("paris", URI.create("http://127.0.0.1:1/s"), new Credentials.None());
        return new InstanceTracker(
                instance,
                InstanceState.empty(),
                TestStateWriters.writer(instance.id()),
                TestPipelines.standard(),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(100)),
                INTERVAL,
                PHASE);
    }

    /** Launches the tracker's poll at {@code launchMs} and completes it, unchanged, at {@code doneMs}. */
    private static void unchangedPoll(InstanceTracker tracker, long launchMs, long doneMs) {
        assertTrue(tracker.due().isDue(launchMs), "due at " + launchMs);
        tracker.due().launched();
        assertFalse(tracker.due().isDue(launchMs), "one poll at a time");
        tracker.onResult(new FetchResult.NotModified(doneMs, 1_000_000), doneMs, new ArrayList<>());
    }

    @Test
    void anOnTimePollIsFollowedOneIntervalLater() {
        InstanceTracker tracker = tracker();
        assertFalse(tracker.due().isDue(PHASE - 1));
        unchangedPoll(tracker, PHASE, PHASE + 40);
        assertEquals(PHASE + INTERVAL, tracker.due().atMs());
    }

    @Test
    void aLatePollDoesNotPushTheNextOneBack() {
        InstanceTracker tracker = tracker();
        unchangedPoll(tracker, PHASE + 400, PHASE + 450);
        assertEquals(PHASE + INTERVAL, tracker.due().atMs(), "back on the grid, not launch + interval");
    }

    @Test
    void aPollLateByMoreThanAnIntervalSkipsTheMissedSlots() {
        InstanceTracker tracker = tracker();
        unchangedPoll(tracker, PHASE + 2_500, PHASE + 2_520);
        assertEquals(PHASE + 3 * INTERVAL, tracker.due().atMs(), "the next slot after the answer, not a burst");
    }

    @Test
    void anAnswerWithinTheSameMillisecondWaitsForTheNextSlot() {
        InstanceTracker tracker = tracker();
        unchangedPoll(tracker, PHASE, PHASE);
        assertEquals(PHASE + INTERVAL, tracker.due().atMs());
    }

    @Test
    void afterFailuresTheInstanceReturnsToItsGrid() {
        InstanceTracker tracker = tracker();
        tracker.due().launched();
        tracker.onResult(
                new FetchResult.Failure(FailureCause.CONNECTION, "refused", 1_000), PHASE + 10, new ArrayList<>());
        long retryAt = tracker.due().atMs();
        assertTrue(
                retryAt > PHASE + 10 && retryAt <= PHASE + 10 + 100,
                "backoff (100 ms, jittered), not the grid: " + retryAt);
        unchangedPoll(tracker, retryAt, retryAt + 20);
        assertEquals(PHASE + INTERVAL, tracker.due().atMs());
    }
}
