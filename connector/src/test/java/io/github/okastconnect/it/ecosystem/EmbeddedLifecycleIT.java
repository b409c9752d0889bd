package io.github.okastconnect.it.ecosystem;

import io.github.okastconnect.testkit.ScriptedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link LifecycleScenario} on the testkit's in-JVM KRaft broker and Connect 4.4.0 worker: no Docker needed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedLifecycleIT {
    private ScriptedStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = ScriptedStack.start(LifecycleScenario.SECRET.scan());
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void firstSightChangesPurgeAndRestarts() throws Exception {
        new LifecycleScenario(stack.cluster(), stack.bootstrapServers(), stack.server())
                .run("okast-lifecycle", "okast.lifecycle.embedded");
    }
}
