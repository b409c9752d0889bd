package io.github.okastconnect.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Case-insensitive choice among an enum's constants, listed in lower case in docs and errors. Kafka's {@code
 * ConfigDef.CaseInsensitiveValidString} would refuse surrounding white space, which the enums' {@code parse} accepts
 * (configs that work today would fail), and lists its values upper case in no fixed order.
 */
final class EnumValidator implements ConfigDef.Validator {
    private final Class<? extends Enum<?>> type;

    EnumValidator(Class<? extends Enum<?>> type) {
        this.type = type;
    }

    @Override
    public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString().trim().toUpperCase(Locale.ROOT);
        boolean known =
                Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equals(text));
        if (!known) {
            throw new ConfigException(name, value, "must be one of " + this);
        }
    }

    @Override
    public String toString() {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
