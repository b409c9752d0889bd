package io.github.okastconnect.streams;

/** Okast status names this application gives a meaning to; any other status is treated as in progress. */
final class Statuses {

  static final String DONE = "DONE";
  static final String ERRORED = "ERRORED";
  /** Bucket for entries whose status is missing, so they are still counted. */
  static final String UNKNOWN = "UNKNOWN";

  private Statuses() {
  }

  static boolean isTerminal(String status) {
    return DONE.equals(status) || ERRORED.equals(status);
  }
}
