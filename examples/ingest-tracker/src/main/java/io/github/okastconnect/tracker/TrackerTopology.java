package io.github.okastconnect.tracker;

import io.github.okastconnect.streams.LifecycleSource;
import java.util.Set;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * lifecycle topic → the stream processor's {@link LifecycleSource} (parsed, keyed by instance,
 * repartitioned) → tracker processor and its stores.
 *
 * <p>Keying by instance keeps all entries of an instance, its figures and its index entries in one task, so
 * the application instance that owns an Okast instance (Streams' {@code queryMetadataForKey} on the instance
 * name) answers every per-instance or per-entry query; only search and overviews need every application
 * instance. Nodes are named so that store and internal topic names survive edits.
 */
public final class TrackerTopology {

    /** Repartition topic name suffix; the internal topic is {@code <application.id>-tracker-by-instance-repartition}. */
    static final String REPARTITION = "tracker-by-instance";

    private TrackerTopology() {}

    public static Topology build(TrackerSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        Set<StoreBuilder<?>> stores = TrackerStores.builders(settings.inMemoryStores());
        stores.forEach(builder::addStateStore);
        LifecycleSource.byInstance(builder, settings.inputTopic(), REPARTITION)
                .process(
                        () -> new TrackerProcessor(settings),
                        Named.as("tracker-state"),
                        stores.stream().map(StoreBuilder::name).toArray(String[]::new));
        return builder.build();
    }
}
