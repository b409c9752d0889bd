package io.github.okastconnect.task;

import io.github.okastconnect.state.Acks;
import io.github.okastconnect.state.StateRecords;
import io.github.okastconnect.state.StateTopic;
import io.github.okastconnect.state.StateWriter;

/** State writers for trackers tested without a task: a fresh epoch on a one-partition state topic. */
final class TestStateWriters {
    private TestStateWriters() {}

    static StateWriter writer(String instance) {
        Acks acks = new Acks();
        acks.start(instance, 0);
        return new StateWriter(instance, new StateRecords(new StateTopic("t.state", 1)), acks, 0, 0);
    }
}
