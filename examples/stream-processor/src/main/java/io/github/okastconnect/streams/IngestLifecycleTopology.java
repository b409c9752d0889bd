package io.github.okastconnect.streams;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * input (entry-keyed JSON) → parse, drop tombstones → repartition by instance → lifecycle processor
 * (state stores + wall-clock punctuation) → summaries / stuck alerts topics (+ in-process listeners).
 *
 * <p>Every node is named explicitly so internal topic and store names stay the same if the topology is
 * edited later; generated names would shift and orphan the existing state.
 */
final class IngestLifecycleTopology {

    private IngestLifecycleTopology() {}

    static Topology build(AppSettings settings, Consumer<Summary> summaryListener, Consumer<StuckAlert> alertListener) {
        IngestEventParser parser = new IngestEventParser();
        Consumer<Summary> onSummary = new SafeListener<>("summary", summaryListener);
        Consumer<StuckAlert> onAlert = new SafeListener<>("alert", alertListener);
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, Emission> emissions = builder.stream(
                        settings.inputTopic(),
                        Consumed.with(Serdes.String(), Serdes.String()).withName("lifecycle-source"))
                // The connector keys by entry, so one instance's entries are spread over partitions; the
                // per-instance figures need them together, hence the re-key and repartition.
                .flatMap(
                        (String key, String value) -> byInstance(parser, key, value),
                        Named.as("parse-and-key-by-instance"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(IngestEvent.class))
                        .withName("by-instance"))
                .process(new LifecycleProcessorSupplier(settings), Named.as("lifecycle-state"));

        emissions
                .split(Named.as("route-"))
                .branch(
                        (instance, emission) -> emission instanceof Summary,
                        Branched.withConsumer(
                                summaries -> summaries
                                        .mapValues(emission -> (Summary) emission, Named.as("as-summary"))
                                        .peek(
                                                (instance, summary) -> onSummary.accept(summary),
                                                Named.as("summary-listener"))
                                        .to(
                                                settings.summaryTopic(),
                                                Produced.with(Serdes.String(), JsonSerde.of(Summary.class))
                                                        .withName("summary-sink")),
                                "summary"))
                .branch(
                        (instance, emission) -> emission instanceof StuckAlert,
                        Branched.withConsumer(
                                alerts -> alerts.mapValues(emission -> (StuckAlert) emission, Named.as("as-alert"))
                                        .peek((instance, alert) -> onAlert.accept(alert), Named.as("alert-listener"))
                                        .to(
                                                settings.alertsTopic(),
                                                Produced.with(Serdes.String(), JsonSerde.of(StuckAlert.class))
                                                        .withName("alert-sink")),
                                "alert"))
                .noDefaultBranch();

        return builder.build();
    }

    private static List<KeyValue<String, IngestEvent>> byInstance(IngestEventParser parser, String key, String value) {
        return parser.parse(key, value).map(event -> KeyValue.pair(event.instance(), event)).stream()
                .toList();
    }

    /** Supplies a fresh processor per task and connects the stores it needs. */
    private static final class LifecycleProcessorSupplier
            implements ProcessorSupplier<String, IngestEvent, String, Emission> {

        private final AppSettings settings;

        LifecycleProcessorSupplier(AppSettings settings) {
            this.settings = settings;
        }

        @Override
        public Processor<String, IngestEvent, String, Emission> get() {
            return new IngestLifecycleProcessor(settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return LifecycleStores.builders(settings.storeType());
        }
    }
}
