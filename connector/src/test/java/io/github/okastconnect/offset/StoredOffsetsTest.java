package io.github.okastconnect.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredOffsetsTest {
    private final Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();

    private StoredOffsets read() {
        return StoredOffsets.read("paris", stored::get);
    }

    @Test
    void nothingStoredIsEmpty() {
        assertInstanceOf(StoredOffsets.Empty.class, read());
    }

    @Test
    void aMarkerWinsOverShardsLeftBehind() {
        stored.put(Marker.partition("paris"), new Marker(2, 7, 9).toOffset());
        stored.put(OffsetCodec.partition("paris", 3), Map.of("v", 2));
        StoredOffsets.Current current = assertInstanceOf(StoredOffsets.Current.class, read());
        assertEquals(new Marker(2, 7, 9), current.marker());
        assertTrue(current.legacyShardsLeft());
    }

    @Test
    void formatTwoShardsAreLegacy() {
        stored.put(OffsetCodec.partition("paris", 0), Map.of("v", 2, "t", 5L));
        assertInstanceOf(StoredOffsets.Legacy.class, read());
    }

    /** An offset the connector cannot read is never taken for an empty state. */
    @Test
    void anUnreadableOffsetSaysWhy() {
        Map<String, Object> v1 = new HashMap<>();
        v1.put("v", 1);
        v1.put("18:2022-1018 14:20:005:a.mp4#0", "4:DONE~");
        stored.put(Marker.partition("paris"), v1);
        StoredOffsets.Unreadable bad = assertInstanceOf(StoredOffsets.Unreadable.class, read());
        assertTrue(bad.reason().contains("'v' must be 3"), bad.reason());
        stored.clear();
        stored.put(OffsetCodec.partition("paris", 0), Map.of("v", 2, "x", 3));
        assertInstanceOf(StoredOffsets.Unreadable.class, read());
    }
}
