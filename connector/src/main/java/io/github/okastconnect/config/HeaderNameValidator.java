package io.github.okastconnect.config;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** RFC 7230 token characters; the JDK client refuses others only when the first request is made. */
final class HeaderNameValidator implements ConfigDef.Validator {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        if (!TOKEN.matcher(value.toString().trim()).matches()) {
            throw new ConfigException(name, value, "not a valid HTTP header name");
        }
    }

    @Override
    public String toString() {
        return "HTTP header name (RFC 7230 token)";
    }
}
