package io.github.okastconnect.tls;

import static io.github.okastconnect.http.TestCertificates.KeyFormat.PKCS8;
import static io.github.okastconnect.http.TestCertificates.KeyFormat.PKCS8_AES;
import static io.github.okastconnect.http.TestCertificates.KeyFormat.PKCS8_PBES2_3DES;
import static io.github.okastconnect.http.TestCertificates.KeyFormat.TRADITIONAL;
import static io.github.okastconnect.http.TestCertificates.pem;
import static io.github.okastconnect.http.TestCertificates.pemKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.http.TestCertificates;
import io.github.okastconnect.http.TestCertificates.Issued;
import io.github.okastconnect.http.TestCertificates.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.util.List;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a client keystore without a server: each way a keystore can be wrong fails when the context is built,
 * with a message naming the file, the type it was read as and what to change, and never a password.
 */
class TlsContextsKeystoreTest {
    private static final String STORE_PASSWORD = "store-Secret-7f3a";
    private static final String KEY_PASSWORD = "key-Secret-91be";
    private static final String WRONG_PASSWORD = "wrong-Secret-55c2";

    @TempDir
    static Path dir;

    static Issued rsaClient;
    static Issued ecClient;
    static Issued clientBelowIntermediate;
    /** PKCS12, the key under its own password. */
    static Path pkcs12;

    static Path jks;

    @BeforeAll
    static void certificates() throws Exception {
        Issued ca = TestCertificates.ca("Okast Test CA", "EC");
        Issued intermediate = TestCertificates.issue(ca, "Okast Test Intermediate CA", "EC", Role.CA);
        rsaClient = TestCertificates.issue(ca, "okast-client-rsa", "RSA", Role.CLIENT);
        ecClient = TestCertificates.issue(ca, "okast-client-ec", "EC", Role.CLIENT);
        clientBelowIntermediate = TestCertificates.issue(intermediate, "okast-client-intermediate", "EC", Role.CLIENT);
        pkcs12 = TestCertificates.writeKeystore(
                dir.resolve("client.p12"), "PKCS12", ecClient, STORE_PASSWORD, KEY_PASSWORD);
        jks = TestCertificates.writeKeystore(dir.resolve("client.jks"), "JKS", ecClient, STORE_PASSWORD, KEY_PASSWORD);
    }

    private static Password password(String value) {
        return value == null ? null : new Password(value);
    }

    private static KeystoreSettings keystore(Path file, String storePassword, String type, String keyPassword) {
        return new KeystoreSettings(file.toString(), password(storePassword), type, password(keyPassword));
    }

    private static Path file(String name, String... parts) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("", parts));
    }

    /**
     * Building a context from {@code keystore} throws {@code type}, whose message names the keystore file and type
     * and holds each of {@code expected}; no message in the chain of causes holds a password.
     */
    private static <T extends Exception> T fails(Class<T> type, KeystoreSettings keystore, String... expected) {
        T e = assertThrows(type, () -> TlsContexts.create(null, keystore, true));
        String message = e.getMessage();
        String where =
                "keystore " + keystore.location() + " (" + keystore.type().toUpperCase() + ")";
        assertTrue(message.startsWith(where + ": "), message);
        for (String part : expected) {
            assertTrue(message.contains(part), () -> "'" + part + "' not in: " + message);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String secret : List.of(STORE_PASSWORD, KEY_PASSWORD, WRONG_PASSWORD)) {
                assertFalse(String.valueOf(t.getMessage()).contains(secret), t::toString);
            }
        }
        return e;
    }

    @Test
    void neitherTruststoreNorKeystoreLeavesTheJdkDefaults() throws Exception {
        assertNull(TlsContexts.create(null, null, true));
        assertNotNull(TlsContexts.create(null, keystore(pkcs12, STORE_PASSWORD, "PKCS12", KEY_PASSWORD), true));
        assertNotNull(TlsContexts.create(null, null, false));
    }

    @Test
    void everyKeyIsCheckedAgainstItsChain() throws Exception {
        List<KeyEntry> entries = ClientKeys.load(keystore(jks, STORE_PASSWORD, "JKS", KEY_PASSWORD));
        assertEquals(1, entries.size());
        assertEquals("client", entries.get(0).alias());
        assertEquals(ecClient.certificate(), entries.get(0).chain()[0]);
        Path pem = file(
                "intermediate.pem",
                pemKey(clientBelowIntermediate.privateKey(), PKCS8, null),
                pem(clientBelowIntermediate.chain()));
        KeyEntry entry = ClientKeys.load(keystore(pem, null, "PEM", null)).get(0);
        assertEquals(List.of(clientBelowIntermediate.chain()), List.of(entry.chain()));
        assertEquals(clientBelowIntermediate.privateKey(), entry.key());
    }

    @Test
    void pemAsOpensslPkcs12ExportWritesIt() throws Exception {
        // `openssl pkcs12 -in client.p12 -nodes`: text before each block, CRLF line ends on a Windows copy
        String text = "Bag Attributes\n    localKeyId: 01 02\nsubject=CN = okast-client-rsa\n"
                + pem(rsaClient.certificate()) + "Bag Attributes\n    localKeyId: 01 02\nKey Attributes: <No Values>\n"
                + pemKey(rsaClient.privateKey(), PKCS8, null);
        Path pem = file("exported.pem", text.replace("\n", "\r\n"));
        KeyEntry entry = ClientKeys.load(keystore(pem, null, "PEM", null)).get(0);
        assertEquals(rsaClient.certificate(), entry.chain()[0]);
    }

    @Test
    void missingFile() {
        fails(
                IOException.class,
                keystore(dir.resolve("missing.p12"), STORE_PASSWORD, "PKCS12", null),
                "no such file",
                "check the keystore location");
    }

    @Test
    void directory() {
        fails(IOException.class, keystore(dir, STORE_PASSWORD, "PKCS12", null), "is a directory");
    }

    @Test
    void wrongKeystorePassword() {
        fails(IOException.class, keystore(pkcs12, WRONG_PASSWORD, "PKCS12", KEY_PASSWORD), "wrong keystore password");
        fails(IOException.class, keystore(jks, WRONG_PASSWORD, "JKS", KEY_PASSWORD), "wrong keystore password");
    }

    @Test
    void wrongKeyPassword() {
        fails(
                UnrecoverableKeyException.class,
                keystore(pkcs12, STORE_PASSWORD, "PKCS12", WRONG_PASSWORD),
                "the key password does not open the private key 'client'");
        fails(
                UnrecoverableKeyException.class,
                keystore(jks, STORE_PASSWORD, "JKS", WRONG_PASSWORD),
                "the key password does not open the private key 'client'");
    }

    @Test
    void aKeyWithAPasswordOfItsOwnNeedsTheKeyPassword() {
        fails(
                UnrecoverableKeyException.class,
                keystore(pkcs12, STORE_PASSWORD, "PKCS12", null),
                "the keystore password does not open the private key 'client', and no key password is given;"
                        + " give the key password");
    }

    @Test
    void pkcs12WithoutItsStorePasswordHidesTheChain() {
        fails(
                KeyStoreException.class,
                keystore(pkcs12, null, "PKCS12", KEY_PASSWORD),
                "cannot be read without the keystore password; give the keystore password");
    }

    @Test
    void aTruststoreIsNoKeystore() throws Exception {
        Path truststore = TestCertificates.writeTruststore(
                dir.resolve("trust.p12"), "PKCS12", STORE_PASSWORD, rsaClient.certificate());
        fails(
                KeyStoreException.class,
                keystore(truststore, STORE_PASSWORD, "PKCS12", null),
                "no private key, only trusted certificates (is it a truststore?)");
    }

    @Test
    void theWrongType() throws Exception {
        Path pem = file("typed-wrong.pem", pemKey(rsaClient.privateKey(), PKCS8, null), pem(rsaClient.chain()));
        fails(
                IOException.class,
                keystore(pem, STORE_PASSWORD, "PKCS12", null),
                "not a PKCS12 file",
                "check the keystore type");
        fails(
                KeyStoreException.class,
                keystore(pkcs12, STORE_PASSWORD, "PEM", KEY_PASSWORD),
                "no PEM block",
                "set the keystore type");
        KeyStoreException unknown = assertThrows(
                KeyStoreException.class,
                () -> TlsContexts.create(null, keystore(pkcs12, STORE_PASSWORD, "nope", null), true));
        assertEquals("keystore type 'NOPE' is not supported; use PKCS12, JKS or PEM", unknown.getMessage());
    }

    @Test
    void pemWithoutKeyOrWithoutCertificate() throws Exception {
        fails(
                KeyStoreException.class,
                keystore(file("chain-only.pem", pem(rsaClient.chain())), null, "PEM", null),
                "no private key",
                "BEGIN PRIVATE KEY");
        fails(
                KeyStoreException.class,
                keystore(file("key-only.pem", pemKey(rsaClient.privateKey(), PKCS8, null)), null, "PEM", null),
                "no certificate",
                "client certificate followed by any intermediate");
        fails(
                KeyStoreException.class,
                keystore(
                        file(
                                "two-keys.pem",
                                pemKey(rsaClient.privateKey(), PKCS8, null),
                                pemKey(ecClient.privateKey(), PKCS8, null),
                                pem(rsaClient.chain())),
                        null,
                        "PEM",
                        null),
                "2 private keys",
                "exactly one");
    }

    @Test
    void aKeyThatIsNotTheCertificatesKey() throws Exception {
        Path pem = file("mismatch.pem", pemKey(rsaClient.privateKey(), PKCS8, null), pem(ecClient.chain()));
        fails(
                KeyStoreException.class,
                keystore(pem, null, "PEM", null),
                "the private key does not match the first certificate of its chain (CN=okast-client-ec)");
        Path sameKind = file(
                "mismatch-ec.pem", pemKey(clientBelowIntermediate.privateKey(), PKCS8, null), pem(ecClient.chain()));
        fails(KeyStoreException.class, keystore(sameKind, null, "PEM", null), "does not match");
        Path store = TestCertificates.writeKeystore(
                dir.resolve("mismatch.p12"),
                "PKCS12",
                new Issued(rsaClient.keys(), ecClient.chain()),
                STORE_PASSWORD,
                STORE_PASSWORD);
        fails(
                KeyStoreException.class,
                keystore(store, STORE_PASSWORD, "PKCS12", null),
                "the private key 'client' does not match the first certificate");
    }

    @Test
    void aChainInTheWrongOrder() throws Exception {
        Issued reversed = clientBelowIntermediate;
        Path pem = file(
                "reversed.pem",
                pemKey(reversed.privateKey(), PKCS8, null),
                pem(reversed.chain()[1], reversed.chain()[0]));
        fails(
                KeyStoreException.class,
                keystore(pem, null, "PEM", null),
                "but certificate 2 (CN=okast-client-intermediate); put the client certificate first");
    }

    @Test
    void anEncryptedPemKeyWithoutItsPassword() throws Exception {
        Path pem =
                file("encrypted.pem", pemKey(rsaClient.privateKey(), PKCS8_AES, KEY_PASSWORD), pem(rsaClient.chain()));
        fails(
                UnrecoverableKeyException.class,
                keystore(pem, null, "PEM", WRONG_PASSWORD),
                "the key password does not open the encrypted private key");
        fails(
                UnrecoverableKeyException.class,
                keystore(pem, WRONG_PASSWORD, "PEM", null),
                "the keystore password does not open the encrypted private key, and no key password is given");
        fails(
                UnrecoverableKeyException.class,
                keystore(pem, null, "PEM", null),
                "the encrypted private key is protected by a password, and neither a key password nor a keystore"
                        + " password is given; give the key password");
    }

    @Test
    void opensslTraditionalKeysAreRefusedWithTheCommandThatConvertsThem() throws Exception {
        Path rsa = file("pkcs1.pem", pemKey(rsaClient.privateKey(), TRADITIONAL, null), pem(rsaClient.chain()));
        assertTrue(Files.readString(rsa).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        fails(
                KeyStoreException.class,
                keystore(rsa, null, "PEM", null),
                "the private key on line 1 is a PKCS#1 RSA key ('-----BEGIN RSA PRIVATE KEY-----')",
                "`openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem`");
        Path ec = file("sec1.pem", pem(ecClient.chain()), pemKey(ecClient.privateKey(), TRADITIONAL, null));
        fails(KeyStoreException.class, keystore(ec, null, "PEM", null), "SEC1 EC key", "openssl pkcs8 -topk8");
    }

    @Test
    void anEncryptionTheJdkCannotReadIsRefusedWithTheCommandThatReEncrypts() throws Exception {
        Path pem = file(
                "des3.pem", pemKey(rsaClient.privateKey(), PKCS8_PBES2_3DES, KEY_PASSWORD), pem(rsaClient.chain()));
        fails(
                KeyStoreException.class,
                keystore(pem, null, "PEM", KEY_PASSWORD),
                "encrypted in a way Java cannot" + " read",
                "openssl pkcs8 -topk8 -v2 aes-256-cbc");
    }

    @Test
    void aDamagedPemFile() throws Exception {
        String whole = pemKey(rsaClient.privateKey(), PKCS8, null) + pem(rsaClient.chain());
        Path cut = file("cut.pem", whole.substring(0, whole.length() - 40));
        fails(KeyStoreException.class, keystore(cut, null, "PEM", null), "has no '-----END CERTIFICATE-----'");
        Path garbled = file("garbled.pem", whole.replaceFirst("\n[A-Za-z0-9+/]{10}", "\n#@!#@!#@!#"));
        fails(
                KeyStoreException.class,
                keystore(garbled, null, "PEM", null),
                "the PRIVATE KEY block on line 1 is not valid base64");
    }

    @Test
    void truststoreFailuresNameTheTruststore() throws Exception {
        Path truststore = TestCertificates.writeTruststore(
                dir.resolve("trust-checked.p12"), "PKCS12", STORE_PASSWORD, rsaClient.certificate());
        IOException wrong = assertThrows(
                IOException.class,
                () -> TlsContexts.create(
                        new TruststoreSettings(truststore.toString(), password(WRONG_PASSWORD), "PKCS12"), null, true));
        assertEquals(
                "truststore " + truststore + " (PKCS12): wrong truststore password, or a damaged file; check"
                        + " the truststore password",
                wrong.getMessage());
        CertificateException none = assertThrows(
                CertificateException.class,
                () -> TlsContexts.create(new TruststoreSettings(truststore.toString(), null, "PKCS12"), null, true));
        assertEquals(
                "truststore " + truststore + " (PKCS12): no certificate readable without the truststore"
                        + " password; give the truststore password",
                none.getMessage());
        assertNotNull(TlsContexts.create(
                new TruststoreSettings(truststore.toString(), password(STORE_PASSWORD), "PKCS12"), null, true));
    }
}
