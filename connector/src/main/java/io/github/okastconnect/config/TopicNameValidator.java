package io.github.okastconnect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.internals.Topic;

/** Uses Kafka's own topic-name rules so a bad name fails at validation, not at the first send. */
final class TopicNameValidator implements ConfigDef.Validator {
    private final boolean emptyAllowed;

    TopicNameValidator() {
        this(false);
    }

    /** @param emptyAllowed whether empty means "the default, derived elsewhere" */
    TopicNameValidator(boolean emptyAllowed) {
        this.emptyAllowed = emptyAllowed;
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (emptyAllowed && (value == null || value.toString().isBlank())) {
            return;
        }
        try {
            Topic.validate(value == null ? "" : value.toString());
        } catch (RuntimeException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return emptyAllowed ? "empty, or a legal Kafka topic name" : "a legal Kafka topic name";
    }
}
