package io.github.okastconnect.streams;

/**
 * Applies one lifecycle event to an entry and its instance's stats.
 *
 * <p>Kept free of Kafka types so the counting rules live in one place. Outcomes (DONE/ERRORED) are
 * counted when an entry <em>enters</em> a terminal status rather than per event, so replays of the same
 * state (connector restart, UPDATED events) do not inflate the figures.
 */
final class EntryTransition {

    /** @param entry the entry's new state, or null when the entry must be forgotten */
    record Result(EntryState entry, InstanceStats stats) {}

    private final int completionWindowSize;

    EntryTransition(int completionWindowSize) {
        this.completionWindowSize = completionWindowSize;
    }

    /**
     * @param previous     the entry's state before the event, null on first sight
     * @param observedAtMs when the change was seen; starts the stuck clock on a status change
     */
    Result apply(EntryState previous, InstanceStats stats, IngestEvent event, long observedAtMs) {
        if (event.removesEntry()) {
            return new Result(null, previous == null ? stats : stats.withEntryLeaving(previous));
        }
        String status = event.effectiveStatus();
        if (previous != null && previous.status().equals(status)) {
            return lateStatusError(previous, stats, event);
        }

        InstanceStats updated = previous == null ? stats : stats.withEntryLeaving(previous);
        updated = updated.withEntryEntering(status);
        boolean errorTallied = false;
        if (Statuses.DONE.equals(status)) {
            updated = updated.withCompletion(event.requestToDoneMs(), completionWindowSize);
        } else if (Statuses.ERRORED.equals(status)) {
            updated = updated.withErrorOutcome();
            if (hasStatusError(event)) {
                updated = updated.withStatusError(event.statusError());
                errorTallied = true;
            }
        }
        return new Result(EntryState.enteredAt(status, observedAtMs, errorTallied), updated);
    }

    /** Okast may fill statusError in a later update of an already ERRORED entry; count it then, once. */
    private static Result lateStatusError(EntryState previous, InstanceStats stats, IngestEvent event) {
        if (Statuses.ERRORED.equals(previous.status()) && !previous.errorTallied() && hasStatusError(event)) {
            return new Result(previous.markErrorTallied(), stats.withStatusError(event.statusError()));
        }
        return new Result(previous, stats);
    }

    private static boolean hasStatusError(IngestEvent event) {
        return event.statusError() != null && !event.statusError().isBlank();
    }
}
