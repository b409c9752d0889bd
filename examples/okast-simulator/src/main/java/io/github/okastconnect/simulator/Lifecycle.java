package io.github.okastconnect.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The steps an accepted ingest request goes through before it ends DONE (or ERRORED, with the
 * instance's error rate, in a step that has a failure message).
 */
public record Lifecycle(List<LifecycleStep> steps) {

    public Lifecycle {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lifecycle needs at least one step");
        }
    }

    /** PENDING 1 s, DOWNLOADING 2 s ("Download failed"), PROCESSING 3 s ("Transcoding failed"), then DONE. */
    public static Lifecycle defaults() {
        return of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    public static Lifecycle of(Duration pending, Duration downloading, Duration processing) {
        return new Lifecycle(List.of(
                new LifecycleStep(Status.PENDING, pending, null),
                new LifecycleStep(Status.DOWNLOADING, downloading, "Download failed"),
                new LifecycleStep(Status.PROCESSING, processing, "Transcoding failed")));
    }

    /** Same step duration everywhere; handy for the CLI and for tests. */
    public static Lifecycle uniform(Duration step) {
        return of(step, step, step);
    }

    public LifecycleStep step(int index) {
        return steps.get(index);
    }

    public int size() {
        return steps.size();
    }
}
