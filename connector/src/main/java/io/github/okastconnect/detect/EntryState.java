package io.github.okastconnect.detect;

/** What decides whether an entry changed: only these two raw strings, as the product defines it. */
public record EntryState(String status, String lastStatusUpdate) {}
