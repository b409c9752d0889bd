package io.github.okastconnect.bench;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.HttpSettings;
import io.github.okastconnect.http.StatusClient;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.TimestampParser;
import io.github.okastconnect.state.Acks;
import io.github.okastconnect.state.StateRecords;
import io.github.okastconnect.state.StateTopic;
import io.github.okastconnect.state.StateWriter;
import io.github.okastconnect.task.InstanceTracker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** Builds the connector's per-poll machinery exactly as the task does, with the task's defaults. */
public final class ConnectorParts {
    public static final long MAX_RESPONSE_BYTES = 512L * 1024 * 1024;
    /** The topic of the lifecycle events the trackers built here emit (their state records go elsewhere). */
    public static final String EVENTS_TOPIC = "okast.ingest.lifecycle";

    private ConnectorParts() {}

    /** A client that does not ask for compression: the answers travel as they are. */
    public static StatusClient statusClient() {
        return statusClient(false);
    }

    /** @param compression whether the client asks for gzip ({@code http.compression.enabled}) */
    public static StatusClient statusClient(boolean compression) {
        return new StatusClient(httpSettings().withCompression(compression), Clock.systemUTC());
    }

    /**
     * {@link HttpSettings} with the task's defaults (the response cap raised for 100k bodies), except
     * compression: off here, so the main poll table keeps measuring identity answers, as it did before the connector
     * asked for gzip; {@link #statusClient(boolean)} sets it.
     */
    public static HttpSettings httpSettings() {
        return HttpSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(30), MAX_RESPONSE_BYTES)
                .withConditionalRequests(true);
    }

    public static InstanceTracker.Pipeline pipeline(String topic) {
        return new InstanceTracker.Pipeline(
                new IngestStatusParser(),
                new ChangeDetector(),
                new RecordMapper(topic, new TimestampParser(ZoneOffset.UTC), RemovalMode.EVENT));
    }

    public static InstanceConfig instance(String id, URI statusUri) {
        return new InstanceConfig(id, statusUri, new Credentials.None());
    }

    /** A fresh epoch on the state topic the task would use; every poll also builds its state records. */
    private static StateWriter stateWriter(String instance, Acks acks) {
        acks.start(instance, 0);
        return new StateWriter(
                instance, new StateRecords(new StateTopic("okast.ingest.lifecycle.okast-state", 12)), acks, 0, 0);
    }

    public static Tracked tracker(InstanceConfig instance, long pollIntervalMs) {
        Acks acks = new Acks();
        InstanceTracker tracker = new InstanceTracker(
                instance,
                InstanceState.empty(),
                stateWriter(instance.id(), acks),
                pipeline(EVENTS_TOPIC),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2)),
                pollIntervalMs,
                0);
        return new Tracked(tracker, acks);
    }

    /**
     * A tracker as a task holds it, and the acknowledgements of its records: a benchmark that never acknowledges
     * would measure a task whose writes never complete (every changed entry's base kept in flight).
     */
    public record Tracked(InstanceTracker tracker, Acks acks) {
        /** What Connect's {@code commitRecord} tells the task once the producer has written these records. */
        public void written(List<SourceRecord> records) {
            records.forEach(acks::acknowledged);
        }
    }
}
