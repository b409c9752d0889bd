package io.github.okastconnect.streams;

/** Okast status names this application gives a meaning to; any other status is treated as in progress. */
public final class Statuses {

    public static final String DONE = "DONE";
    public static final String ERRORED = "ERRORED";
    /** Bucket for entries whose status is missing, so they are still counted. */
    public static final String UNKNOWN = "UNKNOWN";

    private Statuses() {}

    public static boolean isTerminal(String status) {
        return DONE.equals(status) || ERRORED.equals(status);
    }
}
