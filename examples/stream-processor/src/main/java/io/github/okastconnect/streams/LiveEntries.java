package io.github.okastconnect.streams;

import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The counting rules of {@link EntryTransition} kept in two stores: the entries still in a queue (dropped on
 * REMOVED) and each instance's figures. The stream processor and the tracker both keep their figures this way.
 *
 * @param <K> the entries store's key, one per entry
 */
public final class LiveEntries<K> {

    private final KeyValueStore<K, EntryState> entries;
    private final KeyValueStore<String, InstanceStats> stats;
    private final EntryTransition transition;

    public LiveEntries(
            KeyValueStore<K, EntryState> entries,
            KeyValueStore<String, InstanceStats> stats,
            int completionWindowSize) {
        this.entries = entries;
        this.stats = stats;
        this.transition = new EntryTransition(completionWindowSize);
    }

    /**
     * Applies one event of the entry stored under {@code key}.
     *
     * @param observedAtMs when the change was seen; starts the stuck clock on a status change
     * @return the instance's figures when the event changed them, empty otherwise
     */
    public Optional<InstanceStats> apply(K key, IngestEvent event, long observedAtMs) {
        InstanceStats before = statsOf(event.instance());
        EntryTransition.Result result = transition.apply(entries.get(key), before, event, observedAtMs);
        if (result.entry() == null) {
            entries.delete(key);
        } else {
            entries.put(key, result.entry());
        }
        if (result.stats().equals(before)) {
            return Optional.empty();
        }
        stats.put(event.instance(), result.stats());
        return Optional.of(result.stats());
    }

    /** The instance's figures, empty ones for an instance not seen yet. */
    public InstanceStats statsOf(String instance) {
        InstanceStats current = stats.get(instance);
        return current != null ? current : InstanceStats.empty(instance);
    }
}
