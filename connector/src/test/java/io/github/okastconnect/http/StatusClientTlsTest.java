package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import io.github.okastconnect.OkastSourceConnector;
import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.testkit.ValidationErrors;
import io.github.okastconnect.tls.TlsContexts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@link StatusClient} and {@link TlsContexts} against a real HTTPS server with a self-signed certificate that is
 * valid for {@code localhost} only.
 */
class StatusClientTlsTest {
    private static final String PATH = "/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php";
    private static final byte[] BODY = "[{\"status\":\"DONE\"}]".getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static HttpsServer server;
    static final ConcurrentLinkedQueue<String> REQUESTS = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir);
        server = certs.startServer(PATH, exchange -> {
            REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @BeforeEach
    void clear() {
        REQUESTS.clear();
    }

    private static URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + PATH);
    }

    private static FetchResult fetch(SSLContext context, boolean verifyHostname, String host) throws Exception {
        StatusClient client = new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(10), Duration.ofSeconds(20), 1 << 20)
                        .withTls(context, verifyHostname),
                CLOCK);
        return client.fetch(new InstanceConfig("tls", url(host), new Credentials.None()))
                .get(60, TimeUnit.SECONDS);
    }

    private static void assertSuccess(FetchResult result) {
        FetchResult.Success success = assertInstanceOf(FetchResult.Success.class, result, result::toString);
        assertArrayEquals(BODY, success.body());
        assertEquals(CLOCK.millis(), success.receivedAtMs());
        assertTrue(success.durationNanos() > 0);
    }

    private static FetchResult.Failure assertTlsFailure(FetchResult result) {
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, result, result::toString);
        assertEquals(FailureCause.TLS, failure.cause(), failure.message());
        assertTrue(failure.message().startsWith("TLS failure"), failure.message());
        return failure;
    }

    @Test
    void jvmDefaultTrustRejectsTheSelfSignedServer() throws Exception {
        assertNull(TlsContexts.create(null, null, "PKCS12", true), "no truststore: the JDK defaults apply as is");
        assertTlsFailure(fetch(null, true, "localhost"));
        assertEquals(List.of(), List.copyOf(REQUESTS), "no HTTP request gets through a failed handshake");
    }

    @Test
    void pemTruststoreTrustsTheServer() throws Exception {
        SSLContext context = TlsContexts.create(certs.pem.toString(), null, "PEM", true);
        assertSuccess(fetch(context, true, "localhost"));
        assertEquals(List.of("GET " + PATH), List.copyOf(REQUESTS));
    }

    @Test
    void anUnchangedBodyIsComparedOnArrivalOverTlsToo() throws Exception {
        SSLContext context = TlsContexts.create(certs.pem.toString(), null, "PEM", true);
        InstanceConfig instance = new InstanceConfig("tls", url("localhost"), new Credentials.None());
        try (StatusClient client = new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(10), Duration.ofSeconds(20), 1 << 20)
                        .withTls(context, true),
                CLOCK)) {
            FetchResult first = client.fetch(instance).get(60, TimeUnit.SECONDS);
            assertSuccess(first);
            FetchResult again = client.fetch(
                            instance,
                            CacheValidators.NONE,
                            ((FetchResult.Success) first).fingerprint(),
                            BodyExpectation.SAME_COMPARED_ON_ARRIVAL)
                    .get(60, TimeUnit.SECONDS);
            FetchResult.SameBody same = assertInstanceOf(FetchResult.SameBody.class, again, again::toString);
            assertEquals(BODY.length, same.bodyBytes());
            assertEquals(0, same.discardedBytes());
        }
        assertEquals(List.of("GET " + PATH, "GET " + PATH), List.copyOf(REQUESTS));
    }

    @Test
    void pkcs12TruststoreWithItsPasswordTrustsTheServer() throws Exception {
        SSLContext context = TlsContexts.create(
                certs.trustPkcs12.toString(), new Password(TestCertificates.TRUST_PASSWORD), "PKCS12", true);
        assertSuccess(fetch(context, true, "localhost"));
    }

    @Test
    void jksTruststoreTrustsTheServer() throws Exception {
        SSLContext context = TlsContexts.create(
                certs.trustJks.toString(), new Password(TestCertificates.TRUST_PASSWORD), "jks", true);
        assertSuccess(fetch(context, true, "localhost"));
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRejected() throws Exception {
        SSLContext context = TlsContexts.create(certs.pem.toString(), null, "PEM", true);
        // Same server, same trusted certificate, but the URL names 127.0.0.1, which the certificate does not cover.
        assertTlsFailure(fetch(context, true, "127.0.0.1"));
        assertEquals(List.of(), List.copyOf(REQUESTS));
    }

    @Test
    void hostnameVerificationCanBeTurnedOffForThisClientOnly() throws Exception {
        SSLContext lenient = TlsContexts.create(certs.pem.toString(), null, "PEM", false);
        assertSuccess(fetch(lenient, false, "127.0.0.1"));
        // Turning it off is not JVM-wide: a client built afterwards with verification on still refuses the name.
        SSLContext strict = TlsContexts.create(certs.pem.toString(), null, "PEM", true);
        assertTlsFailure(fetch(strict, true, "127.0.0.1"));
        assertEquals(1, REQUESTS.size());
    }

    @Test
    void withoutHostnameVerificationTheChainIsStillChecked() throws Exception {
        // Default JVM trust, names not checked: the self-signed chain must still be refused.
        SSLContext chainOnly = TlsContexts.create(null, null, "PKCS12", false);
        assertTlsFailure(fetch(chainOnly, false, "127.0.0.1"));
        assertTlsFailure(fetch(chainOnly, false, "localhost"));
        assertEquals(List.of(), List.copyOf(REQUESTS));
    }

    @Test
    void wrongTruststorePasswordFailsToLoad() {
        Exception e = assertThrows(
                Exception.class,
                () -> TlsContexts.create(
                        certs.trustPkcs12.toString(), new Password("not-the-password"), "PKCS12", true));
        assertTrue(e instanceof IOException || e instanceof GeneralSecurityException, e.toString());
        assertThrows(
                Exception.class,
                () -> TlsContexts.create(certs.trustJks.toString(), new Password("not-the-password"), "JKS", true));
    }

    @Test
    void unreadableTruststoresFailToLoad() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThrows(GeneralSecurityException.class, () -> TlsContexts.create(empty.toString(), null, "PEM", true));
        // a PEM file announced as PKCS12, and a keystore announced as PEM
        assertThrows(
                Exception.class,
                () -> TlsContexts.create(
                        certs.pem.toString(), new Password(TestCertificates.TRUST_PASSWORD), "PKCS12", true));
        assertThrows(Exception.class, () -> TlsContexts.create(certs.trustPkcs12.toString(), null, "PEM", true));
        assertThrows(
                IOException.class,
                () -> TlsContexts.create(
                        dir.resolve("missing.p12").toString(),
                        new Password(TestCertificates.TRUST_PASSWORD),
                        "PKCS12",
                        true));
    }

    @Test
    void configValidationReportsAWrongTruststorePasswordOnThePasswordKeyWithoutEchoingIt() {
        Map<String, String> props = new HashMap<>();
        props.put("okast.instances", "paris");
        props.put("validation.probe.enabled", "false");
        props.put(
                "okast.instance.paris.url",
                "https://localhost:" + server.getAddress().getPort());
        props.put("http.ssl.truststore.location", certs.trustPkcs12.toString());
        props.put("http.ssl.truststore.type", "PKCS12");
        props.put("http.ssl.truststore.password", "wrong-secret-1234");
        Map<String, List<String>> errors = errors(props);
        assertEquals(List.of("http.ssl.truststore.password"), List.copyOf(errors.keySet()), errors.toString());
        assertFalse(errors.toString().contains("wrong-secret-1234"), errors.toString());

        props.put("http.ssl.truststore.password", TestCertificates.TRUST_PASSWORD);
        assertEquals(Map.of(), errors(props));
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        return ValidationErrors.byKey(new OkastSourceConnector().validate(props).configValues());
    }
}
