package io.github.okastconnect.detect;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Compares a response with the last emitted state of each entry. An entry yields a change only when it is new or
 * when its status or lastStatusUpdate differs from what was last emitted for its key: each entry is compared with
 * its own history, never with a watermark, so unsorted queues and status changes without a new timestamp are seen.
 */
public final class ChangeDetector {

    public Detection detect(InstanceState state, List<KeyedEntry> current) {
        BitSet seen = new BitSet(state.capacity());
        BitSet drop = new BitSet(state.capacity());
        List<byte[]> add = new ArrayList<>();
        List<Change> updates = new ArrayList<>();
        for (KeyedEntry keyed : current) {
            byte[] key = EntryCodec.encodeKey(keyed.key());
            byte[] now = EntryCodec.encodeState(keyed.state());
            int slot = state.find(key, EntryCodec.hash(key, key.length));
            if (slot < 0) {
                updates.add(new Change(ChangeType.NEW, keyed.key(), keyed.entry(), null, keyed.state()));
                add.add(EntryCodec.record(key, now));
                continue;
            }
            seen.set(slot);
            ChangeType type = state.compare(slot, key.length, now);
            if (type != null) {
                updates.add(new Change(type, keyed.key(), keyed.entry(), state.stateAt(slot, key.length),
                        keyed.state()));
                drop.set(slot);
                add.add(EntryCodec.record(key, now));
            }
        }
        // Removals come first: when they emit nothing (removal.mode=none), the records after them still carry
        // offsets that release the removed entries.
        List<Change> changes = new ArrayList<>(removals(state, seen));
        changes.addAll(updates);
        if (changes.isEmpty()) {
            return new Detection(List.of(), state);
        }
        BitSet gone = (BitSet) drop.clone();
        gone.or(unseenSlots(state, seen));
        return new Detection(List.copyOf(changes), state.rebuild(gone, add));
    }

    private static BitSet unseenSlots(InstanceState state, BitSet seen) {
        BitSet unseen = new BitSet(state.capacity());
        unseen.set(0, state.capacity());
        unseen.andNot(seen);
        return unseen;
    }

    private static List<Change> removals(InstanceState state, BitSet seen) {
        List<Change> removals = new ArrayList<>();
        state.forEachUnseen(seen, (key, last) -> removals.add(new Change(ChangeType.REMOVED, key, null, last, last)));
        // The table's order is arbitrary; a fixed order keeps output reproducible.
        removals.sort(ChangeDetector::compareKeys);
        return removals;
    }

    private static int compareKeys(Change a, Change b) {
        int byTime = compareNullable(a.key().requestTime(), b.key().requestTime());
        if (byTime != 0) {
            return byTime;
        }
        int byPath = compareNullable(a.key().filePath(), b.key().filePath());
        return byPath != 0 ? byPath : Integer.compare(a.key().occurrence(), b.key().occurrence());
    }

    private static int compareNullable(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    /** The changes of one response, and the state once all of them are emitted. */
    public record Detection(List<Change> changes, InstanceState next) {
    }
}
