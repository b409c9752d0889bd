package io.github.okastconnect.simulator;

import java.util.List;

/**
 * Which faults the next request of one endpoint gets: standing ones until cleared, and "the next n requests"
 * ones that win while they last. Thread-safe; shared by the status endpoint and the token endpoint.
 */
final class FaultSchedule {

    private List<Fault> standing = List.of(); // guarded by this
    private List<Fault> next = List.of(); // guarded by this
    private int nextRemaining; // guarded by this

    synchronized void set(Fault... faults) {
        standing = List.of(faults);
    }

    synchronized void failNext(int requests, Fault... faults) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests < 0");
        }
        next = List.of(faults);
        nextRemaining = requests;
    }

    synchronized void clear() {
        standing = List.of();
        next = List.of();
        nextRemaining = 0;
    }

    synchronized List<Fault> active() {
        return nextRemaining > 0 ? next : standing;
    }

    /** The faults of the request arriving now, using up one of the "next n". */
    synchronized List<Fault> take() {
        if (nextRemaining > 0) {
            nextRemaining--;
            return next;
        }
        return standing;
    }
}
