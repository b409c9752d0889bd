package io.github.okastconnect.recovery;

/**
 * What the read-back learns from one event on the output topic: the entry (as its offset-encoded key), and either
 * the state it was reported in or its removal.
 */
public record WrittenEvent(String instance, String encodedKey, String encodedState, boolean removed) {}
