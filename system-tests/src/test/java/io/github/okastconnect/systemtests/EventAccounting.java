package io.github.okastconnect.systemtests;

import io.github.okastconnect.systemtests.LifecycleTimeline.Expected;
import io.github.okastconnect.testkit.LifecycleEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the events a consumer received with the events a {@link LifecycleTimeline} expects.
 *
 * <p>Two measures. <b>Strict</b>: the multiset of (entry key, changeType, status, lastStatusUpdate); what
 * exactly-once must get exactly right. <b>State</b>: whether each expected state of each entry (status +
 * lastStatusUpdate, or its removal) reached the topic at all, under whatever changeType; what at-least-once must
 * keep, since a restart from older offsets may report a change as NEW or STATUS_CHANGED from an older state.
 */
final class EventAccounting {

    private final boolean strictWait;
    private final Map<String, Expected> expectedByIdentity = new LinkedHashMap<>();
    private final Set<String> expectedStates = new HashSet<>();
    private final Set<String> seenIdentities = new HashSet<>();
    private final Set<String> seenStates = new HashSet<>();
    private final Set<String> pending = new LinkedHashSet<>();
    private final Set<String> unrecoverable = new LinkedHashSet<>();
    private int processed;

    /** {@code strictWait}: a step is complete when its exact events arrived (else: when its states arrived). */
    EventAccounting(boolean strictWait) {
        this.strictWait = strictWait;
    }

    void expect(List<Expected> events) {
        for (Expected e : events) {
            if (expectedByIdentity.put(e.identity(), e) != null) {
                throw new IllegalStateException("the script expects " + e.identity() + " twice");
            }
            expectedStates.add(e.state());
            String wait = strictWait ? e.identity() : e.state();
            if (!(strictWait ? seenIdentities : seenStates).contains(wait)) {
                pending.add(wait);
            }
        }
    }

    /** True once every expected event so far has arrived (strictly or as a state). */
    boolean complete(List<LifecycleEvent> received) {
        for (; processed < received.size(); processed++) {
            LifecycleEvent event = received.get(processed);
            seenIdentities.add(event.identity());
            seenStates.add(event.stateIdentity());
            pending.remove(strictWait ? event.identity() : event.stateIdentity());
        }
        return pending.isEmpty();
    }

    /** True when only removals are still awaited (state mode). */
    boolean onlyRemovalsPending() {
        return !strictWait && pending.stream().allMatch(p -> p.endsWith(" | REMOVED"));
    }

    /**
     * At-least-once only: gives up waiting for the pending removals and returns them. A task killed before its
     * offsets were flushed restarts from older offsets; an entry that left the queue meanwhile and that those
     * offsets never held cannot be reported as REMOVED: nothing the restarted task can read says it existed.
     */
    List<String> abandonPendingRemovals() {
        if (!onlyRemovalsPending()) {
            throw new IllegalStateException("not only removals pending: " + pending(10));
        }
        List<String> abandoned = List.copyOf(pending);
        unrecoverable.addAll(abandoned);
        pending.clear();
        return abandoned;
    }

    List<String> pending(int max) {
        return pending.stream().limit(max).toList();
    }

    int pendingCount() {
        return pending.size();
    }

    Result result(List<LifecycleEvent> received) {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> states = new HashSet<>();
        List<LifecycleEvent> duplicates = new ArrayList<>();
        List<LifecycleEvent> unexpected = new ArrayList<>();
        Map<String, LifecycleEvent> first = new HashMap<>();
        int tombstones = 0;
        for (LifecycleEvent event : received) {
            if (event.isTombstone()) {
                tombstones++;
                continue;
            }
            states.add(event.stateIdentity());
            int n = counts.merge(event.identity(), 1, Integer::sum);
            if (!expectedByIdentity.containsKey(event.identity())) {
                unexpected.add(event);
            } else if (n > 1) {
                duplicates.add(event);
            } else {
                first.put(event.identity(), event);
            }
        }
        List<Expected> lost = expectedByIdentity.values().stream()
                .filter(e -> !counts.containsKey(e.identity()))
                .toList();
        List<Expected> lostStates =
                lost.stream().filter(e -> !states.contains(e.state())).toList();
        List<Expected> unrecoverableRemovals = lostStates.stream()
                .filter(e -> unrecoverable.contains(e.state()))
                .toList();
        return new Result(
                expectedByIdentity.size(),
                received.size() - tombstones,
                tombstones,
                lost,
                lostStates,
                unrecoverableRemovals,
                duplicates,
                unexpected,
                first);
    }

    /**
     * Keys whose events did not arrive exactly in the script's order (one partition per key keeps them in order),
     * with what arrived; meaningful when nothing was lost or repeated.
     */
    Map<String, List<String>> outOfOrderKeys(List<LifecycleEvent> received) {
        Map<String, List<String>> expectedByKey = new LinkedHashMap<>();
        expectedByIdentity
                .values()
                .forEach(e -> expectedByKey
                        .computeIfAbsent(e.entryKey(), k -> new ArrayList<>())
                        .add(e.identity()));
        Map<String, List<String>> receivedByKey = new LinkedHashMap<>();
        received.stream()
                .filter(e -> !e.isTombstone())
                .forEach(e -> receivedByKey
                        .computeIfAbsent(e.entryKey(), k -> new ArrayList<>())
                        .add(e.identity()));
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        expectedByKey.forEach((key, identities) -> {
            List<String> got = receivedByKey.getOrDefault(key, List.of());
            if (!got.equals(identities)) {
                wrong.put(key, got);
            }
        });
        return wrong;
    }

    /**
     * @param lost        expected events never received as such (strict)
     * @param lostStates  expected states never received under any changeType
     * @param unrecoverableRemovals the lost states that are removals given up on after a kill (at-least-once)
     * @param duplicates  second and later copies of expected events
     * @param unexpected  events the script does not expect (e.g. a NEW re-emitted in place of a STATUS_CHANGED)
     * @param firstCopies the first copy of each expected event received, by identity
     */
    record Result(
            int expected,
            int seen,
            int tombstones,
            List<Expected> lost,
            List<Expected> lostStates,
            List<Expected> unrecoverableRemovals,
            List<LifecycleEvent> duplicates,
            List<LifecycleEvent> unexpected,
            Map<String, LifecycleEvent> firstCopies) {

        String summary() {
            return "expected=" + expected + ", seen=" + seen + ", lost=" + lost.size() + ", duplicated="
                    + duplicates.size() + ", unexpected=" + unexpected.size() + ", lostStates=" + lostStates.size()
                    + (unrecoverableRemovals.isEmpty()
                            ? ""
                            : " (unrecoverable removals " + unrecoverableRemovals.size() + ")")
                    + (tombstones > 0 ? ", tombstones=" + tombstones : "");
        }
    }
}
