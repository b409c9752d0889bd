package io.github.okastconnect.detect;

/**
 * Identity of a queue entry within one instance: its raw filePath and requestTime, plus an occurrence number that
 * tells apart entries sharing both (two requests without filePath in the same second). Occurrence is 0 for every
 * entry whose pair is unique, which is almost all of them.
 */
public record EntryKey(String filePath, String requestTime, int occurrence) {}
