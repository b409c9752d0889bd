package io.github.okastconnect.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scanner every integration and system test relies on must find a planted secret in each form it claims. */
class SecretScanTest {
    private static final Logger log = LoggerFactory.getLogger(SecretScanTest.class);
    private static final String SECRET = "p@ss w/rd+Zk9!";

    @Test
    void aSecretPlantedInALogLineFailsTheScanInEveryForm() {
        String basic = Base64.getEncoder().encodeToString(("ops:" + SECRET).getBytes(StandardCharsets.UTF_8));
        String[] planted = {
            "connecting with password " + SECRET,
            "Authorization: Basic " + basic,
            "POST token client_secret=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
            "header " + Base64.getUrlEncoder().encodeToString(("xy" + SECRET).getBytes(StandardCharsets.UTF_8)),
            "encoded " + Base64.getEncoder().encodeToString(("x" + SECRET + "tail").getBytes(StandardCharsets.UTF_8))
        };
        SecretScan scan = SecretScan.of(SECRET, "another-secret-value");
        for (String line : planted) {
            try (LogCapture logs = LogCapture.install()) {
                log.info("an innocent line");
                log.warn(line);
                logs.clear(); // a phase-by-phase test clears; the scan still reads the whole run
                log.info("after the clear");
                AssertionError e = assertThrows(AssertionError.class, () -> scan.assertAbsent(logs), line);
                assertTrue(e.getMessage().contains("secret #1"), e.getMessage());
                assertFalse(e.getMessage().contains(SECRET), "the failure masks the secret: " + e.getMessage());
            }
        }
    }

    @Test
    void aCleanRunPasses() {
        try (LogCapture logs = LogCapture.install()) {
            log.info("password=[hidden], token ${file:/etc/secrets:paris.password}");
            SecretScan.of(SECRET).assertAbsent(logs);
        }
    }

    @Test
    void workerLogFilesAreReadRecursively(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/worker-0.log"), "INFO started\nINFO fine\n");
        Files.writeString(dir.resolve("broker.out"), "INFO broker\n");
        assertEquals(2, SecretScan.of(SECRET).assertAbsentInFiles(dir));
        Files.writeString(
                dir.resolve("logs/worker-1.log"),
                "INFO a\nDEBUG Authorization: Basic "
                        + Base64.getEncoder().encodeToString(("ops:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        AssertionError e =
                assertThrows(AssertionError.class, () -> SecretScan.of(SECRET).assertAbsentInFiles(dir));
        assertTrue(e.getMessage().contains("worker-1.log:2"), e.getMessage());
    }

    @Test
    void shortSecretsAreRefusedRatherThanMatchedByChance() {
        assertThrows(IllegalArgumentException.class, () -> SecretScan.of("abc"));
    }
}
