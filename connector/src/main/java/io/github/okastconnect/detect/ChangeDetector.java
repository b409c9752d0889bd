package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;
import io.github.okastconnect.parser.IngestStatusParser;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Compares a response with the last emitted state of each entry. An entry yields a change only when it is new or
 * when its status or lastStatusUpdate differs from what was last emitted for its key: each entry is compared with
 * its own history, never with a watermark, so unsorted queues and status changes without a new timestamp are seen.
 */
public final class ChangeDetector {

    /**
     * The changes of a response as the parser scanned it: an entry is compared with its stored state as bytes, and
     * read in full (through {@code loader}) only when it yields a change. When {@code elementsBody} is given (the
     * scanned body, every element kept), also the {@link ElementIndex} of that body, so that the next poll can go by
     * elements ({@link #detectByElements}); null builds none.
     */
    public Detection detect(InstanceState state, ScannedEntries current, EntryLoader loader, byte[] elementsBody) {
        Map<Integer, IngestEntry> loaded = current.assignOccurrences(loader, state);
        ElementIndex.Builder elements =
                elementsBody == null || current.hasTwins() ? null : new ElementIndex.Builder(current.size());
        BitSet seen = new BitSet(state.capacity());
        BitSet drop = new BitSet(state.capacity());
        PackedEntries add = new PackedEntries(16, 1024);
        List<Change> updates = new ArrayList<>();
        byte[] bytes = current.array();
        for (int i = 0; i < current.size(); i++) {
            int start = current.start(i);
            int keyLength = current.keyLength(i);
            int stateLength = current.stateLength(i);
            int hash = current.hash(i);
            int slot = state.find(bytes, start, keyLength, hash);
            ChangeType type;
            if (slot < 0) {
                type = ChangeType.NEW;
            } else {
                seen.set(slot);
                type = state.compare(slot, keyLength, bytes, start + keyLength, stateLength);
                if (type == null) {
                    addElement(elements, elementsBody, current, i, slot);
                    continue;
                }
                drop.set(slot);
            }
            addElement(elements, elementsBody, current, i, ElementIndex.Builder.added(add.count()));
            IngestEntry entry = loaded.containsKey(i) ? loaded.get(i) : current.load(i, loader);
            EntryKey key = new EntryKey(entry.filePath(), entry.requestTime(), current.occurrence(i));
            EntryState now = new EntryState(entry.status(), entry.lastStatusUpdate());
            updates.add(new Change(type, key, entry, slot < 0 ? null : state.stateAt(slot, keyLength), now));
            add.add(bytes, start, keyLength + stateLength, hash);
        }
        return detection(state, seen, drop, add, updates, elements);
    }

    /**
     * The detection for a body compared element by element with the last one ({@link ElementDiff}): only the
     * elements whose bytes are not among the last body's are read; null when this body cannot be compared so (it
     * is not a plain array of kept entries, or it has entries sharing filePath and requestTime): the caller then
     * scans it.
     */
    public Detection detectByElements(
            InstanceState state, ElementIndex last, byte[] body, int length, IngestStatusParser parser) {
        return new ElementDiff(state, last, body, length, parser).detect();
    }

    private static void addElement(
            ElementIndex.Builder elements, byte[] body, ScannedEntries current, int i, int slot) {
        if (elements != null) {
            int start = current.bodyStart(i);
            int length = current.bodyEnd(i) - start;
            elements.add(ElementIndex.hash(body, start, length), length, slot);
        }
    }

    /** {@code elements}: the body's elements as compared, or null to index none. */
    static Detection detection(
            InstanceState state,
            BitSet seen,
            BitSet drop,
            PackedEntries add,
            List<Change> updates,
            ElementIndex.Builder elements) {
        // Removals come first: when they emit nothing (removal.mode=none), the records after them still carry
        // offsets that release the removed entries.
        List<Change> changes = new ArrayList<>(removals(state, seen));
        changes.addAll(updates);
        if (changes.isEmpty()) {
            return new Detection(List.of(), state, elements == null ? null : elements.build(null, null));
        }
        BitSet gone = (BitSet) drop.clone();
        gone.or(unseenSlots(state, seen));
        if (elements == null) {
            return new Detection(List.copyOf(changes), state.rebuild(gone, add), null);
        }
        int[] keptSlots = new int[state.capacity()];
        int[] addedSlots = new int[add.count()];
        InstanceState next = state.rebuild(gone, add, keptSlots, addedSlots);
        return new Detection(List.copyOf(changes), next, elements.build(keptSlots, addedSlots));
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
        return byPath != 0
                ? byPath
                : Integer.compare(a.key().occurrence(), b.key().occurrence());
    }

    private static int compareNullable(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    /**
     * The changes of one response, and the state once all of them are emitted.
     *
     * @param elements the response's elements against {@code next}, for the next poll to compare with; null when
     *     the response could not be indexed so
     */
    public record Detection(List<Change> changes, InstanceState next, ElementIndex elements) {}
}
