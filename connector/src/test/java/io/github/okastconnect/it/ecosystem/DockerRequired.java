package io.github.okastconnect.it.ecosystem;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Disables a test class, with a reason that shows in the test report, when Testcontainers finds no Docker engine.
 * (Testcontainers' own {@code @Testcontainers(disabledWithoutDocker = true)} skips without saying why.)
 */
final class DockerRequired implements ExecutionCondition {
    private static volatile ConditionEvaluationResult result;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        ConditionEvaluationResult r = result;
        if (r == null) {
            r = evaluate();
            result = r;
        }
        return r;
    }

    private static ConditionEvaluationResult evaluate() {
        try {
            DockerClientFactory.instance().client();
            return ConditionEvaluationResult.enabled("Docker engine available");
        } catch (Throwable e) {
            return ConditionEvaluationResult.disabled("Docker engine not available (DOCKER_HOST "
                    + (System.getenv("DOCKER_HOST") == null ? "unset" : "set") + ", /var/run/docker.sock "
                    + (Files.exists(Path.of("/var/run/docker.sock")) ? "present" : "absent")
                    + "; Testcontainers: \"" + e.getMessage() + "\"). Skipped: this test runs Kafka in a container; "
                    + "EmbeddedLifecycleIT runs the same LifecycleScenario without Docker.");
        }
    }
}
