package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.ChangeType;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.parser.TimestampParser;
import io.github.okastconnect.state.StateEntry;
import io.github.okastconnect.state.StateRecords;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * emit.change.types: a change of a type not listed gets no record but its state record all the same, so the state
 * moves on and a tracker restored from the state records emits nothing for it later.
 */
class EmitChangeTypesTest {
    private static final String REQUEST_TIME = "2026-1128 10:00:00";

    private static InstanceTracker tracker(InstanceState initial, Set<ChangeType> emitted, RemovalMode removal) {
        return new InstanceTracker(
                new InstanceConfig("paris", URI.create("http://127.0.0.1:1/s"), new Credentials.None()),
                initial,
                TestStateWriters.writer("paris"),
                TestPipelines.with(new RecordMapper("t", new TimestampParser(ZoneOffset.UTC), removal, false, emitted)),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(100)),
                1_000,
                0);
    }

    /** path -> "STATUS@seconds": entries with that status and lastStatusUpdate 10:00:<seconds>. */
    private static List<SourceRecord> answer(InstanceTracker tracker, Map<String, String> queue) {
        List<String> entries = new ArrayList<>();
        queue.forEach((path, state) -> {
            String[] s = state.split("@");
            entries.add("{\"request\":{\"filePath\":\"" + path + "\"},\"requestTime\":\"" + REQUEST_TIME
                    + "\",\"lastStatusUpdate\":\"2026-1128 10:00:" + s[1] + "\",\"status\":\"" + s[0] + "\"}");
        });
        List<SourceRecord> out = new ArrayList<>();
        byte[] body = ("[" + String.join(",", entries) + "]").getBytes(StandardCharsets.UTF_8);
        tracker.onResult(new FetchResult.Success(body, 1, 1_000_000), 1, out);
        return out;
    }

    private static List<String> events(List<SourceRecord> records) {
        return records.stream()
                .filter(r -> !StateRecordsFilter.isStateRecord(r))
                .map(r -> r.value() == null
                        ? "tombstone " + ((Struct) r.key()).getString("filePath")
                        : ((Struct) r.value()).getString("changeType") + " "
                                + ((Struct) r.value()).getString("filePath") + " "
                                + ((Struct) r.value()).getString("previousStatus") + "->"
                                + ((Struct) r.value()).getString("status"))
                .toList();
    }

    /** What a restart would restore: the last state record of each entry, tombstones removing it. */
    private static InstanceState restored(List<SourceRecord> written) {
        Map<EntryKey, EntryState> entries = new HashMap<>();
        for (SourceRecord r : written) {
            if (!StateRecordsFilter.isStateRecord(r)) {
                continue;
            }
            RecordHeaders headers = new RecordHeaders();
            r.headers().forEach(h -> headers.add(h.key(), h.value().toString().getBytes(StandardCharsets.UTF_8)));
            StateEntry e = StateRecords.decode(headers).orElseThrow();
            EntryKey key = OffsetCodec.decodeKey(e.encodedKey());
            if (e.encodedState() == null) {
                entries.remove(key);
            } else {
                entries.put(key, OffsetCodec.decodeState(e.encodedState()));
            }
        }
        return InstanceState.of(entries);
    }

    @Test
    void onlyStatusChangesAreEmittedAndEveryChangeIsStored() {
        InstanceTracker tracker =
                tracker(InstanceState.empty(), EnumSet.of(ChangeType.STATUS_CHANGED), RemovalMode.EVENT_AND_TOMBSTONE);
        List<SourceRecord> written = new ArrayList<>();
        Map<String, String> queue = new LinkedHashMap<>();
        queue.put("a.mp4", "ERRORED@01");
        queue.put("b.mp4", "DONE@01");

        List<SourceRecord> first = answer(tracker, queue);
        written.addAll(first);
        assertEquals(List.of(), events(first), "NEW is not emitted");
        assertEquals(2, first.size(), "but both entries get a state record");

        queue.put("a.mp4", "PENDING@02"); // STATUS_CHANGED, compared with the unemitted NEW's state
        queue.put("b.mp4", "DONE@02"); // UPDATED: not emitted
        List<SourceRecord> second = answer(tracker, queue);
        written.addAll(second);
        assertEquals(List.of("STATUS_CHANGED a.mp4 ERRORED->PENDING"), events(second));
        assertEquals(3, second.size(), "the event and two state records");

        queue.remove("b.mp4"); // REMOVED: neither the event nor its tombstone, but the state tombstone
        List<SourceRecord> third = answer(tracker, queue);
        written.addAll(third);
        assertEquals(List.of(), events(third));
        assertEquals(1, third.size(), "the state tombstone");
        assertEquals(null, third.get(0).value());

        assertEquals(1, tracker.stats().events(ChangeType.STATUS_CHANGED));
        for (ChangeType other : List.of(ChangeType.NEW, ChangeType.UPDATED, ChangeType.REMOVED)) {
            assertEquals(0, tracker.stats().events(other), "events-total counts emitted events only: " + other);
        }

        // A restart restores what the state records say: the same queue again emits nothing.
        InstanceTracker restarted =
                tracker(restored(written), EnumSet.of(ChangeType.STATUS_CHANGED), RemovalMode.EVENT_AND_TOMBSTONE);
        assertEquals(List.of(), answer(restarted, queue), "nothing re-emitted, nothing to store");
        queue.put("a.mp4", "ERRORED@03");
        assertEquals(List.of("STATUS_CHANGED a.mp4 PENDING->ERRORED"), events(answer(restarted, queue)));
    }

    @Test
    void firstSightsAndStatusChanges() {
        InstanceTracker tracker = tracker(
                InstanceState.empty(),
                EnumSet.of(ChangeType.NEW, ChangeType.STATUS_CHANGED),
                RemovalMode.EVENT_AND_TOMBSTONE);
        Map<String, String> queue = new LinkedHashMap<>();
        queue.put("a.mp4", "PENDING@01");
        assertEquals(List.of("NEW a.mp4 null->PENDING"), events(answer(tracker, queue)));
        queue.put("a.mp4", "PENDING@02");
        assertEquals(List.of(), events(answer(tracker, queue)), "UPDATED dropped");
        queue.put("a.mp4", "DONE@03");
        assertEquals(List.of("STATUS_CHANGED a.mp4 PENDING->DONE"), events(answer(tracker, queue)));
        queue.clear();
        List<SourceRecord> removal = answer(tracker, queue);
        assertEquals(List.of(), events(removal), "REMOVED dropped");
        assertEquals(1, removal.size(), "its state tombstone is written");
    }

    @Test
    void theDefaultEmitsEveryType() {
        InstanceTracker tracker =
                tracker(InstanceState.empty(), EnumSet.allOf(ChangeType.class), RemovalMode.EVENT_AND_TOMBSTONE);
        Map<String, String> queue = new LinkedHashMap<>();
        queue.put("a.mp4", "PENDING@01");
        answer(tracker, queue);
        queue.put("a.mp4", "PENDING@02");
        assertEquals(List.of("UPDATED a.mp4 PENDING->PENDING"), events(answer(tracker, queue)));
        queue.clear();
        assertEquals(List.of("REMOVED a.mp4 null->PENDING", "tombstone a.mp4"), events(answer(tracker, queue)));
    }

    private static Map<String, String> config(String emit) {
        Map<String, String> props = new HashMap<>();
        props.put("okast.instances", "paris");
        props.put("okast.instance.paris.url", "http://127.0.0.1:1");
        props.put("state.bootstrap.servers", "127.0.0.1:9092");
        if (emit != null) {
            props.put(OkastSourceConfig.EMIT_CHANGE_TYPES, emit);
        }
        return props;
    }

    @Test
    void theConfigKeyListsExactlyTheChangeTypes() {
        assertEquals(
                Arrays.stream(ChangeType.values()).map(Enum::name).toList(),
                new OkastSourceConfig(config(null)).emitChangeTypes(),
                "default: every change type, and the validator knows the same names as ChangeType");
        assertEquals(
                List.of("NEW", "STATUS_CHANGED"),
                new OkastSourceConfig(config(" new , Status_Changed")).emitChangeTypes());
    }

    @Test
    void badListsAreRefusedWithTheChoices() {
        for (String bad : List.of("", "NEW,CREATED", "NEW,new")) {
            ConfigException e = assertThrows(ConfigException.class, () -> new OkastSourceConfig(config(bad)), bad);
            assertTrue(e.getMessage().contains(OkastSourceConfig.EMIT_CHANGE_TYPES), e.getMessage());
            assertTrue(
                    bad.equals("NEW,new") || e.getMessage().contains("NEW, STATUS_CHANGED, UPDATED, REMOVED"),
                    e.getMessage());
        }
    }
}
