package io.github.okastconnect.testkit.process;

import java.time.Duration;

/** How long the last {@link LocalKafkaStack#start()} took, phase by phase. */
public record StartTimes(Duration format, Duration broker, Duration workers) {
    public Duration total() {
        return format.plus(broker).plus(workers);
    }
}
