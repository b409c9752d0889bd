package io.github.okastconnect.http;

import static io.github.okastconnect.http.TestCertificates.KeyFormat.PKCS8;
import static io.github.okastconnect.http.TestCertificates.KeyFormat.PKCS8_3DES;
import static io.github.okastconnect.http.TestCertificates.KeyFormat.PKCS8_AES;
import static io.github.okastconnect.http.TestCertificates.pem;
import static io.github.okastconnect.http.TestCertificates.pemKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.http.TestCertificates.Issued;
import io.github.okastconnect.http.TestCertificates.Role;
import io.github.okastconnect.tls.KeystoreSettings;
import io.github.okastconnect.tls.TlsContexts;
import io.github.okastconnect.tls.TruststoreSettings;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS against a real HTTPS server that requires a client certificate issued by its CA: through
 * {@link StatusClient}, as the connector calls instances, with the SSLContext {@link TlsContexts} builds from a
 * client keystore of each type. Only the right certificate gets a request through; the server records whom it saw.
 *
 * <p>{@link HttpsServer} drops a refused client without a TLS alert, which leaves the client only a closed
 * connection to report; the refusals are therefore also made by an {@link TestCertificates.AlertingServer}, which
 * sends the alert as production servers do, and there {@link StatusClient} reports {@link FailureCause#TLS}.
 */
class TlsContextsClientCertificateTest {
    private static final String PATH = "/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php";
    private static final byte[] BODY = "[{\"status\":\"DONE\"}]".getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final String STORE_PASSWORD = "store-Secret-7f3a";
    private static final String KEY_PASSWORD = "key-Secret-91be";

    @TempDir
    static Path dir;

    static Issued ca;
    static Issued rsaClient;
    static Issued ecClient;
    static Issued clientBelowIntermediate;
    static Issued clientOfAnotherCa;
    static TruststoreSettings trust;
    static HttpsServer server;
    static TestCertificates.AlertingServer alerting;
    /** The client certificate subject of each request the server answered. */
    static final ConcurrentLinkedQueue<String> CLIENTS = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        ca = TestCertificates.ca("Okast Test CA", "RSA");
        Issued intermediate = TestCertificates.issue(ca, "Okast Test Intermediate CA", "EC", Role.CA);
        Issued otherCa = TestCertificates.ca("Some Other CA", "EC");
        rsaClient = TestCertificates.issue(ca, "okast-client-rsa", "RSA", Role.CLIENT);
        ecClient = TestCertificates.issue(ca, "okast-client-ec", "EC", Role.CLIENT);
        clientBelowIntermediate = TestCertificates.issue(intermediate, "okast-client-intermediate", "EC", Role.CLIENT);
        clientOfAnotherCa = TestCertificates.issue(otherCa, "okast-client-other-ca", "RSA", Role.CLIENT);
        Path caPem = Files.writeString(dir.resolve("ca.pem"), pem(ca.certificate()));
        trust = new TruststoreSettings(caPem.toString(), null, "PEM");
        Issued serverIdentity = TestCertificates.issue(ca, "localhost", "EC", Role.SERVER);
        server = TestCertificates.startServer(serverIdentity, ca.certificate(), PATH, exchange -> {
            CLIENTS.add(((HttpsExchange) exchange)
                    .getSSLSession()
                    .getPeerPrincipal()
                    .getName());
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        alerting = new TestCertificates.AlertingServer(serverIdentity, ca.certificate());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        if (alerting != null) {
            alerting.close();
        }
    }

    @BeforeEach
    void clear() {
        CLIENTS.clear();
        alerting.clearClients();
    }

    private static FetchResult fetch(SSLContext context, boolean verifyHostname) throws Exception {
        return fetch(context, verifyHostname, server.getAddress().getPort());
    }

    private static FetchResult fetch(SSLContext context, boolean verifyHostname, int port) throws Exception {
        URI uri = URI.create("https://127.0.0.1:" + port + PATH);
        try (StatusClient client = new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(10), Duration.ofSeconds(20), 1 << 20)
                        .withTls(context, verifyHostname),
                CLOCK)) {
            return client.fetch(new InstanceConfig("mtls", uri, new Credentials.None()))
                    .get(60, TimeUnit.SECONDS);
        }
    }

    /** A GET with {@code keystore}'s certificate returns 200, and the server saw {@code expected}'s certificate. */
    private static void assertServed(KeystoreSettings keystore, Issued expected) throws Exception {
        FetchResult result = fetch(TlsContexts.create(trust, keystore, true), true);
        FetchResult.Success success = assertInstanceOf(FetchResult.Success.class, result, result::toString);
        assertArrayEquals(BODY, success.body());
        assertEquals(List.of(expected.certificate().getSubjectX500Principal().getName()), List.copyOf(CLIENTS));
    }

    /**
     * The handshake fails on both servers, and no request gets through: the {@link HttpsServer} drops the
     * connection, and the server that sends the alert has {@link StatusClient} report the refused client certificate.
     */
    private static void assertRefused(SSLContext context) throws Exception {
        FetchResult dropped = fetch(context, true);
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, dropped, dropped::toString);
        assertTrue(
                Set.of(FailureCause.TLS, FailureCause.CLIENT_CERTIFICATE, FailureCause.CONNECTION)
                        .contains(failure.cause()),
                failure.message());
        assertEquals(List.of(), List.copyOf(CLIENTS), "no request gets through a refused handshake");

        FetchResult alerted = fetch(context, true, alerting.port());
        FetchResult.Failure tls = assertInstanceOf(FetchResult.Failure.class, alerted, alerted::toString);
        assertEquals(FailureCause.CLIENT_CERTIFICATE, tls.cause(), tls.message());
        assertTrue(
                tls.message().contains("refused the client certificate")
                        && tls.message().contains("ssl.keystore"),
                tls.message());
        assertEquals(List.of(), alerting.clients());
    }

    private static String file(String name, String... parts) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("", parts)).toString();
    }

    private static Password password(String value) {
        return new Password(value);
    }

    @Test
    void pkcs12WhoseKeyHasTheStorePassword() throws Exception {
        Path store = TestCertificates.writeKeystore(
                dir.resolve("client.p12"), "PKCS12", rsaClient, STORE_PASSWORD, STORE_PASSWORD);
        assertServed(new KeystoreSettings(store.toString(), password(STORE_PASSWORD), "PKCS12", null), rsaClient);
    }

    @Test
    void pkcs12WithAKeyPasswordOfItsOwn() throws Exception {
        Path store = TestCertificates.writeKeystore(
                dir.resolve("client-keypass.p12"), "PKCS12", ecClient, STORE_PASSWORD, KEY_PASSWORD);
        assertServed(
                new KeystoreSettings(store.toString(), password(STORE_PASSWORD), "pkcs12", password(KEY_PASSWORD)),
                ecClient);
    }

    @Test
    void jks() throws Exception {
        Path store = TestCertificates.writeKeystore(
                dir.resolve("client.jks"), "JKS", ecClient, STORE_PASSWORD, KEY_PASSWORD);
        assertServed(
                new KeystoreSettings(store.toString(), password(STORE_PASSWORD), "JKS", password(KEY_PASSWORD)),
                ecClient);
    }

    @Test
    void pemRsaKeyFollowedByItsCertificate() throws Exception {
        String pem = file("client-rsa.pem", pemKey(rsaClient.privateKey(), PKCS8, null), pem(rsaClient.chain()));
        assertServed(new KeystoreSettings(pem, null, "PEM", null), rsaClient);
    }

    @Test
    void pemEcCertificateFollowedByItsKey() throws Exception {
        String pem = file("client-ec.pem", pem(ecClient.chain()), pemKey(ecClient.privateKey(), PKCS8, null));
        assertServed(new KeystoreSettings(pem, null, "pem", null), ecClient);
    }

    @Test
    void pemEncryptedRsaKeyOpenedWithTheKeyPassword() throws Exception {
        String pem = file(
                "client-rsa-aes.pem", pemKey(rsaClient.privateKey(), PKCS8_AES, KEY_PASSWORD), pem(rsaClient.chain()));
        assertServed(new KeystoreSettings(pem, null, "PEM", password(KEY_PASSWORD)), rsaClient);
    }

    @Test
    void pemEncryptedEcKeyOpenedWithTheKeystorePasswordWhenNoKeyPasswordIsGiven() throws Exception {
        String pem = file(
                "client-ec-aes.pem", pemKey(ecClient.privateKey(), PKCS8_AES, STORE_PASSWORD), pem(ecClient.chain()));
        assertServed(new KeystoreSettings(pem, password(STORE_PASSWORD), "PEM", null), ecClient);
    }

    @Test
    void pemKeyEncryptedWithTheOlderPkcs12Scheme() throws Exception {
        String pem = file(
                "client-rsa-3des.pem",
                pemKey(rsaClient.privateKey(), PKCS8_3DES, KEY_PASSWORD),
                pem(rsaClient.chain()));
        assertServed(new KeystoreSettings(pem, null, "PEM", password(KEY_PASSWORD)), rsaClient);
    }

    @Test
    void pemChainThroughAnIntermediateCaTheServerDoesNotKnow() throws Exception {
        assertEquals(2, clientBelowIntermediate.chain().length);
        String pem = file(
                "client-intermediate.pem",
                pemKey(clientBelowIntermediate.privateKey(), PKCS8_AES, KEY_PASSWORD),
                pem(clientBelowIntermediate.chain()));
        assertServed(new KeystoreSettings(pem, null, "PEM", password(KEY_PASSWORD)), clientBelowIntermediate);
    }

    @Test
    void theClientCertificateIsPresentedWithHostnameVerificationOffToo() throws Exception {
        Path store = TestCertificates.writeKeystore(
                dir.resolve("client-lenient.p12"), "PKCS12", rsaClient, STORE_PASSWORD, STORE_PASSWORD);
        SSLContext lenient = TlsContexts.create(
                trust, new KeystoreSettings(store.toString(), password(STORE_PASSWORD), "PKCS12", null), false);
        assertInstanceOf(FetchResult.Success.class, fetch(lenient, false));
        assertEquals(List.of(rsaClient.certificate().getSubjectX500Principal().getName()), List.copyOf(CLIENTS));
    }

    @Test
    void theServerThatSendsAlertsAcceptsTheRightCertificate() throws Exception {
        Path store = TestCertificates.writeKeystore(
                dir.resolve("client-alerting.p12"), "PKCS12", rsaClient, STORE_PASSWORD, STORE_PASSWORD);
        SSLContext context = TlsContexts.create(
                trust, new KeystoreSettings(store.toString(), password(STORE_PASSWORD), "PKCS12", null), true);
        FetchResult result = fetch(context, true, alerting.port());
        assertInstanceOf(FetchResult.Success.class, result, result::toString);
        assertEquals(List.of(rsaClient.certificate().getSubjectX500Principal().getName()), alerting.clients());
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() throws Exception {
        assertRefused(TlsContexts.create(trust, null, true));
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() throws Exception {
        Path store = TestCertificates.writeKeystore(
                dir.resolve("other-ca.p12"), "PKCS12", clientOfAnotherCa, STORE_PASSWORD, STORE_PASSWORD);
        assertRefused(TlsContexts.create(
                trust, new KeystoreSettings(store.toString(), password(STORE_PASSWORD), "PKCS12", null), true));
        String pem = file(
                "other-ca.pem", pemKey(clientOfAnotherCa.privateKey(), PKCS8, null), pem(clientOfAnotherCa.chain()));
        assertRefused(TlsContexts.create(trust, new KeystoreSettings(pem, null, "PEM", null), true));
    }
}
