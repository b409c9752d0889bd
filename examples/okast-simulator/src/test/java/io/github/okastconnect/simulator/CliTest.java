package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.CommandRun;
import io.github.okastconnect.cli.EnvDefaults;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line: parsing, environment fallbacks, help, bad input, what it starts, and the real process. */
class CliTest {

    private final TestHttp http = new TestHttp();

    private static CliOptions parse(String... args) {
        return parse(Map.of(), args);
    }

    /** What main does up to starting: parse with the environment, then validate. */
    private static CliOptions parse(Map<String, String> env, String... args) {
        CliOptions options = new CliOptions();
        Cli.commandLine(options, EnvDefaults.of(CliOptions.ENV_PREFIX, env)).parseArgs(args);
        return options.validate();
    }

    /** @param served the options main would have served with, null when it stopped before */
    record Run(CommandRun run, CliOptions served) {
        String assertBadInput(String option) {
            assertNull(served, "nothing starts");
            return run.assertBadInput("okast-simulator", option);
        }
    }

    /** Runs the command line as main does, up to serving. */
    private static Run execute(Map<String, String> env, String... args) {
        CliOptions[] served = {null};
        CommandRun run = CommandRun.execute(
                new CliOptions(options -> served[0] = options), EnvDefaults.of(CliOptions.ENV_PREFIX, env), args);
        return new Run(run, served[0]);
    }

    private static Run execute(String... args) {
        return execute(Map.of(), args);
    }

    @Test
    void defaults() {
        CliOptions options = parse();

        assertEquals(8089, options.port);
        assertEquals("127.0.0.1", options.bind);
        assertEquals(List.of("paris"), options.instances);
        assertEquals(0, options.entries);
        assertNull(options.basicAuth);
        assertEquals(3600, options.tokenLifetimeSeconds);
        assertNull(options.instanceTemplate().load(), "no generated load unless --entries");
        assertTrue(options.instanceTemplate().gzip());
        assertFalse(options.instanceTemplate().oauth2());
    }

    @Test
    void everyFlagParses() {
        CliOptions options = parse(
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

        assertEquals(0, options.port);
        assertEquals("0.0.0.0", options.bind);
        assertEquals(List.of("paris", "lyon"), options.instances);
        assertEquals(new BasicCredentials("user", "pa:ss"), options.basicAuth);
        assertEquals(1000, options.feedIntervalMs);
        InstanceSettings template = options.instanceTemplate();
        assertEquals(LoadProfile.of(20, Duration.ofSeconds(2), 3), template.load());
        assertEquals(0.1, template.errorRate());
        assertEquals(Lifecycle.uniform(Duration.ofMillis(500)), template.lifecycle());
        assertEquals(Duration.ofSeconds(60), template.retention());
        assertEquals(ZoneId.of("Europe/Paris"), template.zone());
        assertEquals(JsonStyle.PRETTY, template.jsonStyle());
        assertEquals(7, options.seed);
        assertEquals(4, options.threads);
    }

    @Test
    void environmentVariablesFillWhatTheCommandLineLeavesOut() {
        Map<String, String> env = Map.of(
                "OKAST_SIM_PORT", "9999",
                "OKAST_SIM_INSTANCES", "nice,lille",
                "OKAST_SIM_PRETTY", "true",
                "OKAST_SIM_BASIC_AUTH", "env-user:env-pass",
                "OKAST_SIM_ERROR_RATE", " ",
                "OKAST_SIM_OAUTH2_CLIENT", "from-env:x");

        CliOptions options = parse(env, "--port", "0", "--oauth2-client", "typed:y");

        assertEquals(0, options.port, "the command line wins over OKAST_SIM_PORT");
        assertEquals(List.of("nice", "lille"), options.instances);
        assertEquals(JsonStyle.PRETTY, options.instanceTemplate().jsonStyle());
        assertEquals(new BasicCredentials("env-user", "env-pass"), options.basicAuth);
        assertEquals(0.1, options.errorRate, "a blank variable counts as unset");
        assertEquals(List.of(new CliOptions.OAuth2Client("typed", "y")), options.oauth2Clients);
        assertEquals(List.of(new CliOptions.OAuth2Client("from-env", "x")), parse(env).oauth2Clients);
    }

    @Test
    void gzipIsOnUnlessSwitchedOff() {
        assertTrue(parse().instanceTemplate().gzip());
        assertFalse(parse("--no-gzip", "--pretty").instanceTemplate().gzip());
        assertFalse(
                parse(Map.of("OKAST_SIM_NO_GZIP", "true")).instanceTemplate().gzip());
        Run valid = execute("--no-gzip", "--port", "0");
        assertEquals(0, valid.run().exitCode(), valid.run().err());
        assertFalse(valid.served().instanceTemplate().gzip());
        assertEquals(0, valid.served().port);
        execute("--no-gzip=maybe").assertBadInput("--no-gzip");
    }

    @Test
    void oauth2Options() {
        CliOptions options = parse(
                "--oauth2",
                "--oauth2-client",
                "connector:pa:ss",
                "--oauth2-client=other:x",
                "--token-lifetime-s",
                "120");

        assertTrue(options.oauth2);
        assertTrue(options.instanceTemplate().oauth2());
        assertEquals(
                List.of(new CliOptions.OAuth2Client("connector", "pa:ss"), new CliOptions.OAuth2Client("other", "x")),
                options.oauth2Clients);
        assertEquals(120, options.tokenLifetimeSeconds);
        assertFalse(options.oauth2Clients.toString().contains("pa:ss"), options.oauth2Clients.toString());

        assertTrue(execute("--oauth2").assertBadInput("'--oauth2'").contains("--oauth2-client ID:SECRET"));
        assertTrue(execute("--oauth2", "--oauth2-client", "a:b", "--basic-auth", "u:p")
                .assertBadInput("--basic-auth")
                .contains("exclude each other"));
        String malformed = execute("--oauth2-client", "onlyasecretvalue").assertBadInput("--oauth2-client");
        assertFalse(malformed.contains("onlyasecretvalue"), "a mistyped secret is not echoed: " + malformed);
        execute("--oauth2-client", "id:").assertBadInput("--oauth2-client");
        execute("--token-lifetime-s", "0").assertBadInput("--token-lifetime-s");
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndVariable() {
        CommandRun.assertEveryOptionDescribed(new CliOptions());
        for (String help : new String[] {"--help", "-h"}) {
            Run executed = execute(help);
            assertNull(executed.served());
            CommandRun run = executed.run();
            assertEquals(0, run.exitCode());
            assertEquals("", run.err());
            assertTrue(run.out().startsWith("Usage: okast-simulator [-hV]"), run.out());
            for (String option : new String[] {"--port=N", "--feed-interval-ms=N", "--oauth2-client=ID:SECRET"}) {
                assertTrue(run.out().contains(option), option + " in " + run.out());
            }
            assertTrue(run.out().contains("Default: 8089"), run.out());
            assertTrue(run.out().contains("Env: OKAST_SIM_PORT"), run.out());
            assertTrue(run.out().contains("Env: OKAST_SIM_OAUTH2_CLIENT"), run.out());
        }
        Run withSecret = execute(Map.of("OKAST_SIM_BASIC_AUTH", "u:secret-in-env"), "--help");
        assertFalse(withSecret.run().out().contains("secret-in-env"), "help never shows a secret default");
    }

    @Test
    void versionIsTheProjectVersion() {
        CommandRun run = execute("--version").run();
        run.assertVersion("okast-simulator");
        assertEquals(run.out(), execute("-V").run().out());
    }

    @Test
    void badInputNamesTheOptionAndExitsWith2() {
        assertTrue(execute("--nope").assertBadInput("--nope").contains("Unknown option"));
        assertTrue(execute("--port").assertBadInput("--port").contains("Missing required parameter"));
        assertTrue(execute("--port", "70000").assertBadInput("--port").contains("70000 is not between 0 and 65535"));
        execute("--port", "eighty").assertBadInput("--port");
        execute("--error-rate", "1.5").assertBadInput("--error-rate");
        execute("--zone", "Mars/Olympus").assertBadInput("--zone");
        execute("--threads", "0").assertBadInput("--threads");
        execute("--bind", "").assertBadInput("--bind");
        String badAuth = execute("--basic-auth", "nocolon").assertBadInput("--basic-auth");
        assertFalse(badAuth.contains("nocolon"), "a mistyped password is not echoed: " + badAuth);
        assertTrue(
                execute("--instances", "bad/name").assertBadInput("--instances").contains("bad/name"));
        execute("--instances", " , ").assertBadInput("--instances");
        assertTrue(execute(Map.of("OKAST_SIM_PORT", "abc"))
                .assertBadInput("--port")
                .contains("(from OKAST_SIM_PORT)"));
    }

    @Test
    void startWithOauth2PrintsTheTokenUrlButNoSecretAndGuardsEveryInstance() throws Exception {
        CliOptions options = parse(
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
        CliOptions options = parse(
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
    void startPrintsStatusUrlsAndServesGeneratedEntriesBehindAuth() throws Exception {
        CliOptions options = parse(
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
        CliOptions options = parse(
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
