package io.github.okastconnect.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.okastconnect.testkit.LifecycleRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Runs the real topology in a {@link TopologyTestDriver} whose wall clock starts at {@link #START}. */
final class LifecycleHarness implements AutoCloseable {

    static final long START = 1_700_000_000_000L;

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> input;
    private final TestOutputTopic<String, Summary> summaryTopic;
    private final TestOutputTopic<String, String> rawSummaryTopic;
    private final TestOutputTopic<String, StuckAlert> alertTopic;
    private final List<Summary> heardSummaries = new ArrayList<>();
    private final List<StuckAlert> heardAlerts = new ArrayList<>();
    private final AppSettings settings;

    LifecycleHarness(AppSettings settings) {
        this(settings, new Properties());
    }

    LifecycleHarness(AppSettings settings, Properties extraProperties) {
        this.settings = settings;
        Properties props = settings.streamsProperties();
        props.putAll(extraProperties);
        driver = new TopologyTestDriver(
                IngestLifecycleApp.buildTopology(settings, heardSummaries::add, heardAlerts::add),
                props,
                Instant.ofEpochMilli(START));
        input = driver.createInputTopic(settings.inputTopic(), new StringSerializer(), new StringSerializer());
        summaryTopic = driver.createOutputTopic(
                settings.summaryTopic(),
                new StringDeserializer(),
                JsonSerde.of(Summary.class).deserializer());
        rawSummaryTopic =
                driver.createOutputTopic(settings.summaryTopic(), new StringDeserializer(), new StringDeserializer());
        alertTopic = driver.createOutputTopic(
                settings.alertsTopic(),
                new StringDeserializer(),
                JsonSerde.of(StuckAlert.class).deserializer());
    }

    /** In-memory stores, 10 minute threshold, 30 second punctuation: the defaults minus local disk. */
    static AppSettings settings() {
        return AppSettings.defaults()
                .withBootstrapServers("unused:9092")
                .withApplicationId("lifecycle-test")
                .withStoreType(AppSettings.StoreType.IN_MEMORY);
    }

    void send(LifecycleRecord event) {
        input.pipeInput(event.key(), event.value());
    }

    void sendRaw(String key, String value) {
        input.pipeInput(key, value);
    }

    /** Moves the wall clock, which runs the stuck-entry punctuation once if it is due. */
    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** Summaries written since the previous call, in order. */
    List<KeyValue<String, Summary>> summaries() {
        return summaryTopic.readKeyValuesToList();
    }

    /** The last summary written since the previous read; fails if none was written. */
    Summary lastSummary() {
        List<KeyValue<String, Summary>> written = summaries();
        assertFalse(written.isEmpty(), "expected a summary");
        return written.get(written.size() - 1).value;
    }

    List<String> rawSummaries() {
        return rawSummaryTopic.readValuesToList();
    }

    List<KeyValue<String, StuckAlert>> alerts() {
        return alertTopic.readKeyValuesToList();
    }

    List<Summary> heardSummaries() {
        return heardSummaries;
    }

    List<StuckAlert> heardAlerts() {
        return heardAlerts;
    }

    TopologyTestDriver driver() {
        return driver;
    }

    AppSettings appSettings() {
        return settings;
    }

    static Properties stateDir(String dir) {
        Properties props = new Properties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir);
        return props;
    }

    @Override
    public void close() {
        driver.close();
    }
}
