package io.github.okastconnect.http;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter, capped: initial × 2^(failures-1), then ±20 % so that many tasks failing on the
 * same outage do not retry in lockstep. A server's Retry-After is a floor (bounded to one hour).
 */
public final class Backoff {
    private static final Duration RETRY_AFTER_CEILING = Duration.ofHours(1);

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt after {@code consecutiveFailures} (≥ 1) failures in a row. */
    public Duration delay(int consecutiveFailures, Optional<Duration> retryAfter) {
        int exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 30);
        double base = Math.min((double) initial.toMillis() * (1L << exponent), (double) max.toMillis());
        double jittered = base * (0.8 + 0.4 * random.nextDouble());
        long millis = (long) Math.min(jittered, (double) max.toMillis());
        Duration delay = Duration.ofMillis(Math.max(millis, 1));
        if (retryAfter.isPresent()) {
            Duration floor =
                    retryAfter.get().compareTo(RETRY_AFTER_CEILING) > 0 ? RETRY_AFTER_CEILING : retryAfter.get();
            if (floor.compareTo(delay) > 0) {
                return floor;
            }
        }
        return delay;
    }
}
