package io.github.okastconnect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A string that is not empty nor only white space. Kafka's {@code ConfigDef.NonEmptyString} (and its
 * {@code NonEmptyStringWithoutControlChars}) accept "   ", which would then be used as a path: this one refuses it.
 */
final class NonBlank implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(name, value, "must not be empty");
        }
    }

    @Override
    public String toString() {
        return "non-empty string";
    }
}
