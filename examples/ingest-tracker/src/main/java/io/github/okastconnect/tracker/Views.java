package io.github.okastconnect.tracker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.okastconnect.streams.EntryKey;
import io.github.okastconnect.streams.Statuses;
import io.github.okastconnect.streams.Summary;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of the HTTP API. Times are epoch milliseconds (UTC); durations milliseconds. */
final class Views {

    private Views() {}

    /**
     * One step of a timeline.
     *
     * @param spentMs time spent in this status: until the next step, until the entry left the queue, or until
     *                now for the current status of an entry in progress; null for a DONE/ERRORED status the
     *                entry is still in
     */
    record StepView(String status, long enteredAtMs, Long spentMs, boolean current) {}

    /**
     * What to show for an entry: its file path, or, for a request without one (Okast lists those, ERRORED with
     * "file path missing"), when it was requested, which with the instance tells it apart.
     */
    static String label(EntryKey key) {
        if (key.filePath() != null && !key.filePath().isBlank()) {
            return key.filePath();
        }
        StringBuilder label = new StringBuilder("(no file path");
        if (key.requestTime() != null && !key.requestTime().isBlank()) {
            label.append(", requested ").append(key.requestTime());
        }
        if (key.occurrence() != null && key.occurrence() != 0) {
            label.append(", occurrence ").append(key.occurrence());
        }
        return label.append(')').toString();
    }

    /**
     * An ingest as the API shows it: the {@link TrackedEntry}'s fields (flat, its own timeline replaced by one
     * with times spent), its id, a {@link #label} and whether it is in the queue. {@code stuckForMs} is set when
     * it is stuck in its current status.
     */
    record IngestView(
            String id,
            String label,
            @JsonUnwrapped @JsonIgnoreProperties("timeline") TrackedEntry entry,
            boolean inQueue,
            Long stuckForMs,
            List<StepView> timeline) {

        static IngestView of(String storeKey, TrackedEntry e, long nowMs, long stuckThresholdMs) {
            List<StepView> steps = new ArrayList<>();
            List<TrackedEntry.Step> timeline = e.timeline();
            Long stuckForMs = null;
            for (int i = 0; i < timeline.size(); i++) {
                TrackedEntry.Step step = timeline.get(i);
                boolean last = i == timeline.size() - 1;
                Long spent;
                if (!last) {
                    spent = timeline.get(i + 1).enteredAtMs() - step.enteredAtMs();
                } else if (e.leftQueueAtMs() != null) {
                    spent = Math.max(0, e.leftQueueAtMs() - step.enteredAtMs());
                } else if (Statuses.isTerminal(step.status())) {
                    spent = null;
                } else {
                    spent = Math.max(0, nowMs - step.enteredAtMs());
                    if (spent >= stuckThresholdMs) {
                        stuckForMs = spent;
                    }
                }
                steps.add(new StepView(step.status(), step.enteredAtMs(), spent, last && e.inQueue()));
            }
            return new IngestView(EntryIds.toId(storeKey), Views.label(e.key()), e, e.inQueue(), stuckForMs, steps);
        }
    }

    /** Newest first: by request time (first sight when unknown), then by id for a stable order. */
    static int newestFirst(IngestView a, IngestView b) {
        int byTime = Long.compare(b.entry().newestKey(), a.entry().newestKey());
        return byTime != 0 ? byTime : a.id().compareTo(b.id());
    }

    record Page(String instance, List<String> statuses, int offset, int limit, int total, List<IngestView> items) {}

    record SearchResult(
            String query, int limit, boolean truncated, List<IngestView> items, List<String> unavailableHosts) {}

    /** One live entry stuck in a non-terminal status for at least the threshold. */
    record StuckView(
            String id, String label, @JsonUnwrapped EntryKey entry, String status, long sinceMs, long stuckForMs) {}

    record Attention(
            long stuckThresholdMs, List<StuckView> stuck, List<IngestView> errored, List<String> unavailableHosts) {}

    /** An instance's figures: the stream processor's summary with {@code stuckEntries} counted now. */
    record InstancesView(List<Summary> instances, List<String> unavailableHosts) {}

    record Message(int status, String error, String message) {}
}
