package io.github.okastconnect.config;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Empty, or host:port pairs: a typo here would only surface as a read-back timeout after a crash. */
final class BootstrapServersValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        for (Object item : (List<?>) value) {
            String server = item.toString().trim();
            int colon = server.lastIndexOf(':');
            boolean valid = colon > 0 && colon < server.length() - 1;
            if (valid) {
                try {
                    int port = Integer.parseInt(server.substring(colon + 1));
                    valid = port > 0 && port < 65_536;
                } catch (NumberFormatException e) {
                    valid = false;
                }
            }
            if (!valid) {
                throw new ConfigException(
                        name,
                        server,
                        "must be a comma-separated list of host:port pairs "
                                + "(the Kafka cluster the connector writes to), or empty to turn the read-back off");
            }
        }
    }

    @Override
    public String toString() {
        return "empty, or host:port[,host:port...]";
    }
}
