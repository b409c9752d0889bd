package io.github.okastconnect.streams;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-instance summary published to the summary topic (key = instance) whenever it changes.
 *
 * @param byStatus            live entries per status
 * @param completed           DONE outcomes counted so far
 * @param errored             ERRORED outcomes counted so far
 * @param p50RequestToDoneMs  median request-to-DONE time over the completion window, null when empty
 * @param p95RequestToDoneMs  95th percentile over the same window, null when empty
 * @param durationSamples     completions currently in the window
 * @param errorRate           errored / (completed + errored), null before the first terminal outcome
 * @param topStatusError      most frequent statusError of ERRORED outcomes, null if none
 * @param topStatusErrorCount how often {@code topStatusError} was seen
 * @param stuckEntries        live entries currently alerted as stuck
 * @param updatedAtMs         wall-clock time the summary was produced
 */
public record Summary(
        String instance,
        Map<String, Long> byStatus,
        long completed,
        long errored,
        Long p50RequestToDoneMs,
        Long p95RequestToDoneMs,
        int durationSamples,
        Double errorRate,
        String topStatusError,
        long topStatusErrorCount,
        long stuckEntries,
        long updatedAtMs)
        implements Emission {

    public Summary {
        // Sorted so JSON and console output list statuses in a stable order.
        byStatus = Collections.unmodifiableMap(byStatus == null ? new TreeMap<>() : new TreeMap<>(byStatus));
    }
}
