package io.github.okastconnect.it.ecosystem;

import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Disables a test class, with a reason that shows in the test report, when Testcontainers finds no Docker engine or
 * the engine lacks the locally built Kafka image ({@link LoopbackKafkaContainer#IMAGE}, which is never pulled).
 * (Testcontainers' own {@code @Testcontainers(disabledWithoutDocker = true)} skips without saying why.) A skip is fine
 * on a developer's machine; {@code .ci/run} fails when these tests did not run.
 */
final class DockerRequired implements ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DockerRequired.class);
    private static final String SETUP = "run `bash .ci/testcontainers-setup` as root (installs and starts Docker "
            + "without a bridge, builds the image), see system-tests/README.md";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // Asked once per test run: the root context's store outlives every test class.
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("result", key -> evaluate(), ConditionEvaluationResult.class);
    }

    private static ConditionEvaluationResult evaluate() {
        try {
            DockerClientFactory.instance().client();
        } catch (Throwable e) {
            return ConditionEvaluationResult.disabled("Docker engine not available (DOCKER_HOST "
                    + (System.getenv("DOCKER_HOST") == null ? "unset" : "set") + ", /var/run/docker.sock "
                    + (Files.exists(Path.of("/var/run/docker.sock")) ? "present" : "absent")
                    + "; Testcontainers: \"" + e.getMessage() + "\"). Skipped: this test runs Kafka in a container; "
                    + SETUP + ". EmbeddedLifecycleIT runs the same LifecycleScenario without Docker.");
        }
        String image = LoopbackKafkaContainer.image().asCanonicalNameString();
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return ConditionEvaluationResult.enabled("Docker engine available, image " + image + " present");
        } catch (NotFoundException e) {
            return ConditionEvaluationResult.disabled("Docker engine available but image " + image
                    + " missing (it is built locally, never pulled). Skipped: " + SETUP + ".");
        }
    }
}
