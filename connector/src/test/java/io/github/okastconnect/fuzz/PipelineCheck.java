package io.github.okastconnect.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.Change;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.ChangeType;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.detect.KeyedEntry;
import io.github.okastconnect.detect.ReferenceDetection;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.offset.Marker;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.offset.StoredOffsets;
import io.github.okastconnect.parser.IngestEntry;
import io.github.okastconnect.parser.TimestampParser;
import io.github.okastconnect.state.Acks;
import io.github.okastconnect.state.StateEntry;
import io.github.okastconnect.state.StateRecords;
import io.github.okastconnect.state.StateRestore;
import io.github.okastconnect.state.StateTopic;
import io.github.okastconnect.state.StateWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Feeds parsed entries through the rest of the pipeline the way a task does (keys → change detection → records →
 * stored offset) and checks what must hold for any input: nothing throws, keys are unique, offsets round-trip
 * exactly, a repeated poll emits nothing and an emptied queue removes everything.
 */
final class PipelineCheck {
    private static final RecordMapper MAPPER = new RecordMapper(
            "okast.fuzz", new TimestampParser(ZoneId.of("Europe/Paris")), RemovalMode.EVENT_AND_TOMBSTONE);

    private PipelineCheck() {}

    static void check(List<IngestEntry> entries) {
        int n = entries.size();
        List<KeyedEntry> keyed = ReferenceDetection.assign(entries);
        assertEquals(n, keyed.size(), "one key per entry");
        Set<EntryKey> keys = new HashSet<>();
        for (int i = 0; i < n; i++) {
            KeyedEntry k = keyed.get(i);
            IngestEntry e = entries.get(i);
            assertSame(e, k.entry(), "keys keep the response order");
            assertEquals(e.filePath(), k.key().filePath());
            assertEquals(e.requestTime(), k.key().requestTime());
            assertTrue(
                    k.key().occurrence() >= 0 && k.key().occurrence() < n,
                    () -> "occurrence " + k.key().occurrence());
            keys.add(k.key());
            String encodedKey = OffsetCodec.encodeKey(k.key());
            assertEquals(k.key(), OffsetCodec.decodeKey(encodedKey), () -> "key round trip of " + encodedKey);
            String encodedState = OffsetCodec.encodeState(k.state());
            assertEquals(k.state(), OffsetCodec.decodeState(encodedState), () -> "state round trip of " + encodedState);
        }
        assertEquals(n, keys.size(), "every entry of a response gets its own key");

        ChangeDetector.Detection first = ReferenceDetection.detect(InstanceState.empty(), keyed);
        assertEquals(n, first.changes().size());
        for (int i = 0; i < n; i++) {
            Change change = first.changes().get(i);
            assertEquals(ChangeType.NEW, change.type());
            assertNull(change.previous());
            assertEquals(keyed.get(i).key(), change.key());
            assertEquals(keyed.get(i).state(), first.next().get(change.key()));
        }
        assertEquals(n, first.next().size());
        assertEquals(
                keyed,
                ReferenceDetection.assign(entries, first.next()),
                "the same queue again keeps its keys, twins included");
        assertEquals(
                List.of(), ReferenceDetection.detect(first.next(), keyed).changes(), "an unchanged poll emits nothing");

        // What the state topic holds once the poll's records are written, read back as on a restart.
        List<SourceRecord> records = poll(first.changes(), 1_700_000_000_000L, 1);
        assertEquals(2 * n, records.size(), "an event and a state record per entry");
        List<StateEntry> stateTopic = new ArrayList<>(stateRecords(records));
        assertSameState(first.next(), restore(stateTopic, 1));
        for (SourceRecord record : records) {
            assertNotNull(record.value());
        }

        ChangeDetector.Detection gone = ReferenceDetection.detect(first.next(), List.of());
        assertEquals(n, gone.changes().size());
        assertTrue(gone.changes().stream().allMatch(Change::isRemoval));
        assertEquals(0, gone.next().size());
        List<SourceRecord> removals = poll(gone.changes(), 1_700_000_000_001L, 2);
        assertEquals(3 * n, removals.size(), "REMOVED event + tombstone + state tombstone per entry");
        stateTopic.addAll(stateRecords(removals));
        assertEquals(0, restore(stateTopic, 2).size(), "removals release every stored entry");
    }

    private static final StateTopic STATE = new StateTopic("fuzz.state", 3);

    /** The records of one poll: each change's event(s), then its state record. */
    private static List<SourceRecord> poll(List<Change> changes, long observedAtMs, long seq) {
        Acks acks = new Acks();
        acks.start("fuzz", seq - 1);
        StateWriter writer = new StateWriter("fuzz", new StateRecords(STATE), acks, 0, seq - 1);
        StateWriter.Poll poll = writer.nextPoll(observedAtMs);
        List<SourceRecord> out = new ArrayList<>();
        for (Change change : changes) {
            MAPPER.map("fuzz", change, observedAtMs, poll.partition(), poll.offset(), out);
            out.add(writer.changed(poll, change));
        }
        return out;
    }

    /** The state records among {@code records}, with their headers as the default header converter writes them. */
    private static List<StateEntry> stateRecords(List<SourceRecord> records) {
        List<StateEntry> out = new ArrayList<>();
        for (SourceRecord record : records) {
            if (record.topic().equals(STATE.name())) {
                RecordHeaders headers = new RecordHeaders();
                record.headers()
                        .forEach(h -> headers.add(h.key(), h.value().toString().getBytes(StandardCharsets.UTF_8)));
                out.add(StateRecords.decode(headers).orElseThrow());
            }
        }
        return out;
    }

    private static InstanceState restore(List<StateEntry> stateTopic, long committedSeq) {
        return InstanceState.of(
                StateRestore.restore(new StoredOffsets.Current(new Marker(0, committedSeq, 0), false), stateTopic)
                        .entries());
    }

    private static void assertSameState(InstanceState expected, InstanceState actual) {
        assertEquals(expected.size(), actual.size(), "stored state size");
        expected.forEach((key, state) -> assertEquals(state, actual.get(key), () -> "stored state of " + key));
    }
}
