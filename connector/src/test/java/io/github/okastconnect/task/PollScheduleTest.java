package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.http.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The schedule alone, with plain names for instances: first polls spread over an interval, each instance on its own
 * grid, backoff after failures, one poll in flight per instance, the request limit, and soonest-due-first launching.
 */
class PollScheduleTest {
    private static final long INTERVAL = 1_000;
    /** No jitter, so that backoff due times are exact. */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 0);

    private final Map<String, PollSchedule.Due> dues = new LinkedHashMap<>();

    private PollSchedule<String> schedule(int maxConcurrent, Map<String, Long> firstDue) {
        PollSchedule<String> schedule = new PollSchedule<>(maxConcurrent, dues::get);
        firstDue.forEach((name, at) -> {
            dues.put(name, new PollSchedule.Due(INTERVAL, at, BACKOFF));
            schedule.add(name);
        });
        return schedule;
    }

    private static List<String> launchAll(PollSchedule<String> schedule, long nowMs) {
        List<String> launched = new ArrayList<>();
        for (String name = schedule.launchNext(nowMs); name != null; name = schedule.launchNext(nowMs)) {
            launched.add(name);
        }
        return launched;
    }

    @Test
    void firstPollsAreSpreadEvenlyOverOneInterval() {
        List<Long> firstDue = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firstDue.add(PollSchedule.firstDueMs(5_000, INTERVAL, i, 4));
        }
        assertEquals(List.of(5_000L, 5_250L, 5_500L, 5_750L), firstDue);
        assertEquals(5_000, PollSchedule.firstDueMs(5_000, INTERVAL, 0, 1), "a single instance polls at once");
        long last = PollSchedule.firstDueMs(0, INTERVAL, 999, 1_000);
        assertTrue(last < INTERVAL, "all first polls within one interval: " + last);
    }

    /** A poll of {@code due} launched now and answered at {@code answeredMs}: when the next one falls due. */
    private static long pollAnsweredAt(PollSchedule.Due due, long answeredMs) {
        due.launched();
        due.answered(answeredMs);
        return due.atMs();
    }

    @Test
    void anAnswerMovesTheDueTimeToTheNextInstantOfTheInstancesGrid() {
        PollSchedule.Due due = new PollSchedule.Due(INTERVAL, 250, BACKOFF);
        assertEquals(1_250, pollAnsweredAt(due, 290), "one interval after the first due time, not after the answer");
        assertEquals(
                2_250, pollAnsweredAt(due, 1_250), "an answer within the same millisecond waits for the next instant");
    }

    @Test
    void aLatePollDoesNotPushTheLaterOnesBack() {
        PollSchedule.Due due = new PollSchedule.Due(INTERVAL, 250, BACKOFF);
        assertEquals(1_250, pollAnsweredAt(due, 700), "back on the grid, not launch + interval");
        assertEquals(
                4_250,
                pollAnsweredAt(due, 1_250 + 2_500),
                "slots missed by a very late answer are skipped, not caught up in a burst");
    }

    @Test
    void instancesDelayedTogetherKeepTheirOwnPhases() {
        PollSchedule.Due a = new PollSchedule.Due(INTERVAL, 0, BACKOFF);
        PollSchedule.Due b = new PollSchedule.Due(INTERVAL, 500, BACKOFF);
        // Both answered late at the same instant (a worker pause, say): they do not end up in step.
        a.launched();
        b.launched();
        a.answered(3_100);
        b.answered(3_100);
        assertEquals(4_000, a.atMs());
        assertEquals(3_500, b.atMs());
    }

    @Test
    void failuresWaitForTheBackoffThenTheNextAnswerReturnsToTheGrid() {
        PollSchedule.Due due = new PollSchedule.Due(INTERVAL, 250, BACKOFF);
        due.launched();
        assertEquals(100, due.failed(260, 1, Optional.empty()));
        assertEquals(360, due.atMs());
        due.launched();
        assertEquals(200, due.failed(370, 2, Optional.empty()));
        assertEquals(570, due.atMs());
        due.launched();
        assertEquals(400, due.failed(580, 5, Optional.empty()), "capped at the maximum");
        assertEquals(980, due.atMs());
        due.launched();
        assertEquals(2_000, due.failed(990, 6, Optional.of(Duration.ofSeconds(2))), "Retry-After is a floor");
        assertEquals(2_990, due.atMs());
        due.launched();
        due.answered(3_000);
        assertEquals(3_250, due.atMs(), "back on its grid");
    }

    @Test
    void anInstanceHasOnePollInFlightAtATime() {
        PollSchedule<String> schedule = schedule(4, Map.of("a", 0L));
        PollSchedule.Due due = dues.get("a");
        assertFalse(due.isDue(-1));
        assertEquals("a", schedule.launchNext(0));
        assertFalse(due.isDue(10_000), "in flight");
        assertNull(schedule.launchNext(10_000), "not launched twice");
        assertEquals(Long.MAX_VALUE, schedule.msUntilDue(10_000), "nothing idle to wait for");
        due.answered(10_300);
        schedule.returned("a");
        assertEquals(11_000, due.atMs());
        assertEquals(700, schedule.msUntilDue(10_300));
        assertNull(schedule.launchNext(10_999));
        assertEquals("a", schedule.launchNext(11_000));
    }

    @Test
    void dueInstancesAreLaunchedSoonestDueFirstUpToTheLimit() {
        Map<String, Long> firstDue = new LinkedHashMap<>();
        firstDue.put("late", 300L);
        firstDue.put("early", 100L);
        firstDue.put("middle", 200L);
        firstDue.put("future", 900L);
        PollSchedule<String> schedule = schedule(2, firstDue);
        assertEquals(100, schedule.msUntilDue(0));
        assertEquals(List.of("early", "middle"), launchAll(schedule, 500), "by due time, not by order added");
        assertEquals(Long.MAX_VALUE, schedule.msUntilDue(500), "the limit is reached: nothing to wait for");

        dues.get("early").answered(510);
        schedule.returned("early");
        assertEquals(0, schedule.msUntilDue(510), "'late' is overdue");
        assertEquals(List.of("late"), launchAll(schedule, 510));

        dues.get("middle").failed(520, 1, Optional.empty());
        schedule.returned("middle");
        dues.get("late").answered(530);
        schedule.returned("late");
        assertEquals(List.of("middle"), launchAll(schedule, 620), "its backoff ended at 620; 'future' is not due");
        assertEquals(List.of("future"), launchAll(schedule, 900));
        assertEquals(List.of(), launchAll(schedule, 1_000));
    }
}
