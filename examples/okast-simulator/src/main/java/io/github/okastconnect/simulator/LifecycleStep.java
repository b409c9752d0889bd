package io.github.okastconnect.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A non-terminal status an entry sits in for {@code duration}. {@code failureMessage} is the
 * statusError used when an entry fails while in this step; null means entries never fail here.
 */
public record LifecycleStep(String status, Duration duration, String failureMessage) {

    public LifecycleStep {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration for " + status);
        }
        if (Status.isTerminal(status)) {
            throw new IllegalArgumentException(status + " is terminal, it cannot be a step");
        }
    }

    public boolean canFail() {
        return failureMessage != null;
    }
}
