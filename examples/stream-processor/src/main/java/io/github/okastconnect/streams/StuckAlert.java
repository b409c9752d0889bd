package io.github.okastconnect.streams;

/**
 * Published once per entry and status episode when an entry stays in a non-terminal status longer
 * than the threshold (key = instance, so one instance's alerts stay ordered).
 */
public record StuckAlert(
        String instance, String filePath, String requestTime, String status, long stuckForMs, long detectedAtMs)
        implements Emission {}
