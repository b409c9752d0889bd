package io.github.okastconnect.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetCodecTest {

    @Test
    void keysAndStatesRoundTripWhateverTheyContain() {
        for (EntryKey key : List.of(
                new EntryKey("https://x/a.mp4", "2022-1018 14:20:00", 0),
                new EntryKey(null, null, 3),
                new EntryKey("", "", 0),
                new EntryKey("a:b#c~12:3", "17:~#", 1),
                new EntryKey("é\u0000\n", "t", 2))) {
            assertEquals(key, OffsetCodec.decodeKey(OffsetCodec.encodeKey(key)));
        }
        for (EntryState state : List.of(
                new EntryState("DONE", "2022-1018 14:20:02"),
                new EntryState(null, null),
                new EntryState("", "~"),
                new EntryState("4:x", "1:"))) {
            assertEquals(state, OffsetCodec.decodeState(OffsetCodec.encodeState(state)));
        }
    }

    @Test
    void exampleEncodingIsReadable() {
        assertEquals(
                "18:2022-1018 14:20:005:a.mp4#0",
                OffsetCodec.encodeKey(new EntryKey("a.mp4", "2022-1018 14:20:00", 0)));
        assertEquals("4:DONE~", OffsetCodec.encodeState(new EntryState("DONE", null)));
    }

    /** What Connect does with source offsets: keeps the latest offset per partition, as written. */
    /**
     * Connect finds a stored offset by the partition's serialised JSON, and the offsets REST API rebuilds partitions
     * from that JSON before looking their offsets up: both must serialise to the same bytes, in any JVM.
     */
    @Test
    void partitionsSerialiseLikeTheirJsonRoundTrip() {
        org.apache.kafka.connect.json.JsonConverter json = new org.apache.kafka.connect.json.JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), true);
        for (String instance : List.of("paris", "lyon", "a", "instance-with-a-long-name")) {
            for (int shard = 0; shard < OffsetCodec.SHARDS; shard++) {
                Map<String, Object> partition = OffsetCodec.partition(instance, shard);
                byte[] written = json.fromConnectData("okast", null, List.of("connector", partition));
                Object readBack = json.toConnectData("okast", written).value();
                assertEquals(
                        new String(written, java.nio.charset.StandardCharsets.UTF_8),
                        new String(
                                json.fromConnectData("okast", null, readBack),
                                java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void partitionsAreValidated() {
        assertEquals(7, OffsetCodec.shardOfPartition(Map.of("instance", "paris", "shard", 7L)));
        for (Map<String, ?> bad : List.of(
                Map.of("instance", "paris"),
                Map.of("instance", "paris", "shard", 32),
                Map.of("instance", "paris", "shard", -1),
                Map.of("instance", "paris", "shard", 1.5),
                Map.of("instance", 3, "shard", 1),
                Map.of("instance", "paris", "shard", "1"),
                Map.of("instance", "paris", "shard", 1, "x", 2))) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> OffsetCodec.shardOfPartition(bad), bad::toString);
            assertTrue(e.getMessage().contains("\"shard\": 0..31"), e.getMessage());
        }
    }

    @Test
    void anEntryStoredInAnotherShardIsRejected() {
        String key = OffsetCodec.encodeKey(new EntryKey("a.mp4", "t", 0));
        int shard = OffsetCodec.shardOf(key);
        assertEquals(
                1,
                OffsetCodec.decodeShard(Map.of("v", 2, key, "4:DONE~"), shard).size());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> OffsetCodec.decodeShard(Map.of("v", 2, key, "4:DONE~"), (shard + 1) % OffsetCodec.SHARDS));
        assertTrue(e.getMessage().contains("belongs to shard " + shard), e.getMessage());
    }

    @Test
    void nullOffsetIsTheEmptyState() {
        assertEquals(0, OffsetCodec.decodeShard(null, 0).size());
    }

    @Test
    void malformedOffsetsAreRejectedWithTheFieldNamed() {
        IllegalArgumentException noVersion =
                assertThrows(IllegalArgumentException.class, () -> OffsetCodec.decodeShard(Map.of("x", "y"), 0));
        assertTrue(noVersion.getMessage().contains("'v'"));
        IllegalArgumentException badKey = assertThrows(
                IllegalArgumentException.class,
                () -> OffsetCodec.decodeShard(Map.of("v", 2, "garbage", "4:DONE~"), OffsetCodec.shardOf("garbage")));
        assertTrue(badKey.getMessage().contains("'garbage'"), badKey.getMessage());
        int shard = OffsetCodec.shardOf("1:a1:b#0");
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> OffsetCodec.decodeShard(Map.of("v", 2, "1:a1:b#0", 5), shard))
                .getMessage()
                .contains("must be a string"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> OffsetCodec.decodeShard(Map.of("v", 2, "1:a1:b#0", "99:DONE"), shard))
                .getMessage()
                .contains("malformed"));
        assertThrows(
                IllegalArgumentException.class,
                () -> OffsetCodec.decodeShard(Map.of("v", 2, "1:a1:b#-1", "~~"), OffsetCodec.shardOf("1:a1:b#-1")));
    }
}
