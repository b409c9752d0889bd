package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.simulator.IngestRequest;
import io.github.okastconnect.simulator.OkastTime;
import io.github.okastconnect.simulator.StatusEntry;
import io.github.okastconnect.systemtests.LifecycleTimeline.Expected;
import io.github.okastconnect.systemtests.LifecycleTimeline.Step;
import io.github.okastconnect.testkit.LifecycleEvent.Keys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The crash ITs are only as good as the script's expectations: replays the script with an independent model of the
 * connector (compare each entry with its own last state) and checks they agree, step by step.
 */
class LifecycleTimelineTest {

    @Test
    void expectedEventsAreExactlyWhatAnEntryByEntryComparisonYields() {
        LifecycleTimeline timeline = new LifecycleTimeline(
                7, LifecycleTimeline.instanceIds("i", 6), Instant.parse("2026-11-28T08:00:00Z"), 0.1);
        Map<String, String> last = new HashMap<>(); // entry key -> status | lastStatusUpdate
        Set<String> identities = new HashSet<>();
        int transitions = 0;

        Step step = timeline.initial(5);
        for (int s = 0; s <= 40; s++) {
            if (s > 0) {
                step = timeline.next(8, s % 10 == 0);
            }
            assertEquals(s, step.number());
            Map<String, Long> perEntry =
                    step.events().stream().collect(Collectors.groupingBy(Expected::entryKey, Collectors.counting()));
            assertTrue(perEntry.values().stream().allMatch(n -> n == 1), "one transition per entry per step");
            if (s > 0 && s % 10 == 0) {
                assertEquals(Set.copyOf(timeline.instances()), step.changedInstances(), "kill steps touch all");
            }
            for (Expected e : step.events()) {
                assertTrue(identities.add(e.identity()), "unique: " + e.identity());
                assertEquals(s, e.step());
            }

            // an independent reading of the published queues
            Map<String, String> now = new HashMap<>();
            for (String id : timeline.instances()) {
                for (StatusEntry entry : timeline.statusEntries(id)) {
                    String key = Keys.entryKey(
                            id,
                            entry.request().fields().get(IngestRequest.FILE_PATH),
                            OkastTime.format(entry.requestTime(), ZoneOffset.UTC),
                            0);
                    assertEquals(
                            null,
                            now.put(
                                    key,
                                    entry.status() + " | "
                                            + OkastTime.format(entry.lastStatusUpdate(), ZoneOffset.UTC)),
                            "duplicate key " + key);
                }
            }
            Set<String> derived = new HashSet<>();
            now.forEach((key, state) -> {
                String before = last.get(key);
                String[] parts = state.split(" \\| ");
                if (before == null) {
                    derived.add(Keys.identity(key, "NEW", parts[0], parts[1]));
                } else if (!before.equals(state)) {
                    String type = before.split(" \\| ")[0].equals(parts[0]) ? "UPDATED" : "STATUS_CHANGED";
                    assertNotEquals(before.split(" \\| ")[1], parts[1], "a change always has a new lastStatusUpdate");
                    derived.add(Keys.identity(key, type, parts[0], parts[1]));
                }
            });
            last.forEach((key, state) -> {
                if (!now.containsKey(key)) {
                    String[] parts = state.split(" \\| ");
                    derived.add(Keys.identity(key, "REMOVED", parts[0], parts[1]));
                }
            });
            assertEquals(
                    derived, step.events().stream().map(Expected::identity).collect(Collectors.toSet()), "step " + s);
            transitions += step.events().size();
            last.clear();
            last.putAll(now);
        }
        List<String> types = List.of("NEW", "STATUS_CHANGED", "UPDATED", "REMOVED");
        for (String type : types) {
            assertTrue(identities.stream().anyMatch(i -> i.contains(" | " + type + " | ")), type + " occurs");
        }
        assertTrue(transitions > 300, "transitions " + transitions);
        assertTrue(
                timeline.liveEntries() > 15 && timeline.liveEntries() < 60,
                "queues keep their size: " + timeline.liveEntries());
    }
}
