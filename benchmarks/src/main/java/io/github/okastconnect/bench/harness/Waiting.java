package io.github.okastconnect.bench.harness;

import java.time.Duration;

/** Waiting for a condition of a process the harness does not control, with a deadline that names what it awaited. */
final class Waiting {
    private Waiting() {}

    interface Check {
        boolean ok() throws Exception;
    }

    /** Checks every 200 ms; throws {@link IllegalStateException} naming {@code what} once {@code timeout} passed. */
    static void waitFor(Duration timeout, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
