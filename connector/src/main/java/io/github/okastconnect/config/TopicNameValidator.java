package io.github.okastconnect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.internals.Topic;

/** Uses Kafka's own topic-name rules so a bad name fails at validation, not at the first send. */
final class TopicNameValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        try {
            Topic.validate(value == null ? "" : value.toString());
        } catch (RuntimeException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "a legal Kafka topic name";
    }
}
