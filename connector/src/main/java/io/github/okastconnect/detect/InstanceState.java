package io.github.okastconnect.detect;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The last emitted state of every live entry of one instance. Immutable: each poll that changes something yields
 * a new instance, so records already handed to Connect keep pointing at the state they were built from.
 */
public final class InstanceState {
    private static final InstanceState EMPTY = new InstanceState(Map.of());

    private final Map<EntryKey, EntryState> entries;

    private InstanceState(Map<EntryKey, EntryState> entries) {
        this.entries = entries;
    }

    public static InstanceState empty() {
        return EMPTY;
    }

    public static InstanceState of(Map<EntryKey, EntryState> entries) {
        return entries.isEmpty() ? EMPTY : new InstanceState(Collections.unmodifiableMap(new HashMap<>(entries)));
    }

    public EntryState get(EntryKey key) {
        return entries.get(key);
    }

    public int size() {
        return entries.size();
    }

    public void forEach(BiConsumer<EntryKey, EntryState> action) {
        entries.forEach(action);
    }

    /** This state with the given changes applied in order. */
    public InstanceState apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<EntryKey, EntryState> next = new HashMap<>(entries);
        for (Change change : changes) {
            if (change.isRemoval()) {
                next.remove(change.key());
            } else {
                next.put(change.key(), change.current());
            }
        }
        return next.isEmpty() ? EMPTY : new InstanceState(Collections.unmodifiableMap(next));
    }

    @Override
    public String toString() {
        return "InstanceState[" + entries.size() + " entries]";
    }
}
