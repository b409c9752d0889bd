package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import io.github.okastconnect.OkastSourceConnector;
import io.github.okastconnect.http.TestCertificates.Issued;
import io.github.okastconnect.http.TestCertificates.Role;
import io.github.okastconnect.testkit.ValidationErrors;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates as a user configures them: every keystore mistake is refused by validation on the key to fix,
 * without echoing a password, and the live probe against an instance that requires a client certificate passes with
 * the right one and names the keystore when the instance refuses it.
 */
class ClientCertificateValidationTest {
    private static final String PATH = "/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php";
    private static final String STORE_PASSWORD = "st0re-pw-never-echoed";
    private static final String KEY_PASSWORD = "k3y-pw-never-echoed";

    @TempDir
    static Path dir;

    static Path goodKeystore;
    static Path otherCaKeystore;
    static Path caPem;
    static HttpsServer server;
    static TestCertificates.AlertingServer alerting;

    @BeforeAll
    static void start() throws Exception {
        Issued ca = TestCertificates.ca("Okast Test CA", "RSA");
        Issued client = TestCertificates.issue(ca, "okast-connect", "EC", Role.CLIENT);
        Issued stranger = TestCertificates.issue(TestCertificates.ca("Other CA", "EC"), "stranger", "EC", Role.CLIENT);
        goodKeystore = TestCertificates.writeKeystore(
                dir.resolve("client.p12"), "PKCS12", client, STORE_PASSWORD, KEY_PASSWORD);
        otherCaKeystore = TestCertificates.writeKeystore(
                dir.resolve("stranger.p12"), "PKCS12", stranger, STORE_PASSWORD, KEY_PASSWORD);
        caPem = Files.writeString(dir.resolve("ca.pem"), TestCertificates.pem(ca.certificate()));
        Issued serverIdentity = TestCertificates.issue(ca, "localhost", "EC", Role.SERVER);
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        server = TestCertificates.startServer(serverIdentity, ca.certificate(), PATH, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        alerting = new TestCertificates.AlertingServer(serverIdentity, ca.certificate());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        alerting.close();
    }

    private static Map<String, String> config(int port, Path keystore, String storePassword, String keyPassword) {
        Map<String, String> props = new HashMap<>();
        props.put("okast.instances", "paris");
        props.put("okast.instance.paris.url", "https://localhost:" + port);
        props.put("http.ssl.truststore.location", caPem.toString());
        props.put("http.ssl.truststore.type", "PEM");
        props.put("http.ssl.keystore.location", keystore.toString());
        props.put("http.ssl.keystore.password", storePassword);
        props.put("http.ssl.key.password", keyPassword);
        return props;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        List<ConfigValue> values = new OkastSourceConnector().validate(props).configValues();
        String rendered = values.toString();
        assertFalse(rendered.contains(STORE_PASSWORD) || rendered.contains(KEY_PASSWORD), rendered);
        return ValidationErrors.byKey(values);
    }

    @Test
    void theRightCertificatePassesValidationIncludingTheLiveProbe() {
        assertEquals(
                Map.of(), errors(config(server.getAddress().getPort(), goodKeystore, STORE_PASSWORD, KEY_PASSWORD)));
    }

    @Test
    void eachKeystoreMistakeIsReportedOnItsOwnKey() {
        int port = server.getAddress().getPort();
        Map<String, String> wrongStore = config(port, goodKeystore, "not-the-store-password", KEY_PASSWORD);
        assertEquals(
                List.of("http.ssl.keystore.password"),
                List.copyOf(errors(wrongStore).keySet()),
                errors(wrongStore).toString());

        Map<String, String> wrongKey = config(port, goodKeystore, STORE_PASSWORD, "not-the-key-password");
        assertEquals(
                List.of("http.ssl.key.password"),
                List.copyOf(errors(wrongKey).keySet()),
                errors(wrongKey).toString());

        Map<String, String> missing = config(port, dir.resolve("no-such.p12"), STORE_PASSWORD, KEY_PASSWORD);
        String message = errors(missing).get("http.ssl.keystore.location").get(0);
        assertTrue(message.contains("no such file"), message);

        Map<String, String> override = config(port, goodKeystore, STORE_PASSWORD, KEY_PASSWORD);
        override.put("okast.instance.paris.ssl.keystore.location", goodKeystore.toString());
        override.put("okast.instance.paris.ssl.keystore.password", "wrong-for-paris");
        override.put("okast.instance.paris.ssl.key.password", KEY_PASSWORD);
        assertEquals(
                List.of("okast.instance.paris.ssl.keystore.password"),
                List.copyOf(errors(override).keySet()),
                errors(override).toString());
    }

    @Test
    void aCertificateTheInstanceRefusesIsReportedOnTheKeystoreByTheProbe() {
        Map<String, String> props = config(alerting.port(), otherCaKeystore, STORE_PASSWORD, KEY_PASSWORD);
        Map<String, List<String>> errors = errors(props);
        assertEquals(List.of("http.ssl.keystore.location"), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(
                errors.get("http.ssl.keystore.location").get(0).contains("refused the client certificate"),
                errors.toString());

        props.put("okast.instance.paris.ssl.keystore.location", otherCaKeystore.toString());
        props.put("okast.instance.paris.ssl.keystore.password", STORE_PASSWORD);
        props.put("okast.instance.paris.ssl.key.password", KEY_PASSWORD);
        props.put("http.ssl.keystore.location", goodKeystore.toString());
        assertEquals(
                List.of("okast.instance.paris.ssl.keystore.location"),
                List.copyOf(errors(props).keySet()),
                "an instance's own keystore is blamed on its own key");
        assertEquals(List.of(), alerting.clients(), "no request got through a refused handshake");
    }
}
