package io.github.okastconnect.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The client certificate side of mutual TLS: reads the keystore named by {@link KeystoreSettings}, opens every
 * private key in it and checks each against its chain, so that a wrong password or a mismatched pair is reported
 * when the connector starts, naming the setting to fix, rather than as a handshake the server refuses.
 */
final class ClientKeys {
    private ClientKeys() {}

    static KeyManager[] keyManagers(KeystoreSettings settings) throws GeneralSecurityException, IOException {
        List<KeyEntry> entries = load(settings);
        // The checked entries alone, under one password of our own: the key manager neither trips over another
        // entry nor needs the user's passwords again.
        char[] internal = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (KeyEntry entry : entries) {
            store.setKeyEntry(
                    entry.alias() != null ? entry.alias() : "client-" + n, entry.key(), internal, entry.chain());
            n++;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, internal);
        return factory.getKeyManagers();
    }

    static List<KeyEntry> load(KeystoreSettings settings) throws GeneralSecurityException, IOException {
        StoreFiles.Where where = new StoreFiles.Where("keystore", settings.location(), settings.type());
        KeyPassword password = settings.keyPasswordToUse();
        if (where.type().equals("PEM")) {
            return List.of(PemKeystore.read(where, StoreFiles.read(where), password));
        }
        KeyStore store = StoreFiles.load(where, settings.password());
        List<KeyEntry> entries = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (!store.isKeyEntry(alias)) {
                continue;
            }
            String what = "the private key '" + alias + "'";
            Key key;
            try {
                key = store.getKey(alias, password.chars());
            } catch (UnrecoverableKeyException e) {
                UnrecoverableKeyException wrong = new UnrecoverableKeyException(where + ": " + password.refusal(what));
                wrong.initCause(e);
                throw wrong;
            }
            if (key instanceof PrivateKey privateKey) {
                entries.add(KeyEntry.of(where, what, alias, privateKey, chain(store, alias, where, settings)));
            }
        }
        if (entries.isEmpty()) {
            String found = store.size() > 0
                    ? ", only trusted certificates (is it a truststore?)"
                    : StoreFiles.given(settings.password())
                            ? " (the store is empty)"
                            : " (nothing is readable without the keystore password)";
            throw new KeyStoreException(where + ": no private key" + found + "; a client keystore holds the client's"
                    + " private key with its certificate chain");
        }
        return entries;
    }

    private static Certificate[] chain(KeyStore store, String alias, StoreFiles.Where where, KeystoreSettings settings)
            throws KeyStoreException {
        Certificate[] chain = store.getCertificateChain(alias);
        if ((chain == null || chain.length == 0) && !StoreFiles.given(settings.password())) {
            // A PKCS12 file read without its password yields its keys but not its (encrypted) certificates.
            throw new KeyStoreException(where + ": the private key '" + alias + "' comes without its certificate"
                    + " chain, which cannot be read without the keystore password; give the keystore password");
        }
        return chain;
    }
}
