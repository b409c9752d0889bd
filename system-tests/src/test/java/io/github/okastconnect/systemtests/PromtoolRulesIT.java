package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/okast-alerts.yml through Prometheus's own promtool (Debian's prometheus package): the file is valid, and each
 * alert fires, and only fires, as src/test/resources/prometheus/okast-alerts-test.yml says. Skipped with the reason when
 * promtool is not installed; CI installs it and fails on the skip (.ci/check-required-tests-ran).
 */
class PromtoolRulesIT {
    private static final String TEST_FILE = "okast-alerts-test.yml";

    @TempDir
    Path dir;

    private Path promtool;
    private Path rules;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        Optional<Path> found = findPromtool();
        assumeTrue(
                found.isPresent(),
                "promtool not found on PATH: install Debian's prometheus package "
                        + "(apt-get install --no-install-recommends prometheus); .ci/run does");
        promtool = found.get();
        rules = dir.resolve(MonitoringFiles.ALERT_RULES);
        Files.copy(SystemTestSettings.repoConfigDir().resolve(MonitoringFiles.ALERT_RULES), rules);
        Files.copy(
                SystemTestSettings.repoDir().resolve("system-tests/src/test/resources/prometheus/" + TEST_FILE),
                dir.resolve(TEST_FILE));
        System.out.println(
                run(List.of("--version")).output().lines().findFirst().orElse(""));
    }

    @Test
    void ruleFilePassesPromtoolCheck() throws Exception {
        Result ok = run(List.of("check", "rules", rules.toString()));
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains("SUCCESS: 4 rules found"), ok.output());

        // the same check on a broken expression fails: it is not a check that passes whatever the file says
        Files.writeString(rules, Files.readString(rules).replace("> 0.5", "> > 0.5"));
        Result broken = run(List.of("check", "rules", rules.toString()));
        assertNotEquals(0, broken.exitCode(), broken.output());
    }

    @Test
    void alertsFireAsTheirUnitTestsSay() throws Exception {
        Result ok = run(List.of("test", "rules", TEST_FILE));
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains("SUCCESS"), ok.output());

        // a threshold changed in the rules (3 intervals -> 30) makes the unit tests fail
        String original = Files.readString(rules);
        Files.writeString(
                rules, original.replace("(3 * okast_poll_interval_seconds)", "(30 * okast_poll_interval_seconds)"));
        Result changed = run(List.of("test", "rules", TEST_FILE));
        assertNotEquals(0, changed.exitCode(), changed.output());
        assertTrue(changed.output().contains("OkastInstanceNoSuccessfulPoll"), changed.output());
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + args + " did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("promtool " + String.join(" ", args) + " -> " + process.exitValue() + "\n" + output);
        return new Result(process.exitValue(), output);
    }

    private static Optional<Path> findPromtool() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
