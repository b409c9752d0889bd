package io.github.okastconnect.testkit;

import io.github.okastconnect.config.OkastSourceConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The errors of a {@code validate} answer by key, for unit tests that run it without Kafka: those leave
 * {@code state.bootstrap.servers} unset (with it, validation would reach for the state topic), so its "required" error
 * is left out; every other key's errors are kept.
 */
public final class ValidationErrors {
    private ValidationErrors() {}

    public static Map<String, List<String>> byKey(List<ConfigValue> values) {
        return values.stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .filter(v -> !v.name().equals(OkastSourceConfig.STATE_BOOTSTRAP_SERVERS))
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }
}
