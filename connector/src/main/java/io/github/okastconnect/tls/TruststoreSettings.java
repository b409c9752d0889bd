package io.github.okastconnect.tls;

import java.util.Objects;
import org.apache.kafka.common.config.types.Password;

/**
 * The file whose certificates the connector's HTTPS client trusts instead of the JVM's default CAs, so a private CA
 * or a self-signed instance needs no JVM-wide flag on the worker.
 *
 * @param location path of the file
 * @param password truststore password; may be null (PEM needs none)
 * @param type     PKCS12, JKS or PEM (one or more X.509 certificates), in any case
 */
public record TruststoreSettings(String location, Password password, String type) {
    public TruststoreSettings {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
    }
}
