package io.github.okastconnect.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A state with a few entries dropped and added is laid out by editing the last table (deleting with backward shifts,
 * moving records in runs) rather than by re-inserting every entry. Whichever way, the result must hold exactly the
 * expected entries, find every one by key, and report where each kept and added record went. Randomised over many
 * rounds of edits of different sizes, so both the edited and the rebuilt layouts are exercised, and long probe runs
 * (a table near its load limit) too.
 */
class InstanceStateEditTest {
    private final Random random = new Random(20261203);

    @Test
    void editsAndRebuildsHoldExactlyTheExpectedEntriesRoundAfterRound() {
        for (int trial = 0; trial < 40; trial++) {
            int size = 1 + random.nextInt(trial < 20 ? 60 : 3000);
            Map<EntryKey, EntryState> expected = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                expected.put(key(i), state(i, 0));
            }
            InstanceState state = InstanceState.of(expected);
            int next = size;
            for (int round = 0; round < 25; round++) {
                next = editRound(state, expected, next, round);
                state = lastResult;
            }
        }
        assertTrue(edited > 100, "edited layouts exercised: " + edited);
        assertTrue(rebuilt > 100, "rebuilt layouts exercised: " + rebuilt);
    }

    private InstanceState lastResult;
    private int edited;
    private int rebuilt;

    /** One round: drop some slots, add some records (new keys, changed states, twins); check; returns the next id. */
    private int editRound(InstanceState state, Map<EntryKey, EntryState> expected, int nextId, int round) {
        int size = expected.size();
        Map<EntryKey, Integer> slotsBefore = new HashMap<>();
        for (EntryKey key : expected.keySet()) {
            slotsBefore.put(key, slotOf(state, key));
        }
        // Mostly a few edits (the per-poll case), sometimes many (a rebuild).
        int edits = random.nextInt(4) == 0 ? random.nextInt(size + 2) : random.nextInt(Math.max(1, size / 20) + 2);
        List<EntryKey> keys = new ArrayList<>(expected.keySet());
        BitSet drop = new BitSet();
        Map<Integer, EntryKey> droppedBySlot = new HashMap<>();
        PackedEntries add = new PackedEntries(8, 256);
        List<EntryKey> addedKeys = new ArrayList<>();
        Map<EntryKey, EntryState> after = new LinkedHashMap<>(expected);
        int id = nextId;
        for (int e = 0; e < edits && !keys.isEmpty(); e++) {
            EntryKey key = keys.remove(random.nextInt(keys.size()));
            int slot = slotOf(state, key);
            drop.set(slot);
            droppedBySlot.put(slot, key);
            after.remove(key);
            switch (random.nextInt(3)) {
                case 0 -> { // changed state: same key added back
                    EntryState changed = state(id++, round + 1);
                    add(add, addedKeys, after, key, changed);
                }
                case 1 -> { // a new entry, sometimes a twin (occurrence > 0)
                    int n = id++;
                    EntryKey added = new EntryKey("/media/new-" + n + ".mp4", "2026-1203 10:00:00", n % 5 == 0 ? 1 : 0);
                    add(add, addedKeys, after, added, state(n, round));
                }
                default -> {} // removed
            }
        }
        // An empty slot in drop is ignored, as a slot past the table is.
        drop.set(state.capacity() + 3);
        int[] keptSlots = new int[state.capacity()];
        int[] addedSlots = new int[add.count()];
        if (!after.isEmpty() && state.keepsTable(after.size(), droppedBySlot.size() + add.count())) {
            edited++;
        } else {
            rebuilt++;
        }
        InstanceState result = state.rebuild(drop, add, keptSlots, addedSlots);

        Map<EntryKey, EntryState> actual = new HashMap<>();
        result.forEach(actual::put);
        assertEquals(after, actual, "entries after round " + round);
        assertEquals(after.size(), result.size());
        boolean twins = after.keySet().stream().anyMatch(k -> k.occurrence() != 0);
        assertEquals(twins, result.tracksTwins(), "twins after round " + round);
        for (Map.Entry<EntryKey, EntryState> entry : after.entrySet()) {
            assertEquals(entry.getValue(), result.get(entry.getKey()), "found by key: " + entry.getKey());
        }
        for (EntryKey gone : droppedBySlot.values()) {
            if (!after.containsKey(gone)) {
                assertNull(result.get(gone), "dropped: " + gone);
            }
        }
        // Where each record went.
        for (Map.Entry<EntryKey, Integer> kept : slotsBefore.entrySet()) {
            if (!drop.get(kept.getValue())) {
                assertEquals(slotOf(result, kept.getKey()), keptSlots[kept.getValue()], "kept " + kept.getKey());
            }
        }
        for (int a = 0; a < addedKeys.size(); a++) {
            assertEquals(slotOf(result, addedKeys.get(a)), addedSlots[a], "added " + addedKeys.get(a));
        }
        expected.clear();
        expected.putAll(after);
        lastResult = result;
        return id;
    }

    @Test
    void aStateEditedDownToNothingIsEmpty() {
        Map<EntryKey, EntryState> one = Map.of(key(1), state(1, 0));
        InstanceState state = InstanceState.of(one);
        BitSet drop = new BitSet();
        drop.set(slotOf(state, key(1)));
        InstanceState empty = state.rebuild(drop, new PackedEntries(1, 16));
        assertEquals(0, empty.size());
        assertNotEquals(state.capacity(), 0);
    }

    private static void add(
            PackedEntries add,
            List<EntryKey> addedKeys,
            Map<EntryKey, EntryState> after,
            EntryKey key,
            EntryState state) {
        byte[] encodedKey = EntryCodec.encodeKey(key);
        add.add(EntryCodec.record(encodedKey, EntryCodec.encodeState(state)));
        addedKeys.add(key);
        after.put(key, state);
    }

    private static int slotOf(InstanceState state, EntryKey key) {
        byte[] encoded = EntryCodec.encodeKey(key);
        int slot = state.find(encoded, 0, encoded.length, EntryCodec.hash(encoded, encoded.length));
        assertTrue(slot >= 0, "tracked: " + key);
        return slot;
    }

    private static EntryKey key(int i) {
        return new EntryKey("/media/programmes/episode-" + i + ".mp4", "2026-1203 09:" + (i % 60) + ":00", 0);
    }

    private static EntryState state(int i, int round) {
        return new EntryState(round % 2 == 0 ? "PENDING" : "DONE", "2026-1203 10:" + ((i + round) % 60) + ":00");
    }
}
