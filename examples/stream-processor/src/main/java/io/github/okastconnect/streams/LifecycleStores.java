package io.github.okastconnect.streams;

import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The two state stores of the lifecycle processor. Both are changelogged, so state survives restarts
 * and rebalances whichever {@link AppSettings.StoreType} is used; persistent (RocksDB) only shortens
 * restoration after a restart, in-memory avoids local disk.
 */
final class LifecycleStores {

    /** Live entries: {@link EntryKey} to {@link EntryState}, until the entry is REMOVED. */
    static final String ENTRIES = "okast-entries";
    /** Instance name to {@link InstanceStats}. */
    static final String INSTANCE_STATS = "okast-instance-stats";

    private LifecycleStores() {}

    static Set<StoreBuilder<?>> builders(AppSettings.StoreType type) {
        return Set.of(
                Stores.keyValueStoreBuilder(
                        supplier(type, ENTRIES), JsonSerde.of(EntryKey.class), JsonSerde.of(EntryState.class)),
                Stores.keyValueStoreBuilder(
                        supplier(type, INSTANCE_STATS), Serdes.String(), JsonSerde.of(InstanceStats.class)));
    }

    private static KeyValueBytesStoreSupplier supplier(AppSettings.StoreType type, String name) {
        return type == AppSettings.StoreType.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
    }
}
