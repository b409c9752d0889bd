package io.github.okastconnect.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** The hand-written reader accepts exactly what this pattern accepts, and reads the same fields. */
    @Test
    void theOkastFormatIsReadExactlyAsItsGrammarSays() {
        java.util.regex.Pattern grammar =
                java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})-?(\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?");
        java.util.Random random = new java.util.Random(7);
        String[] valid = {"2022-1018 14:20:00", "2022-10-18 14:20:00", "2022-10-18T14:20", "1999-0101T00:00:59"};
        String alphabet = "0123456789-: Tx\u0663.+Z";
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            // A valid form with up to two characters replaced, removed or inserted: valid and nearly valid text.
            StringBuilder text = new StringBuilder(valid[random.nextInt(valid.length)]);
            for (int edits = random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, c);
                    case 1 -> text.deleteCharAt(at);
                    default -> text.insert(at, c);
                }
            }
            String candidate = text.toString();
            java.util.regex.Matcher m = grammar.matcher(candidate);
            int[] fields = TimestampParser.okastFields(candidate);
            if (m.matches()) {
                accepted++;
                assertEquals(
                        java.util.List.of(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3)),
                                Integer.parseInt(m.group(4)),
                                Integer.parseInt(m.group(5)),
                                m.group(6) == null ? 0 : Integer.parseInt(m.group(6))),
                        java.util.Arrays.stream(fields).boxed().toList(),
                        candidate);
            } else {
                assertNull(fields, candidate);
            }
        }
        assertTrue(accepted > 100, "candidates the grammar accepts: " + accepted);
    }
}
