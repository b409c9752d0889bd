package io.github.okastconnect.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.Change;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryKeys;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestEntry;
import io.github.okastconnect.parser.TimestampParser;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
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
    private static final class ConnectOffsetStore {
        final Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();

        void written(List<SourceRecord> records) {
            for (SourceRecord record : records) {
                @SuppressWarnings("unchecked")
                Map<String, Object> partition = (Map<String, Object>) record.sourcePartition();
                stored.put(partition, new HashMap<>(record.sourceOffset()));
            }
        }

        InstanceState restore(String instance) {
            return OffsetCodec.restore(instance, stored::get).state();
        }
    }

    private static final RecordMapper MAPPER =
            new RecordMapper("t", new TimestampParser(ZoneOffset.UTC), RemovalMode.EVENT);

    private static List<SourceRecord> records(InstanceState before, List<Change> changes) {
        List<SourceRecord> out = new ArrayList<>();
        MAPPER.map("paris", before, changes, 1L, out);
        return out;
    }

    @Test
    void eachRecordOffsetHoldsExactlyTheChangesUpToIt() {
        ChangeDetector detector = new ChangeDetector();
        List<Change> firstPoll = detector.detect(
                        InstanceState.empty(),
                        EntryKeys.assign(List.of(
                                new IngestEntry("t1", "u1", "PENDING", null, Map.of("filePath", "a")),
                                new IngestEntry("t1", "u1", "PENDING", null, Map.of("filePath", "b")))))
                .changes();
        InstanceState before = InstanceState.empty().apply(firstPoll);
        ChangeDetector.Detection d = detector.detect(
                before,
                EntryKeys.assign(List.of(
                        new IngestEntry("t1", "u2", "DONE", null, Map.of("filePath", "a")),
                        new IngestEntry("t2", "u2", "PENDING", null, Map.of("filePath", "c")))));
        List<Change> changes = d.changes();
        assertEquals(3, changes.size()); // b removed, a changed, c new
        List<SourceRecord> second = records(before, changes);

        // A crash after the first i records of the second poll were written restores exactly those changes.
        ConnectOffsetStore store = new ConnectOffsetStore();
        store.written(records(InstanceState.empty(), firstPoll));
        assertEquals(2, store.restore("paris").size());
        store.written(second.subList(0, 1));
        InstanceState afterFirst = store.restore("paris");
        assertEquals(new EntryState("PENDING", "u1"), afterFirst.get(new EntryKey("a", "t1", 0)));
        assertEquals(null, afterFirst.get(new EntryKey("b", "t1", 0)));
        assertEquals(1, afterFirst.size());
        store.written(second.subList(1, 2));
        InstanceState afterSecond = store.restore("paris");
        assertEquals(new EntryState("DONE", "u2"), afterSecond.get(new EntryKey("a", "t1", 0)));
        assertEquals(1, afterSecond.size());
        store.written(second.subList(2, 3));
        InstanceState afterAll = store.restore("paris");
        assertEquals(2, afterAll.size());
        assertEquals(new EntryState("PENDING", "u2"), afterAll.get(new EntryKey("c", "t2", 0)));
        assertEquals(d.next().get(new EntryKey("a", "t1", 0)), afterAll.get(new EntryKey("a", "t1", 0)));
        assertTrue(second.get(2).sourceOffset().toString().length() < 150);
    }

    @Test
    void eachShardHoldsOnlyItsOwnEntriesAndTheyAddUpToTheWholeState() {
        List<IngestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            entries.add(new IngestEntry(
                    "2026-1128 10:00:00",
                    "2026-1128 10:00:0" + (i % 10),
                    "DONE",
                    null,
                    Map.of("filePath", "https://storage.example.com/media/" + i + ".mp4")));
        }
        ChangeDetector.Detection d = new ChangeDetector().detect(InstanceState.empty(), EntryKeys.assign(entries));
        ConnectOffsetStore store = new ConnectOffsetStore();
        store.written(records(InstanceState.empty(), d.changes()));

        assertEquals(OffsetCodec.SHARDS, store.stored.size(), "5,000 entries use every shard");
        int largest = 0;
        for (Map.Entry<Map<String, Object>, Map<String, Object>> e : store.stored.entrySet()) {
            int shard = OffsetCodec.shardOfPartition(e.getKey());
            int inShard = OffsetCodec.decodeShard(e.getValue(), shard).size();
            assertEquals(e.getValue().size() - 2, inShard, "every field but the version and time is an entry");
            largest = Math.max(largest, inShard);
        }
        assertTrue(largest < 5_000 / OffsetCodec.SHARDS * 2, "shards are balanced: largest " + largest);
        InstanceState restored = store.restore("paris");
        assertEquals(5_000, restored.size());
        d.next().forEach((key, state) -> assertEquals(state, restored.get(key)));
    }

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
