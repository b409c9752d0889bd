package io.github.okastconnect.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {
    private final TimestampParser utc = new TimestampParser(ZoneId.of("UTC"));
    private final TimestampParser paris = new TimestampParser(ZoneId.of("Europe/Paris"));

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void readsOkastsCompactDateInTheConfiguredZone() {
        assertEquals(at("2022-10-18T14:20:00Z"), utc.toEpochMillis("2022-1018 14:20:00"));
        // Paris is UTC+2 in October (summer time).
        assertEquals(at("2022-10-18T12:20:00Z"), paris.toEpochMillis("2022-1018 14:20:00"));
        // ...and UTC+1 in January.
        assertEquals(at("2023-01-05T08:00:00Z"), paris.toEpochMillis("2023-0105 09:00:00"));
    }

    @Test
    void readsDashedAndIsoForms() {
        assertEquals(at("2022-10-18T14:20:00Z"), utc.toEpochMillis("2022-10-18 14:20:00"));
        assertEquals(at("2022-10-18T14:20:00Z"), utc.toEpochMillis("2022-10-18T14:20:00"));
        assertEquals(at("2022-10-18T14:20:00Z"), utc.toEpochMillis("2022-10-18 14:20"));
        assertEquals(at("2022-10-18T12:20:00.250Z"), paris.toEpochMillis("2022-10-18T14:20:00.250"));
        // An explicit offset wins over the configured zone.
        assertEquals(at("2022-10-18T12:20:00Z"), utc.toEpochMillis("2022-10-18T14:20:00+02:00"));
        assertEquals(at("2022-10-18T14:20:00Z"), paris.toEpochMillis("2022-10-18T14:20:00Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "yesterday",
                "2022-1318 14:20:00",
                "2022-1032 14:20:00",
                "2022-1018 25:00:00",
                "2022-10-18",
                "18/10/2022 14:20",
                "1666102800"
            })
    void returnsNullForAnythingElse(String raw) {
        assertNull(utc.toEpochMillis(raw));
    }

    @Test
    void returnsNullForNull() {
        assertNull(utc.toEpochMillis(null));
    }
}
