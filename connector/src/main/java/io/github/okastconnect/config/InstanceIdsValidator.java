package io.github.okastconnect.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Ids become part of config keys, record keys and source partitions, so they are restricted and unique. */
final class InstanceIdsValidator implements ConfigDef.Validator {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (!(value instanceof List<?> ids) || ids.isEmpty()) {
            throw new ConfigException(name, value, "at least one instance id is required, e.g. 'paris,lyon'");
        }
        Set<String> seen = new HashSet<>();
        for (Object raw : ids) {
            String id = String.valueOf(raw).trim();
            if (!isValidId(id)) {
                throw new ConfigException(
                        name, value, "instance id '" + id + "' is invalid: use 1 to 64 letters, digits, '_' or '-'");
            }
            if (!seen.add(id)) {
                throw new ConfigException(name, value, "instance id '" + id + "' is listed twice");
            }
        }
    }

    @Override
    public String toString() {
        return "non-empty list of unique ids matching [A-Za-z0-9_-]{1,64}";
    }
}
