package io.github.okastconnect.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Keeps an instance's queue at {@code liveEntries} generated entries and applies
 * {@code changesPerInterval} changes every {@code changeInterval}. A change picks a random
 * generated entry: a non-terminal one moves one lifecycle step (maybe to ERRORED), a terminal one
 * is purged and replaced by a fresh PENDING entry at the end of the queue, so the size never drifts.
 *
 * @param missingFilePathRate share of generated entries created without a filePath (ERRORED at once)
 */
public record LoadProfile(
        int liveEntries, Duration changeInterval, int changesPerInterval, double missingFilePathRate) {

    public LoadProfile {
        Objects.requireNonNull(changeInterval, "changeInterval");
        if (liveEntries < 0) {
            throw new IllegalArgumentException("liveEntries < 0");
        }
        if (changeInterval.isZero() || changeInterval.isNegative()) {
            throw new IllegalArgumentException("changeInterval must be positive");
        }
        if (changesPerInterval < 0) {
            throw new IllegalArgumentException("changesPerInterval < 0");
        }
        if (missingFilePathRate < 0 || missingFilePathRate > 1) {
            throw new IllegalArgumentException("missingFilePathRate outside [0,1]");
        }
    }

    public static LoadProfile of(int liveEntries, Duration changeInterval, int changesPerInterval) {
        return new LoadProfile(liveEntries, changeInterval, changesPerInterval, 0.0);
    }

    /** One change every 1/rate seconds; rate 0 means a static queue of generated entries. */
    public static LoadProfile perSecond(int liveEntries, double changesPerSecond) {
        if (changesPerSecond < 0) {
            throw new IllegalArgumentException("changesPerSecond < 0");
        }
        if (changesPerSecond == 0) {
            return of(liveEntries, Duration.ofSeconds(1), 0);
        }
        long nanos = Math.max(1, Math.round(1_000_000_000d / changesPerSecond));
        return of(liveEntries, Duration.ofNanos(nanos), 1);
    }

    /** Changes {@code fraction} of the live entries (at least one) every interval. */
    public static LoadProfile fraction(int liveEntries, Duration changeInterval, double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction outside [0,1]");
        }
        int changes = fraction == 0 ? 0 : Math.max(1, (int) Math.round(liveEntries * fraction));
        return of(liveEntries, changeInterval, changes);
    }

    public LoadProfile withMissingFilePathRate(double rate) {
        return new LoadProfile(liveEntries, changeInterval, changesPerInterval, rate);
    }

    public double changesPerSecond() {
        return changesPerInterval * 1_000_000_000d / changeInterval.toNanos();
    }
}
