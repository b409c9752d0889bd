package io.github.okastconnect.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

final class ZoneValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        try {
            ZoneId.of(String.valueOf(value));
        } catch (DateTimeException e) {
            throw new ConfigException(name, value, "not a time zone id; use e.g. 'UTC', 'Europe/Paris' or '+02:00'");
        }
    }

    @Override
    public String toString() {
        return "a java.time.ZoneId, e.g. UTC, Europe/Paris, +02:00";
    }
}
