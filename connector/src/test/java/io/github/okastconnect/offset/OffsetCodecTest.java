package io.github.okastconnect.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.okastconnect.detect.Change;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryKeys;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.parser.IngestEntry;

class OffsetCodecTest {

    @Test
    void keysAndStatesRoundTripWhateverTheyContain() {
        for (EntryKey key : List.of(new EntryKey("https://x/a.mp4", "2022-1018 14:20:00", 0),
                new EntryKey(null, null, 3), new EntryKey("", "", 0),
                new EntryKey("a:b#c~12:3", "17:~#", 1), new EntryKey("é\u0000\n", "t", 2))) {
            assertEquals(key, OffsetCodec.decodeKey(OffsetCodec.encodeKey(key)));
        }
        for (EntryState state : List.of(new EntryState("DONE", "2022-1018 14:20:02"), new EntryState(null, null),
                new EntryState("", "~"), new EntryState("4:x", "1:"))) {
            assertEquals(state, OffsetCodec.decodeState(OffsetCodec.encodeState(state)));
        }
    }

    @Test
    void exampleEncodingIsReadable() {
        assertEquals("18:2022-1018 14:20:005:a.mp4#0",
                OffsetCodec.encodeKey(new EntryKey("a.mp4", "2022-1018 14:20:00", 0)));
        assertEquals("4:DONE~", OffsetCodec.encodeState(new EntryState("DONE", null)));
    }

    @Test
    void eachRecordOffsetHoldsExactlyTheChangesUpToIt() {
        ChangeDetector detector = new ChangeDetector();
        InstanceState before = detector.detect(InstanceState.empty(), EntryKeys.assign(List.of(
                new IngestEntry("t1", "u1", "PENDING", null, Map.of("filePath", "a")),
                new IngestEntry("t1", "u1", "PENDING", null, Map.of("filePath", "b"))))).next();
        ChangeDetector.Detection d = detector.detect(before, EntryKeys.assign(List.of(
                new IngestEntry("t1", "u2", "DONE", null, Map.of("filePath", "a")),
                new IngestEntry("t2", "u2", "PENDING", null, Map.of("filePath", "c")))));
        List<Change> changes = d.changes();
        assertEquals(3, changes.size()); // b removed, a changed, c new

        InstanceState afterFirst = OffsetCodec.decode(new HashMap<>(new OffsetView(before, changes, 1)));
        assertEquals(new EntryState("PENDING", "u1"), afterFirst.get(new EntryKey("a", "t1", 0)));
        assertEquals(null, afterFirst.get(new EntryKey("b", "t1", 0)));
        assertEquals(1, afterFirst.size());
        InstanceState afterSecond = OffsetCodec.decode(new HashMap<>(new OffsetView(before, changes, 2)));
        assertEquals(new EntryState("DONE", "u2"), afterSecond.get(new EntryKey("a", "t1", 0)));
        assertEquals(1, afterSecond.size());

        InstanceState afterAll = OffsetCodec.decode(new HashMap<>(new OffsetView(before, changes, 3)));
        assertEquals(2, afterAll.size());
        assertEquals(new EntryState("PENDING", "u2"), afterAll.get(new EntryKey("c", "t2", 0)));
        assertEquals(d.next().get(new EntryKey("a", "t1", 0)), afterAll.get(new EntryKey("a", "t1", 0)));
        assertTrue(new OffsetView(before, changes, 3).toString().length() < 100);
    }

    @Test
    void nullOffsetIsTheEmptyState() {
        assertEquals(0, OffsetCodec.decode(null).size());
    }

    @Test
    void malformedOffsetsAreRejectedWithTheFieldNamed() {
        IllegalArgumentException noVersion = assertThrows(IllegalArgumentException.class,
                () -> OffsetCodec.decode(Map.of("x", "y")));
        assertTrue(noVersion.getMessage().contains("'v'"));
        IllegalArgumentException badKey = assertThrows(IllegalArgumentException.class,
                () -> OffsetCodec.decode(Map.of("v", 1, "garbage", "4:DONE~")));
        assertTrue(badKey.getMessage().contains("'garbage'"), badKey.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> OffsetCodec.decode(Map.of("v", 1, "1:a1:b#0", 5)));
        assertThrows(IllegalArgumentException.class,
                () -> OffsetCodec.decode(Map.of("v", 1, "1:a1:b#0", "99:DONE")));
        assertThrows(IllegalArgumentException.class,
                () -> OffsetCodec.decode(Map.of("v", 1, "1:a1:b#-1", "~~")));
    }
}
