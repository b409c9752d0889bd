package io.github.okastconnect.tracker;

import io.github.okastconnect.streams.IngestEvent;
import io.github.okastconnect.streams.IngestEventParser;
import io.github.okastconnect.streams.JsonSerde;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * lifecycle topic (entry-keyed JSON) → parse (the stream processor's parser) → re-key by instance and
 * repartition → tracker processor and its stores.
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
        IngestEventParser parser = new IngestEventParser();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        settings.inputTopic(),
                        Consumed.with(Serdes.String(), Serdes.String()).withName("lifecycle-source"))
                .flatMap(
                        (String key, String value) -> byInstance(parser, key, value),
                        Named.as("parse-and-key-by-instance"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(IngestEvent.class))
                        .withName(REPARTITION))
                .process(new Supplier(settings), Named.as("tracker-state"));
        return builder.build();
    }

    private static List<KeyValue<String, IngestEvent>> byInstance(IngestEventParser parser, String key, String value) {
        return parser.parse(key, value).map(event -> KeyValue.pair(event.instance(), event)).stream()
                .toList();
    }

    private static final class Supplier implements ProcessorSupplier<String, IngestEvent, Void, Void> {
        private final TrackerSettings settings;

        Supplier(TrackerSettings settings) {
            this.settings = settings;
        }

        @Override
        public Processor<String, IngestEvent, Void, Void> get() {
            return new TrackerProcessor(settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return TrackerStores.builders(settings.inMemoryStores());
        }
    }
}
