package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(30_000));

    @Test
    void growsExponentiallyWithinJitterBoundsAndIsCapped() {
        for (int failures = 1; failures <= 12; failures++) {
            double base = Math.min(1000.0 * (1L << (failures - 1)), 30_000);
            long delay = backoff.delay(failures, Optional.empty()).toMillis();
            assertTrue(
                    delay >= base * 0.8 - 1 && delay <= Math.min(base * 1.2, 30_000) + 1,
                    failures + " failures: " + delay);
        }
        assertTrue(backoff.delay(1000, Optional.empty()).toMillis() <= 30_000);
    }

    @Test
    void jitterSpreadsRetries() {
        Set<Long> delays = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            delays.add(backoff.delay(3, Optional.empty()).toMillis());
        }
        assertTrue(delays.size() > 10, "jittered delays: " + delays);
    }

    @Test
    void retryAfterIsAFloorBoundedToAnHour() {
        assertEquals(Duration.ofSeconds(90), backoff.delay(1, Optional.of(Duration.ofSeconds(90))));
        assertEquals(Duration.ofHours(1), backoff.delay(1, Optional.of(Duration.ofDays(3))));
        assertTrue(backoff.delay(5, Optional.of(Duration.ofMillis(1))).toMillis() >= 12_800);
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        java.time.Clock clock =
                java.time.Clock.fixed(java.time.Instant.parse("2026-11-28T10:00:00Z"), java.time.ZoneOffset.UTC);
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", clock));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Sat, 28 Nov 2026 10:00:30 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 28 Nov 2026 09:00:00 GMT", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
    }
}
