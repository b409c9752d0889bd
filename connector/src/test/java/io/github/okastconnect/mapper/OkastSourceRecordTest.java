package io.github.okastconnect.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

/** Records keep SourceRecord's equality; their hash code agrees with it and still tells records apart by key. */
class OkastSourceRecordTest {
    private static final Schema KEY = SchemaBuilder.struct()
            .field("instance", Schema.STRING_SCHEMA)
            .field("filePath", Schema.STRING_SCHEMA)
            .build();
    private static final Schema VALUE =
            SchemaBuilder.struct().field("status", Schema.STRING_SCHEMA).build();

    private static OkastSourceRecord record(String filePath, String status, String offset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("okast.status." + status, status);
        return new OkastSourceRecord(
                Map.of("instance", "paris"),
                Map.of("m", offset),
                "events",
                null,
                KEY,
                new Struct(KEY).put("instance", "paris").put("filePath", filePath),
                VALUE,
                new Struct(VALUE).put("status", status),
                1L,
                headers);
    }

    @Test
    void equalRecordsAreEqualWithEqualHashCodes() {
        OkastSourceRecord a = record("/a.mp4", "DONE", "1:1");
        OkastSourceRecord b = record("/a.mp4", "DONE", "1:1");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.hashCode(), a.hashCode(), "stable once computed");
    }

    @Test
    void equalityStillComparesEveryField() {
        OkastSourceRecord done = record("/a.mp4", "DONE", "1:1");
        assertNotEquals(done, record("/a.mp4", "ERRORED", "1:1"), "value");
        assertNotEquals(done, record("/a.mp4", "DONE", "1:2"), "source offset");
        assertNotEquals(done, record("/b.mp4", "DONE", "1:1"), "key");
        // Same key: the same bucket, told apart by equals.
        Set<OkastSourceRecord> set = new HashSet<>();
        set.add(done);
        set.add(record("/a.mp4", "ERRORED", "1:1"));
        assertEquals(2, set.size());
    }

    @Test
    void recordsOfDifferentKeysSpreadOverHashCodes() {
        Set<Integer> hashes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            hashes.add(record("/media/" + i + ".mp4", "DONE", "1:1").hashCode());
        }
        assertTrue(hashes.size() > 990, "distinct hash codes for 1,000 keys: " + hashes.size());
    }

    @Test
    void aStringKeyIsHashedByItsText() {
        OkastSourceRecord a = new OkastSourceRecord(
                Map.of(), Map.of(), "state", 0, Schema.STRING_SCHEMA, "paris/k1", null, null, 1L, new ConnectHeaders());
        OkastSourceRecord b = new OkastSourceRecord(
                Map.of(), Map.of(), "state", 0, Schema.STRING_SCHEMA, "paris/k1", null, null, 1L, new ConnectHeaders());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }
}
