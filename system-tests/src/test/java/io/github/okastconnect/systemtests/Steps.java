package io.github.okastconnect.systemtests;

/** Prints how long each phase of a system test took, to the failsafe output. */
final class Steps {
    private final long start = System.nanoTime();
    private long last = start;

    void done(String step) {
        long now = System.nanoTime();
        System.out.printf("%-34s %6d ms (total %6d ms)%n", step, (now - last) / 1_000_000, (now - start) / 1_000_000);
        last = now;
    }
}
