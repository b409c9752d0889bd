package io.github.okastconnect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Defines the keys of one group of a {@link ConfigDef}, numbered in the order they are defined: Connect shows a
 * group's keys in that order, so a key's place is where it is defined, never a number kept by hand.
 */
final class KeyGroup {
    private final ConfigDef def;
    private final String name;
    private int order;

    KeyGroup(ConfigDef def, String name) {
        this.def = def;
        this.name = name;
    }

    /** @param validator null for any value of the type */
    void define(
            String key,
            Type type,
            Object defaultValue,
            Validator validator,
            Importance importance,
            String documentation,
            Width width,
            String displayName) {
        def.define(key, type, defaultValue, validator, importance, documentation, name, ++order, width, displayName);
    }

    /** A key that takes any value of its type. */
    void define(
            String key,
            Type type,
            Object defaultValue,
            Importance importance,
            String documentation,
            Width width,
            String displayName) {
        define(key, type, defaultValue, null, importance, documentation, width, displayName);
    }
}
