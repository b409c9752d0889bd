package io.github.okastconnect.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

    @Test
    void recordsRoundTripExactlyWhateverTheStringsLookLike() {
        List<String> times = List.of(
                "2022-1018 14:20:00",
                "2022-10-18 14:20:00",
                "2022-1018 14:20",
                "2022-1318 99:99:99",
                "2022-10-18T14:20:00Z",
                "",
                "  2022-1018 14:20:00",
                "２０２２-1018 14:20:00",
                "2022-1018 14:20:0x");
        List<String> texts = List.of(
                "https://my_storage_system/sample_9-16_blurred_background.mp4",
                "",
                "é✓\u0000",
                "DONE",
                "lone \ud800 high",
                "lone \udc00 low",
                "pair \ud83d\ude00 ok",
                "\ud800");
        for (String time : times) {
            for (String text : texts) {
                for (int occurrence : new int[] {0, 1, 127, 128, 300_000}) {
                    EntryKey key = new EntryKey(text, time, occurrence);
                    EntryState state = new EntryState(text, time);
                    byte[] record = EntryCodec.record(EntryCodec.encodeKey(key), EntryCodec.encodeState(state));
                    assertEquals(key, EntryCodec.decodeKey(record));
                    assertEquals(EntryCodec.encodeKey(key).length, EntryCodec.keyLength(record));
                    assertEquals(state, EntryCodec.decodeState(record, EntryCodec.keyLength(record)));
                }
            }
        }
        EntryKey nulls = new EntryKey(null, null, 0);
        byte[] record =
                EntryCodec.record(EntryCodec.encodeKey(nulls), EntryCodec.encodeState(new EntryState(null, null)));
        assertEquals(nulls, EntryCodec.decodeKey(record));
        assertEquals(new EntryState(null, null), EntryCodec.decodeState(record, EntryCodec.keyLength(record)));
    }

    @Test
    void okastTimestampsArePackedSmall() {
        assertEquals(8, EntryCodec.encodeState(new EntryState(null, "2022-1018 14:20:02")).length - 1);
        assertTrue(EntryCodec.encodeKey(new EntryKey("a.mp4", "2022-1018 14:20:00", 0)).length <= 16);
    }

    @Test
    void stateHoldsManyEntriesAndFindsEachExactly() {
        Map<EntryKey, EntryState> entries = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            entries.put(
                    new EntryKey(
                            "f" + (i % 700) + ".mp4",
                            "2026-1128 10:" + (i % 60 < 10 ? "0" : "") + (i % 60) + ":00",
                            i / 4200),
                    new EntryState(i % 3 == 0 ? "DONE" : "PENDING", "u" + i));
        }
        InstanceState state = InstanceState.of(entries);
        assertEquals(entries.size(), state.size());
        entries.forEach((k, v) -> assertEquals(v, state.get(k)));
        assertEquals(null, state.get(new EntryKey("missing.mp4", "2026-1128 10:00:00", 0)));
        Map<EntryKey, EntryState> back = new HashMap<>();
        state.forEach(back::put);
        assertEquals(entries, back);
    }
}
