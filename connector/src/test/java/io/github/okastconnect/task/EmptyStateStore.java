package io.github.okastconnect.task;

import io.github.okastconnect.state.StateEntry;
import io.github.okastconnect.state.StateStore;
import io.github.okastconnect.state.StateTopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A state topic with nothing in it, for tests of the poll loop alone. */
final class EmptyStateStore implements StateStore {
    @Override
    public Check prepare(String topic, int partitionsIfCreated) {
        return new Check.Ready(partitionsIfCreated);
    }

    @Override
    public Map<String, List<StateEntry>> read(StateTopic topic, Set<String> instances) {
        Map<String, List<StateEntry>> out = new HashMap<>();
        instances.forEach(id -> out.put(id, List.of()));
        return out;
    }
}
