package io.github.okastconnect.tls;

import java.util.Objects;
import org.apache.kafka.common.config.types.Password;

/**
 * The client certificate the connector presents to instances that require mutual TLS. The same four settings
 * describe every type, as Kafka's own {@code ssl.keystore.*} do: a PEM keystore is one file holding the private key
 * (PKCS#8, plain or encrypted) and the certificate chain, client certificate first, in the order
 * {@code cat key.pem client.crt intermediate.crt} gives.
 *
 * @param location    path of the file
 * @param password    keystore password (PKCS12, JKS); may be null
 * @param type        PKCS12, JKS or PEM, in any case
 * @param keyPassword password of the private key (for PEM, the one that decrypts an {@code ENCRYPTED PRIVATE KEY});
 *                    may be null, and then the keystore password is tried, since most keystores protect their key
 *                    with the store's own password
 */
public record KeystoreSettings(String location, Password password, String type, Password keyPassword) {
    public KeystoreSettings {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
    }

    /** The password that opens the private key, with the words that say which setting it came from. */
    KeyPassword keyPasswordToUse() {
        if (keyPassword != null && keyPassword.value() != null) {
            return new KeyPassword(keyPassword.value().toCharArray(), KeyPassword.Source.KEY);
        }
        if (password != null && password.value() != null) {
            return new KeyPassword(password.value().toCharArray(), KeyPassword.Source.STORE);
        }
        return new KeyPassword(new char[0], KeyPassword.Source.NONE);
    }
}
