package io.github.okastconnect.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.state.HeaderText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateReplayTest {
    private static final EntryKey A = new EntryKey("a.mp4", "2026-1128 10:00:00", 0);
    private static final EntryKey B = new EntryKey("b.mp4", "2026-1128 10:00:01", 0);
    private static final EntryKey D = new EntryKey("d.mp4", "2026-1128 10:00:03", 0);

    private static WrittenEvent event(EntryKey key, String status, boolean removed) {
        return new WrittenEvent(
                "paris", OffsetCodec.encodeKey(key), OffsetCodec.encodeState(new EntryState(status, "u")), removed);
    }

    @Test
    void theLastWrittenEventOfEachEntryWinsAndRemovalsRelease() {
        Map<EntryKey, EntryState> stored = Map.of(A, new EntryState("PENDING", "u"), B, new EntryState("PENDING", "u"));
        StateReplay.Replayed replayed = StateReplay.replay(
                stored,
                List.of(
                        event(A, "PENDING", false), // older than or equal to the stored state: replayed, then overtaken
                        event(A, "PROCESSING", false),
                        event(A, "DONE", false),
                        event(B, "PENDING", true),
                        event(D, "PENDING", false))); // seen after the committed offsets: known again
        assertEquals(Map.of(A, new EntryState("DONE", "u"), D, new EntryState("PENDING", "u")), replayed.entries());
        assertEquals(3, replayed.changed(), "A changed, B removed, D added");
        assertEquals(0, replayed.skipped());
    }

    @Test
    void eventsNotInTheConnectorsEncodingAreSkippedAndChangeNothing() {
        Map<EntryKey, EntryState> stored = Map.of(A, new EntryState("PENDING", "u"));
        StateReplay.Replayed replayed = StateReplay.replay(
                stored,
                List.of(
                        new WrittenEvent("paris", "garbage", "4:DONE~", false),
                        new WrittenEvent("paris", OffsetCodec.encodeKey(A), "99:x", false)));
        assertEquals(stored, replayed.entries());
        assertEquals(0, replayed.changed());
        assertEquals(2, replayed.skipped());
    }

    @Test
    void headersAreReadWhateverConverterWroteThem() {
        String key = OffsetCodec.encodeKey(A);
        assertEquals(key, HeaderText.decode(key.getBytes(StandardCharsets.UTF_8)), "SimpleHeaderConverter");
        assertEquals(key, HeaderText.decode(("\"" + key + "\"").getBytes(StandardCharsets.UTF_8)), "JSON string");
        assertEquals(
                key,
                HeaderText.decode(("{\"schema\":{\"type\":\"string\"},\"payload\":\"" + key + "\"}")
                        .getBytes(StandardCharsets.UTF_8)),
                "JsonConverter envelope");
        assertNull(HeaderText.decode(null));
        assertNull(HeaderText.decode(new byte[0]));
        assertNull(HeaderText.decode("{\"payload\":3}".getBytes(StandardCharsets.UTF_8)));
        assertNull(HeaderText.decode("{not json".getBytes(StandardCharsets.UTF_8)));
    }
}
