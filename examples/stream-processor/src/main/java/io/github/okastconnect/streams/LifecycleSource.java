package io.github.okastconnect.streams;

import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The way every application of the examples reads the connector's lifecycle topic: entry-keyed JSON →
 * {@link IngestEventParser} (unusable records and tombstones dropped) → re-keyed by instance and repartitioned.
 *
 * <p>The connector keys by entry, so one instance's entries are spread over partitions; per-instance state
 * needs them in one task, hence the repartition. Nodes are named so internal topic names survive edits.
 */
public final class LifecycleSource {

    private LifecycleSource() {}

    /**
     * @param repartitionName names the internal topic {@code <application.id>-<repartitionName>-repartition};
     *                        changing it orphans an existing application's state
     * @return the events of {@code topic}, keyed by instance
     */
    public static KStream<String, IngestEvent> byInstance(
            StreamsBuilder builder, String topic, String repartitionName) {
        IngestEventParser parser = new IngestEventParser();
        return builder.stream(
                        topic, Consumed.with(Serdes.String(), Serdes.String()).withName("lifecycle-source"))
                .flatMap(
                        (String key, String value) -> keyedByInstance(parser, key, value),
                        Named.as("parse-and-key-by-instance"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(IngestEvent.class))
                        .withName(repartitionName));
    }

    private static List<KeyValue<String, IngestEvent>> keyedByInstance(
            IngestEventParser parser, String key, String value) {
        return parser.parse(key, value).map(event -> KeyValue.pair(event.instance(), event)).stream()
                .toList();
    }
}
