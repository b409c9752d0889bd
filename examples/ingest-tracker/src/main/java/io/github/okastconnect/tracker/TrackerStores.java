package io.github.okastconnect.tracker;

import io.github.okastconnect.streams.EntryState;
import io.github.okastconnect.streams.InstanceStats;
import io.github.okastconnect.streams.JsonSerde;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracker's key-value stores, all changelogged (state survives restarts and moves between application
 * instances). All are keyed so that they live in the task that owns the entry's instance.
 */
final class TrackerStores {

    /** Entry store key ({@link EntryIds}) to {@link TrackedEntry}; bounded by retention. */
    static final String ENTRIES = "tracker-entries";
    /**
     * Entry store key to the stream processor's {@link EntryState}: entries still in a queue, the basis of the
     * per-instance figures and of stuck detection. Bounded by the queues' size (dropped on REMOVED).
     */
    static final String LIVE = "tracker-live";
    /** Instance name to {@link InstanceStats}, the stream processor's figures. */
    static final String STATS = "tracker-instance-stats";
    /** {@code term NUL storeKey} to the store key, for every {@link SearchFragments#terms term} of the path. */
    static final String SEARCH = "tracker-search";
    /** Store key of entries currently ERRORED to when they entered ERRORED. */
    static final String ERRORS = "tracker-errors";
    /** {@code zero-padded expireAtMs NUL storeKey} to the store key: what retention drops next. */
    static final String EXPIRY = "tracker-expiry";

    private TrackerStores() {}

    static Set<StoreBuilder<?>> builders(boolean inMemory) {
        Serde<String> str = Serdes.String();
        return Set.of(
                Stores.keyValueStoreBuilder(supplier(inMemory, ENTRIES), str, JsonSerde.of(TrackedEntry.class)),
                Stores.keyValueStoreBuilder(supplier(inMemory, LIVE), str, JsonSerde.of(EntryState.class)),
                Stores.keyValueStoreBuilder(supplier(inMemory, STATS), str, JsonSerde.of(InstanceStats.class)),
                Stores.keyValueStoreBuilder(supplier(inMemory, SEARCH), str, str),
                Stores.keyValueStoreBuilder(supplier(inMemory, ERRORS), str, Serdes.Long()),
                Stores.keyValueStoreBuilder(supplier(inMemory, EXPIRY), str, str));
    }

    static String searchKey(String term, String storeKey) {
        return term + EntryIds.SEP + storeKey;
    }

    static String expiryKey(long expireAtMs, String storeKey) {
        return String.format("%020d", Math.max(0, expireAtMs)) + EntryIds.SEP + storeKey;
    }

    private static KeyValueBytesStoreSupplier supplier(boolean inMemory, String name) {
        return inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }
}
