package io.github.okastconnect.streams;

/**
 * What we remember about one live queue entry.
 *
 * @param status        current status
 * @param sinceMs       when the entry was first seen in {@code status} (connector observation time),
 *                      the origin of the stuck clock
 * @param alerted       a stuck alert was already sent for this status episode; prevents repeats
 * @param errorTallied  this ERRORED episode already contributed its statusError to the tally, so a
 *                      later UPDATED event carrying the message does not count it twice
 */
public record EntryState(String status, long sinceMs, boolean alerted, boolean errorTallied) {

    static EntryState enteredAt(String status, long sinceMs, boolean errorTallied) {
        return new EntryState(status, sinceMs, false, errorTallied);
    }

    boolean stuckAt(long nowMs, long thresholdMs) {
        return !alerted && !Statuses.isTerminal(status) && nowMs - sinceMs >= thresholdMs;
    }

    EntryState markAlerted() {
        return new EntryState(status, sinceMs, true, errorTallied);
    }

    EntryState markErrorTallied() {
        return new EntryState(status, sinceMs, alerted, true);
    }
}
