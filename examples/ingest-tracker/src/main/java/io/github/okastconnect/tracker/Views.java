package io.github.okastconnect.tracker;

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

    /** An ingest as the API shows it. {@code stuckForMs} is set when it is stuck in its current status. */
    record IngestView(
            String id,
            String instance,
            String filePath,
            String requestTime,
            Integer occurrence,
            String status,
            String statusError,
            Long requestTimeMs,
            Long lastStatusUpdateMs,
            long firstSeenMs,
            long updatedAtMs,
            boolean inQueue,
            Long leftQueueAtMs,
            Long expireAtMs,
            Long stuckForMs,
            List<StepView> timeline,
            int droppedSteps) {

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
            return new IngestView(
                    EntryIds.toId(storeKey),
                    e.instance(),
                    e.filePath(),
                    e.requestTime(),
                    e.occurrence(),
                    e.status(),
                    e.statusError(),
                    e.requestTimeMs(),
                    e.lastStatusUpdateMs(),
                    e.firstSeenMs(),
                    e.updatedAtMs(),
                    e.inQueue(),
                    e.leftQueueAtMs(),
                    e.expireAtMs(),
                    stuckForMs,
                    steps,
                    e.droppedSteps());
        }

        long newestKey() {
            return requestTimeMs != null ? requestTimeMs : firstSeenMs;
        }
    }

    /** Newest first: by request time (first sight when unknown), then by id for a stable order. */
    static int newestFirst(IngestView a, IngestView b) {
        int byTime = Long.compare(b.newestKey(), a.newestKey());
        return byTime != 0 ? byTime : a.id().compareTo(b.id());
    }

    record Page(String instance, List<String> statuses, int offset, int limit, int total, List<IngestView> items) {}

    record SearchResult(
            String query, int limit, boolean truncated, List<IngestView> items, List<String> unavailableHosts) {}

    /** One live entry stuck in a non-terminal status for at least the threshold. */
    record StuckView(
            String id,
            String instance,
            String filePath,
            String requestTime,
            String status,
            long sinceMs,
            long stuckForMs) {}

    record Attention(
            long stuckThresholdMs, List<StuckView> stuck, List<IngestView> errored, List<String> unavailableHosts) {}

    /** An instance's figures: the stream processor's summary with {@code stuckEntries} counted now. */
    record InstancesView(List<Summary> instances, List<String> unavailableHosts) {}

    record Message(int status, String error, String message) {}
}
