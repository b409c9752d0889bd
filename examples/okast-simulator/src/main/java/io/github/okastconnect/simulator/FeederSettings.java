package io.github.okastconnect.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link IngestFeeder} posts.
 *
 * @param interval            one request per instance per interval
 * @param duplicateRate       share of requests re-sending an earlier filePath (ends "File already exists in database")
 * @param missingFilePathRate share of requests without filePath (ends "file path missing")
 * @param seed                seed of the feeder's Random
 */
public record FeederSettings(Duration interval, double duplicateRate, double missingFilePathRate, long seed) {

    public FeederSettings {
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (duplicateRate < 0 || missingFilePathRate < 0 || duplicateRate + missingFilePathRate > 1) {
            throw new IllegalArgumentException("rates must be >= 0 and sum to at most 1");
        }
    }

    /** 5 % duplicates and 5 % missing paths: enough to show both errors in a short quickstart. */
    public static FeederSettings every(Duration interval) {
        return new FeederSettings(interval, 0.05, 0.05, 42);
    }
}
