package io.github.okastconnect.simulator;

/**
 * Status strings the simulator writes. Only {@code DONE} and {@code ERRORED} are confirmed by the
 * vendor's example; the intermediate ones are our guess, which is why statuses stay plain strings
 * everywhere (scripted entries may use any value to test how a client copes with unknown ones).
 */
public final class Status {
    public static final String PENDING = "PENDING";
    public static final String DOWNLOADING = "DOWNLOADING";
    public static final String PROCESSING = "PROCESSING";
    public static final String DONE = "DONE";
    public static final String ERRORED = "ERRORED";

    /** Messages seen in the vendor's example response. */
    public static final String FILE_PATH_MISSING = "file path missing";

    public static final String FILE_ALREADY_EXISTS = "File already exists in database";

    private Status() {}

    public static boolean isTerminal(String status) {
        return DONE.equals(status) || ERRORED.equals(status);
    }
}
