package io.github.okastconnect.it.ecosystem;

import io.github.okastconnect.testkit.ScriptedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LifecycleScenario} on the testkit's in-JVM KRaft broker and Connect 4.4.0 worker: no Docker needed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedLifecycleIT {
    @RegisterExtension
    final ScriptedStack stack = ScriptedStack.of(LifecycleScenario.SECRET);

    @Test
    void firstSightChangesPurgeAndRestarts() throws Exception {
        new LifecycleScenario(stack.cluster(), stack.bootstrapServers(), stack.server())
                .run("okast-lifecycle", "okast.lifecycle.embedded");
    }
}
