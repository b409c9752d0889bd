package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line: parsing, what it starts, the feeder, and the real process. */
class CliTest {

    private final TestHttp http = new TestHttp();

    @Test
    void defaults() {
        CliOptions options = CliOptions.parse();

        assertEquals(8089, options.port());
        assertEquals("127.0.0.1", options.bind());
        assertEquals(List.of("paris"), options.instances());
        assertEquals(0, options.entries());
        assertNull(options.basicAuth());
        assertFalse(options.help());
        assertNull(options.instanceTemplate().load(), "no generated load unless --entries");
    }

    @Test
    void everyFlagParses() {
        CliOptions options = CliOptions.parse(
                "--port",
                "0",
                "--bind=0.0.0.0",
                "--instances",
                "paris, lyon",
                "--entries",
                "20",
                "--change-interval-ms",
                "2000",
                "--changes-per-interval",
                "3",
                "--error-rate",
                "0.1",
                "--step-ms",
                "500",
                "--retention-s",
                "60",
                "--basic-auth",
                "user:pa:ss",
                "--seed",
                "7",
                "--zone",
                "Europe/Paris",
                "--pretty",
                "--feed-interval-ms",
                "1000",
                "--threads",
                "4");

        assertEquals(0, options.port());
        assertEquals("0.0.0.0", options.bind());
        assertEquals(List.of("paris", "lyon"), options.instances());
        assertEquals(new BasicCredentials("user", "pa:ss"), options.basicAuth());
        assertEquals(1000, options.feedIntervalMs());
        InstanceSettings template = options.instanceTemplate();
        assertEquals(LoadProfile.of(20, Duration.ofSeconds(2), 3), template.load());
        assertEquals(0.1, template.errorRate());
        assertEquals(Lifecycle.uniform(Duration.ofMillis(500)), template.lifecycle());
        assertEquals(Duration.ofSeconds(60), template.retention());
        assertEquals(ZoneId.of("Europe/Paris"), template.zone());
        assertEquals(JsonStyle.PRETTY, template.jsonStyle());
        assertEquals(7, options.seed());
        assertEquals(4, options.threads());
    }

    @Test
    void gzipIsOnUnlessSwitchedOff() {
        assertTrue(CliOptions.parse().instanceTemplate().gzip());
        CliOptions off = CliOptions.parse("--no-gzip", "--pretty");
        assertFalse(off.instanceTemplate().gzip());
        assertFalse(off.help(), "--no-gzip is not --help");
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--no-gzip=true"));
        assertTrue(CliOptions.USAGE.contains("--no-gzip"));
    }

    @Test
    void oauth2Options() {
        CliOptions options = CliOptions.parse(
                "--oauth2",
                "--oauth2-client",
                "connector:pa:ss",
                "--oauth2-client=other:x",
                "--token-lifetime-s",
                "120");

        assertTrue(options.oauth2());
        assertTrue(options.instanceTemplate().oauth2());
        assertEquals(
                List.of(new CliOptions.OAuth2Client("connector", "pa:ss"), new CliOptions.OAuth2Client("other", "x")),
                options.oauth2Clients());
        assertEquals(120, options.tokenLifetimeSeconds());
        assertEquals(3600, CliOptions.parse().tokenLifetimeSeconds());
        assertFalse(CliOptions.parse().instanceTemplate().oauth2());
        assertFalse(options.toString().contains("pa:ss"), options.toString());

        String noClient = assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--oauth2"))
                .getMessage();
        assertTrue(noClient.contains("--oauth2-client"), noClient);
        assertThrows(
                IllegalArgumentException.class,
                () -> CliOptions.parse("--oauth2", "--oauth2-client", "a:b", "--basic-auth", "u:p"));
        String malformed = assertThrows(
                        IllegalArgumentException.class, () -> CliOptions.parse("--oauth2-client", "onlyasecretvalue"))
                .getMessage();
        assertFalse(malformed.contains("onlyasecretvalue"), "a mistyped secret is not echoed: " + malformed);
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--oauth2-client", "id:"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--token-lifetime-s", "0"));
        assertTrue(CliOptions.USAGE.contains("--oauth2-client ID:SECRET"));
    }

    @Test
    void startWithOauth2PrintsTheTokenUrlButNoSecretAndGuardsEveryInstance() throws Exception {
        CliOptions options = CliOptions.parse(
                "--port",
                "0",
                "--instances",
                "paris,lyon",
                "--entries",
                "3",
                "--oauth2",
                "--oauth2-client",
                "connector:cli-secret-value",
                "--token-lifetime-s",
                "90");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (OkastSimulator sim =
                OkastSimulatorMain.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("oauth2 token: " + sim.tokenUrl() + " (clients: connector;"), out);
            assertFalse(out.contains("cli-secret-value"), out);
            assertEquals(401, http.get(sim.statusUrl("paris")).statusCode());

            HttpResponse<byte[]> token = http.postForm(
                    sim.tokenUrl(),
                    java.util.Map.of(
                            "grant_type",
                            "client_credentials",
                            "client_id",
                            "connector",
                            "client_secret",
                            "cli-secret-value"));
            JsonNode body = TestHttp.MAPPER.readTree(token.body());
            assertEquals(90, body.get("expires_in").asLong());
            HttpResponse<byte[]> status = http.get(
                    sim.statusUrl("lyon"),
                    "Authorization",
                    "Bearer " + body.get("access_token").asText());
            assertEquals(3, TestHttp.MAPPER.readTree(status.body()).size());
        }
    }

    @Test
    void feederTakesATokenForOauth2Instances() throws Exception {
        CliOptions options = CliOptions.parse(
                "--port",
                "0",
                "--instances",
                "paris",
                "--feed-interval-ms",
                "30",
                "--oauth2",
                "--oauth2-client",
                "feeder:pw");

        try (OkastSimulator sim = OkastSimulatorMain.start(options, new PrintStream(new ByteArrayOutputStream()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sim.instance("paris").addRequestCount() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(30);
            }
            assertTrue(
                    sim.instance("paris").addRequestCount() >= 3,
                    "adds: " + sim.instance("paris").addRequestCount());
            assertEquals(1, sim.oauth2().issuedCount("feeder"), "one token, kept while it works");
        }
    }

    @Test
    void helpAndBadArguments() {
        assertTrue(CliOptions.parse("--help").help());
        assertTrue(CliOptions.parse("-h").help());
        assertTrue(CliOptions.USAGE.contains("--feed-interval-ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--nope"))
                .getMessage()
                .contains("unknown option --nope"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--error-rate", "1.5"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--basic-auth", "nocolon"));
        CliOptions badName = CliOptions.parse("--port", "0", "--instances", "bad/name");
        assertThrows(
                IllegalArgumentException.class,
                () -> OkastSimulatorMain.start(badName, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void startPrintsStatusUrlsAndServesGeneratedEntriesBehindAuth() throws Exception {
        CliOptions options = CliOptions.parse(
                "--port",
                "0",
                "--instances",
                "paris,lyon",
                "--entries",
                "20",
                "--basic-auth",
                "user:pass",
                "--seed",
                "42");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (OkastSimulator sim =
                OkastSimulatorMain.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("paris status: " + sim.statusUrl("paris")), out);
            assertTrue(out.contains("lyon status: " + sim.statusUrl("lyon")), out);
            assertEquals(401, http.get(sim.statusUrl("paris")).statusCode());
            HttpResponse<byte[]> response = http.get(
                    sim.statusUrl("lyon"), "Authorization", new BasicCredentials("user", "pass").headerValue());
            assertEquals(20, TestHttp.MAPPER.readTree(response.body()).size());
        }
    }

    @Test
    void feederMakesEntriesLiveThroughTheRealAddEndpoint() throws Exception {
        CliOptions options = CliOptions.parse(
                "--port",
                "0",
                "--instances",
                "paris,lyon",
                "--step-ms",
                "50",
                "--error-rate",
                "0",
                "--feed-interval-ms",
                "40",
                "--basic-auth",
                "u:p");

        try (OkastSimulator sim = OkastSimulatorMain.start(options, new PrintStream(new ByteArrayOutputStream()))) {
            SimulatedInstance paris = sim.instance("paris");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean sawDone = false;
            while (!sawDone && System.nanoTime() < deadline) {
                Thread.sleep(50);
                sawDone = paris.entries().stream().anyMatch(e -> e.status().equals(Status.DONE));
            }

            assertTrue(sawDone, "an entry fed over HTTP went all the way to DONE");
            assertTrue(paris.addRequestCount() >= 3, "adds: " + paris.addRequestCount());
            assertTrue(sim.instance("lyon").addRequestCount() >= 3);
        }
    }

    @Test
    void realProcessServesUntilKilledAndClosesOnShutdown() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                OkastSimulatorMain.class.getName(),
                "--port",
                "0",
                "--instances",
                "paris",
                "--entries",
                "5"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String statusUrl = null;
            for (String line = out.readLine(); line != null && statusUrl == null; line = out.readLine()) {
                if (line.startsWith("paris status: ")) {
                    statusUrl = line.substring("paris status: ".length());
                }
            }
            assertNotNull(statusUrl, "the process printed its status URL");

            JsonNode body = TestHttp.MAPPER.readTree(http.get(statusUrl).body());
            assertEquals(5, body.size());
            assertTrue(process.isAlive(), "keeps running");

            process.destroy(); // SIGTERM: the shutdown hook closes the server
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "exits on SIGTERM");
            String url = statusUrl;
            assertThrows(java.io.IOException.class, () -> http.get(url));
        } finally {
            process.destroyForcibly();
        }
    }
}
