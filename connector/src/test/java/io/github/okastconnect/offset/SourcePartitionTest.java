package io.github.okastconnect.offset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class SourcePartitionTest {
    private static final List<String> IDS = List.of("okast-001", "okast-002", "eu-west", "", "ümlaut id", "a");

    private static Map<String, Object> hashMap(String id, Object shard) {
        Map<String, Object> map = new HashMap<>();
        map.put(OffsetCodec.PARTITION_KEY, id);
        map.put(OffsetCodec.SHARD_KEY, shard);
        return map;
    }

    @Test
    void isEqualToAndHashesLikeTheHashMapItStandsFor() {
        for (String id : IDS) {
            for (int shard = 0; shard < OffsetCodec.SHARDS; shard++) {
                SourcePartition partition = new SourcePartition(id, shard);
                Map<String, Object> plain = hashMap(id, shard);
                assertEquals(plain, partition, id + "/" + shard);
                assertEquals(partition, plain, id + "/" + shard);
                assertEquals(plain.hashCode(), partition.hashCode(), id + "/" + shard);
                assertEquals(plain.toString(), partition.toString());
                assertEquals(new ArrayList<>(plain.entrySet()), new ArrayList<>(partition.entrySet()));
                assertEquals(new SourcePartition(id, shard), partition);
            }
        }
    }

    @Test
    void differsWhereTheHashMapWouldDiffer() {
        SourcePartition partition = new SourcePartition("okast-001", 3);
        assertNotEquals(new SourcePartition("okast-001", 4), partition);
        assertNotEquals(new SourcePartition("okast-002", 3), partition);
        assertNotEquals(hashMap("okast-001", 3L), partition); // a Long shard is another value, as in a HashMap
        assertNotEquals(partition, hashMap("okast-001", 3L));
        Map<String, Object> extra = hashMap("okast-001", 3);
        extra.put("x", 1);
        assertNotEquals(extra, partition);
        assertNotEquals(partition, extra);
    }

    @Test
    void readsLikeAMapAndCannotBeChanged() {
        SourcePartition partition = new SourcePartition("okast-001", 7);
        assertEquals("okast-001", partition.get(OffsetCodec.PARTITION_KEY));
        assertEquals(7, partition.get(OffsetCodec.SHARD_KEY));
        assertNull(partition.get("other"));
        assertTrue(partition.containsKey(OffsetCodec.SHARD_KEY));
        assertFalse(partition.containsKey("other"));
        assertEquals(2, partition.size());
        assertThrows(UnsupportedOperationException.class, () -> partition.put("x", 1));
        assertThrows(
                UnsupportedOperationException.class,
                () -> partition.entrySet().iterator().next().setValue(1));
        assertThrows(
                UnsupportedOperationException.class, () -> partition.entrySet().clear());
    }

    @Test
    void serialisesToTheSameStoredKeyAsAHashMap() {
        // The worker stores offsets under its internal converter's bytes for [connector name, partition].
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false", "converter.type", "key"));
            for (String id : IDS) {
                byte[] expected = converter.fromConnectData("offsets", null, Arrays.asList("okast", hashMap(id, 5)));
                byte[] actual =
                        converter.fromConnectData("offsets", null, Arrays.asList("okast", new SourcePartition(id, 5)));
                assertArrayEquals(expected, actual, id);
            }
        }
    }
}
