package io.github.okastconnect.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSettingsParserTest {

    @Test
    void defaultsMatchTheDocumentedTopicsAndThreshold() {
        AppSettings settings = AppSettingsParser.parse(new String[0], Map.of());
        assertEquals("localhost:9092", settings.bootstrapServers());
        assertEquals("okast-ingest-lifecycle", settings.applicationId());
        assertEquals("okast.ingest.lifecycle", settings.inputTopic());
        assertEquals("okast.ingest.summary", settings.summaryTopic());
        assertEquals("okast.ingest.alerts", settings.alertsTopic());
        assertEquals(Duration.ofMinutes(10), settings.stuckThreshold());
        assertEquals(Duration.ofSeconds(30), settings.punctuationInterval());
        assertEquals(1000, settings.completionWindowSize());
        assertEquals(AppSettings.StoreType.PERSISTENT, settings.storeType());
    }

    @Test
    void argumentsOverrideEnvironment() {
        Map<String, String> env = Map.of(
                "OKAST_BOOTSTRAP_SERVERS", "env:9092",
                "OKAST_INPUT_TOPIC", "env.lifecycle",
                "OKAST_STUCK_THRESHOLD", "5m",
                "OKAST_STORE", "in-memory");
        AppSettings settings = AppSettingsParser.parse(
                new String[] {"--bootstrap-servers", "arg:9092", "--stuck-threshold=90s", "--application-id", "demo"},
                env);

        assertEquals("arg:9092", settings.bootstrapServers());
        assertEquals("env.lifecycle", settings.inputTopic());
        assertEquals("demo", settings.applicationId());
        assertEquals(Duration.ofSeconds(90), settings.stuckThreshold());
        assertEquals(AppSettings.StoreType.IN_MEMORY, settings.storeType());
        assertEquals("arg:9092", settings.streamsProperties().get("bootstrap.servers"));
        assertEquals("demo", settings.streamsProperties().get("application.id"));
    }

    @Test
    void durationsAcceptShortFormsAndIso() {
        assertEquals(Duration.ofMillis(1500), Durations.parse("1500ms"));
        assertEquals(Duration.ofMillis(600000), Durations.parse("600000"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("PT10M"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("ten minutes"));
    }

    @Test
    void invalidInputIsRejectedWithAMessage() {
        assertEquals(
                "Unknown option: --nope",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AppSettingsParser.parse(new String[] {"--nope", "x"}, Map.of()))
                        .getMessage());
        assertEquals(
                "Missing value for --input-topic",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AppSettingsParser.parse(new String[] {"--input-topic"}, Map.of()))
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> AppSettingsParser.parse(new String[] {"--stuck-threshold", "0s"}, Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> AppSettingsParser.parse(new String[] {"--completion-window", "0"}, Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> AppSettingsParser.parse(new String[] {"--store", "disk"}, Map.of()));
    }

    @Test
    void usageListsEveryOptionWithItsDefault() {
        String usage = AppSettingsParser.usage();
        assertTrue(usage.contains("--stuck-threshold"), usage);
        assertTrue(usage.contains("OKAST_STUCK_THRESHOLD"), usage);
        assertTrue(usage.contains("default 10m)"), usage);
        assertTrue(usage.contains("default okast.ingest.lifecycle)"), usage);
    }
}
