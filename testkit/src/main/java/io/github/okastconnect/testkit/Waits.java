package io.github.okastconnect.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests: for a condition with a deadline, or for a time; an interrupt becomes an unchecked failure. */
public final class Waits {
    private Waits() {}

    public static void sleep(long ms) {
        sleepUntil(System.nanoTime() + ms * 1_000_000);
    }

    /** Until {@link System#nanoTime()} reaches {@code nanos}; returns at once when it already has. */
    public static void sleepUntil(long nanos) {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // Not ready yet (e.g. REST not up); try again until the deadline.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
