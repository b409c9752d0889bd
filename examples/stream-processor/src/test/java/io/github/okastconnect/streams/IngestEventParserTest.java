package io.github.okastconnect.streams;

import static io.github.okastconnect.testkit.LifecycleRecord.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.okastconnect.testkit.LifecycleRecord;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestEventParserTest {

    private final IngestEventParser parser = new IngestEventParser();

    @Test
    void readsThePlainConnectorValue() {
        LifecycleRecord event = entry("paris", "https://cdn/a.mp4")
                .changedTo("DONE")
                .tookMs(2_000)
                .observedAt(42);
        assertEquals(
                Optional.of(new IngestEvent(
                        "STATUS_CHANGED",
                        "paris",
                        "https://cdn/a.mp4",
                        "2022-1018 14:20:00",
                        0,
                        "DONE",
                        null,
                        1_666_102_800_000L,
                        1_666_102_802_000L,
                        42L)),
                parser.parse(event.key(), event.value()));
    }

    @Test
    void unwrapsSchemasEnabledEnvelopes() {
        LifecycleRecord event =
                entry("paris", "https://cdn/a.mp4").status("PENDING").observedAt(42);
        assertEquals(
                parser.parse(event.key(), event.value()), parser.parse(event.envelopedKey(), event.envelopedValue()));
    }

    @Test
    void tombstonesInEitherLayoutYieldNothing() {
        assertEquals(Optional.empty(), parser.parse("{\"instance\":\"paris\"}", null));
        assertEquals(Optional.empty(), parser.parse("{\"instance\":\"paris\"}", "null"));
        assertEquals(Optional.empty(), parser.parse("{\"instance\":\"paris\"}", "{\"schema\":null,\"payload\":null}"));
    }

    @Test
    void takesTheInstanceFromTheKeyWhenTheValueLacksIt() {
        String key = "{\"schema\":{},\"payload\":{\"instance\":\"lyon\",\"filePath\":null,\"requestTime\":\"t\"}}";
        assertEquals(
                "lyon",
                parser.parse(key, "{\"status\":\"PENDING\"}").orElseThrow().instance());
        assertEquals(Optional.empty(), parser.parse("not json", "{\"status\":\"PENDING\"}"));
    }

    @Test
    void derivedFieldsGuardAgainstMissingOrInconsistentTimes() {
        IngestEvent negative = new IngestEvent("NEW", "paris", null, "t", 0, "DONE", null, 2_000L, 1_000L, null);
        IngestEvent missing = new IngestEvent("NEW", "paris", null, "t", 0, " ", null, null, 1_000L, null);
        assertEquals(null, negative.requestToDoneMs());
        assertEquals(null, missing.requestToDoneMs());
        assertEquals("UNKNOWN", missing.effectiveStatus());
        assertEquals("DONE", negative.effectiveStatus());
    }
}
