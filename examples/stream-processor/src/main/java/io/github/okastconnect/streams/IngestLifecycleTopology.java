package io.github.okastconnect.streams;

import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * input ({@link LifecycleSource}: parsed, keyed and repartitioned by instance) → lifecycle processor
 * (state stores + wall-clock punctuation) → summaries / stuck alerts topics (+ in-process listeners).
 *
 * <p>Every node is named explicitly so internal topic and store names stay the same if the topology is
 * edited later; generated names would shift and orphan the existing state.
 */
final class IngestLifecycleTopology {

    private IngestLifecycleTopology() {}

    static Topology build(AppSettings settings, Consumer<Summary> summaryListener, Consumer<StuckAlert> alertListener) {
        Consumer<Summary> onSummary = new SafeListener<>("summary", summaryListener);
        Consumer<StuckAlert> onAlert = new SafeListener<>("alert", alertListener);
        StreamsBuilder builder = new StreamsBuilder();

        Set<StoreBuilder<?>> stores = LifecycleStores.builders(settings.storeType());
        stores.forEach(builder::addStateStore);
        KStream<String, Emission> emissions = LifecycleSource.byInstance(builder, settings.inputTopic(), "by-instance")
                .process(
                        () -> new IngestLifecycleProcessor(settings),
                        Named.as("lifecycle-state"),
                        stores.stream().map(StoreBuilder::name).toArray(String[]::new));

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
}
