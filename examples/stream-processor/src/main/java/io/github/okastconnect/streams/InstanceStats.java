package io.github.okastconnect.streams;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregate state of one Okast instance, stored in the stats store under the instance name.
 *
 * <p>Immutable: every change returns a copy, which lets the processor detect "nothing changed" with
 * {@code equals} and skip emitting a summary.
 *
 * @param byStatus          live entries per status; statuses with no entries are absent
 * @param done              DONE outcomes since the application started from empty state
 * @param errored           ERRORED outcomes, same scope as {@code done}
 * @param recentDurationsMs request-to-DONE durations of the most recent completions, oldest first,
 *                          bounded by the configured window so percentiles follow current behaviour
 * @param statusErrorCounts how often each statusError was seen on ERRORED outcomes, bounded (see
 *                          {@link #MAX_DISTINCT_STATUS_ERRORS})
 * @param stuck             live entries that have been alerted as stuck in their current status
 */
public record InstanceStats(
        String instance,
        Map<String, Long> byStatus,
        long done,
        long errored,
        List<Long> recentDurationsMs,
        Map<String, Long> statusErrorCounts,
        long stuck) {

    /**
     * Error messages may embed file names, so the tally must not grow with them. Past this many
     * distinct messages the rarest is evicted: the top message stays right while it clearly dominates.
     */
    static final int MAX_DISTINCT_STATUS_ERRORS = 100;

    public InstanceStats {
        byStatus = sortedCopy(byStatus);
        recentDurationsMs = recentDurationsMs == null ? List.of() : List.copyOf(recentDurationsMs);
        statusErrorCounts = sortedCopy(statusErrorCounts);
    }

    public static InstanceStats empty(String instance) {
        return new InstanceStats(instance, Map.of(), 0, 0, List.of(), Map.of(), 0);
    }

    InstanceStats withEntryEntering(String status) {
        Map<String, Long> counts = new TreeMap<>(byStatus);
        counts.merge(status, 1L, Long::sum);
        return new InstanceStats(instance, counts, done, errored, recentDurationsMs, statusErrorCounts, stuck);
    }

    InstanceStats withEntryLeaving(EntryState entry) {
        Map<String, Long> counts = new TreeMap<>(byStatus);
        // Removing the key at zero keeps byStatus to the statuses that are actually present.
        counts.computeIfPresent(entry.status(), (status, count) -> count > 1 ? count - 1 : null);
        long stillStuck = entry.alerted() ? Math.max(0, stuck - 1) : stuck;
        return new InstanceStats(instance, counts, done, errored, recentDurationsMs, statusErrorCounts, stillStuck);
    }

    /** @param durationMs null when the event's timestamps did not allow a duration; the outcome still counts */
    InstanceStats withCompletion(Long durationMs, int windowSize) {
        List<Long> window = recentDurationsMs;
        if (durationMs != null) {
            List<Long> grown = new ArrayList<>(recentDurationsMs);
            grown.add(durationMs);
            window = grown.subList(Math.max(0, grown.size() - windowSize), grown.size());
        }
        return new InstanceStats(instance, byStatus, done + 1, errored, window, statusErrorCounts, stuck);
    }

    InstanceStats withErrorOutcome() {
        return new InstanceStats(instance, byStatus, done, errored + 1, recentDurationsMs, statusErrorCounts, stuck);
    }

    InstanceStats withStatusError(String message) {
        Map<String, Long> counts = new TreeMap<>(statusErrorCounts);
        if (!counts.containsKey(message) && counts.size() >= MAX_DISTINCT_STATUS_ERRORS) {
            counts.remove(rarestStatusError(counts));
        }
        counts.merge(message, 1L, Long::sum);
        return new InstanceStats(instance, byStatus, done, errored, recentDurationsMs, counts, stuck);
    }

    InstanceStats withOneMoreStuck() {
        return new InstanceStats(instance, byStatus, done, errored, recentDurationsMs, statusErrorCounts, stuck + 1);
    }

    public Summary toSummary(long updatedAtMs) {
        long terminal = done + errored;
        Map.Entry<String, Long> top = statusErrorCounts.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue()
                        // On equal counts prefer the alphabetically first message so output is deterministic.
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElse(null);
        return new Summary(
                instance,
                byStatus,
                done,
                errored,
                Percentiles.nearestRank(recentDurationsMs, 50),
                Percentiles.nearestRank(recentDurationsMs, 95),
                recentDurationsMs.size(),
                terminal == 0 ? null : (double) errored / terminal,
                top == null ? null : top.getKey(),
                top == null ? 0 : top.getValue(),
                stuck,
                updatedAtMs);
    }

    private static String rarestStatusError(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .min(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElseThrow();
    }

    private static Map<String, Long> sortedCopy(Map<String, Long> map) {
        // Sorted so the JSON output lists statuses in a stable order.
        return Collections.unmodifiableMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }
}
