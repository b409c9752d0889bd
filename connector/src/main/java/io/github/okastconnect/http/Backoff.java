package io.github.okastconnect.http;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff, capped: initial × 2^(failures-1), by default with ±{@value #JITTER_PERCENT} % of jitter so that
 * many tasks failing on the same outage do not retry in lockstep. A server's Retry-After is a floor, bounded to one
 * hour.
 *
 * <p>Kafka's clients have the same arithmetic in {@code org.apache.kafka.common.utils.internals.ExponentialBackoff},
 * but that package is internal in Kafka 4.x (it moved there from {@code utils}): a plugin that used it would break on
 * the next worker upgrade that moves it again, so the dozen lines live here.
 */
public final class Backoff {
    static final int JITTER_PERCENT = 20;
    private static final Duration RETRY_AFTER_CEILING = Duration.ofHours(1);

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final RandomGenerator random = RandomGenerator.getDefault();

    /** With the default jitter. Not thread-safe: one per task thread. */
    public Backoff(Duration initial, Duration max) {
        this(initial, max, JITTER_PERCENT / 100.0);
    }

    /** @param jitter the fraction by which a delay may randomly differ from its exponential value; 0 for none */
    public Backoff(Duration initial, Duration max, double jitter) {
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
    }

    /** The wait before the next attempt after {@code consecutiveFailures} (≥ 1) failures in a row. */
    public Duration delay(int consecutiveFailures, Optional<Duration> retryAfter) {
        int exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 30);
        double base = Math.min((double) initial.toMillis() * (1L << exponent), (double) max.toMillis());
        double factor = jitter == 0 ? 1 : 1 - jitter + 2 * jitter * random.nextDouble();
        long millis = (long) Math.min(base * factor, (double) max.toMillis());
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
