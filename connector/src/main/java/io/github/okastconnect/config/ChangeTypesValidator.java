package io.github.okastconnect.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A non-empty list of change types without repeats, case-insensitive. The names are those of the detect package's
 * {@code ChangeType}, which config must not import (config comes first in the package order); a test keeps the two
 * lists equal.
 */
final class ChangeTypesValidator implements ConfigDef.Validator {
    static final List<String> NAMES = List.of("NEW", "STATUS_CHANGED", "UPDATED", "REMOVED");

    @Override
    public void ensureValid(String name, Object value) {
        List<?> items = value instanceof List<?> list ? list : List.of();
        if (items.isEmpty()) {
            throw new ConfigException(
                    name, value, "list at least one change type: " + this + " (an empty list would emit nothing)");
        }
        Set<String> seen = new HashSet<>();
        for (Object item : items) {
            String type = normalize(item.toString());
            if (!NAMES.contains(type)) {
                throw new ConfigException(name, value, "'" + item + "' is not a change type; use " + this);
            }
            if (!seen.add(type)) {
                throw new ConfigException(name, value, "'" + item + "' is listed twice");
            }
        }
    }

    static String normalize(String item) {
        return item.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return String.join(", ", NAMES);
    }
}
