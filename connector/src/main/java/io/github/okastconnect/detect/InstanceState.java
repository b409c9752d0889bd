package io.github.okastconnect.detect;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The last emitted state of every live entry of one instance. Immutable: each poll that changes something yields
 * a new instance, so records already handed to Connect keep pointing at the state they were built from.
 *
 * <p>Compact by design: the state of every live entry of every instance of a task stays in heap. Every entry's
 * {@link EntryCodec} record lies in one shared array (one array header for the whole instance, not one per entry),
 * indexed by an open-addressing table of one int per slot (where the record starts): about 100 bytes per entry
 * with 60-character file paths. Slots keep no hash: a probe compares key bytes directly, which costs less than the
 * 5 bytes per entry a stored hash would (keys are ~70 bytes and differ early or not at all). Comparing an entry
 * with its stored state works on bytes and allocates nothing.
 */
public final class InstanceState {
    private static final InstanceState EMPTY = new InstanceState(new int[0], new byte[0], 0, 0);
    private static final double LOAD = 0.75;

    /** Per slot, where its record starts in {@link #records} plus one; 0 marks an empty slot. */
    private final int[] slots;
    /** Every record end to end, exactly sized. */
    private final byte[] records;

    private final int size;
    /** Entries whose occurrence is not 0 (twins of another entry, or left so by one): rare, so usually none. */
    private final int twins;

    private InstanceState(int[] slots, byte[] records, int size, int twins) {
        this.slots = slots;
        this.records = records;
        this.size = size;
        this.twins = twins;
    }

    public static InstanceState empty() {
        return EMPTY;
    }

    public static InstanceState of(Map<EntryKey, EntryState> entries) {
        PackedEntries batch = new PackedEntries(entries.size(), entries.size() * 96);
        entries.forEach(
                (key, state) -> batch.add(EntryCodec.record(EntryCodec.encodeKey(key), EntryCodec.encodeState(state))));
        return EMPTY.rebuild(new BitSet(), batch);
    }

    public int size() {
        return size;
    }

    /** Whether some tracked entry has an occurrence other than 0; if not, no entry needs its twins looked up. */
    boolean tracksTwins() {
        return twins > 0;
    }

    public EntryState get(EntryKey key) {
        byte[] encoded = EntryCodec.encodeKey(key);
        int slot = find(encoded, 0, encoded.length, EntryCodec.hash(encoded, encoded.length));
        return slot < 0 ? null : stateAt(slot, encoded.length);
    }

    public void forEach(BiConsumer<EntryKey, EntryState> action) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != 0) {
                visit(i, action);
            }
        }
    }

    /** This state with the given changes applied in order. */
    public InstanceState apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        BitSet drop = new BitSet(slots.length);
        PackedEntries added = new PackedEntries(changes.size(), changes.size() * 96);
        for (Change change : changes) {
            byte[] key = EntryCodec.encodeKey(change.key());
            int slot = find(key, 0, key.length, EntryCodec.hash(key, key.length));
            if (slot >= 0) {
                drop.set(slot);
            }
            if (!change.isRemoval()) {
                added.add(EntryCodec.record(key, EntryCodec.encodeState(change.current())));
            }
        }
        return rebuild(drop, added);
    }

    /** Slot of the entry whose key is {@code source[from, from + keyLength)}, or -1. */
    int find(byte[] source, int from, int keyLength, int hash) {
        if (size == 0) {
            return -1;
        }
        int capacity = slots.length;
        for (int i = home(hash, capacity); slots[i] != 0; i = i + 1 == capacity ? 0 : i + 1) {
            if (keyEquals(slots[i] - 1, source, from, keyLength)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How the stored state at a slot compares with a new state (encoded as {@link EntryCodec#writeState} does) lying
     * at {@code source[from, from + length)}.
     */
    ChangeType compare(int slot, int keyLength, byte[] source, int from, int length) {
        int stored = slots[slot] - 1 + keyLength;
        int storedLength = EntryCodec.stateLength(records, stored);
        if (storedLength == length && Arrays.equals(records, stored, stored + length, source, from, from + length)) {
            return null;
        }
        int storedStatus = EntryCodec.statusLength(records, stored);
        int newStatus = EntryCodec.statusLength(source, from);
        boolean sameStatus = storedStatus == newStatus
                && Arrays.equals(records, stored, stored + newStatus, source, from, from + newStatus);
        return sameStatus ? ChangeType.UPDATED : ChangeType.STATUS_CHANGED;
    }

    EntryState stateAt(int slot, int keyLength) {
        return EntryCodec.decodeState(records, slots[slot] - 1 + keyLength);
    }

    int capacity() {
        return slots.length;
    }

    /** Visits the occupied slots not in {@code seen}: the entries that left the queue. */
    void forEachUnseen(BitSet seen, BiConsumer<EntryKey, EntryState> action) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != 0 && !seen.get(i)) {
                visit(i, action);
            }
        }
    }

    private void visit(int slot, BiConsumer<EntryKey, EntryState> action) {
        int start = slots[slot] - 1;
        int keyLength = EntryCodec.keyLength(records, start);
        action.accept(EntryCodec.decodeKey(records, start), EntryCodec.decodeState(records, start + keyLength));
    }

    /** A new state: this one without the slots in {@code drop}, plus the given records. */
    InstanceState rebuild(BitSet drop, PackedEntries add) {
        return rebuild(drop, add, null, null);
    }

    /**
     * The same, and where each record went: {@code keptSlots[slot]} is the new slot of a kept record (indexed by its
     * slot here), {@code addedSlots[i]} that of the i-th added one. Either may be null.
     */
    InstanceState rebuild(BitSet drop, PackedEntries add, int[] keptSlots, int[] addedSlots) {
        int dropped = 0;
        int droppedBytes = 0;
        for (int i = drop.nextSetBit(0); i >= 0; i = drop.nextSetBit(i + 1)) {
            if (i < slots.length && slots[i] != 0) {
                dropped++;
                droppedBytes += recordLength(slots[i] - 1);
            }
        }
        int count = size - dropped + add.count();
        if (count == 0) {
            return EMPTY;
        }
        if (keepsTable(count, dropped + add.count())) {
            return edited(drop, dropped, droppedBytes, add, keptSlots, addedSlots);
        }
        // This state is packed exactly, so the new array's size is known before anything is copied.
        Builder b = new Builder(count, records.length - droppedBytes + add.totalBytes());
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != 0 && !drop.get(i)) {
                int start = slots[i] - 1;
                int keyLength = EntryCodec.keyLength(records, start);
                int slot = b.insert(
                        EntryCodec.hash(records, start, start + keyLength),
                        records,
                        start,
                        keyLength + EntryCodec.stateLength(records, start + keyLength),
                        keyLength);
                if (keptSlots != null) {
                    keptSlots[i] = slot;
                }
            }
        }
        for (int i = 0; i < add.count(); i++) {
            int slot = b.insert(
                    add.hash(i),
                    add.array(),
                    add.start(i),
                    add.length(i),
                    EntryCodec.keyLength(add.array(), add.start(i)));
            if (addedSlots != null) {
                addedSlots[i] = slot;
            }
        }
        return b.build();
    }

    /**
     * Whether a state of {@code count} entries, reached by {@code edits} removals and insertions, can keep this
     * table: few edits (re-laying every entry means hashing every key again, most of a poll's cost at 1 % changed),
     * and a table neither too full nor much larger than a new one would be.
     */
    boolean keepsTable(int count, int edits) {
        int fresh = Builder.capacityFor(count);
        return edits <= size / 4 && count <= slots.length * LOAD && slots.length <= fresh + fresh / 8;
    }

    /**
     * The new state laid out by editing this table rather than rebuilding it: the dropped slots are deleted
     * (linear probing's backward shift, which hashes only the keys after each hole in its run), the records are
     * copied in runs around the dropped ones, and the added ones are appended and inserted. Same entries as a rebuild,
     * in other slots; {@code keptSlots} and {@code addedSlots} say which.
     */
    private InstanceState edited(
            BitSet drop, int dropped, int droppedBytes, PackedEntries add, int[] keptSlots, int[] addedSlots) {
        int capacity = slots.length;
        // Where each dropped record lies, by position: kept records move down by the bytes dropped before them.
        long[] holes = new long[dropped];
        int n = 0;
        int twinsLeft = twins;
        for (int i = drop.nextSetBit(0); i >= 0 && i < capacity; i = drop.nextSetBit(i + 1)) {
            if (slots[i] != 0) {
                int start = slots[i] - 1;
                int keyLength = EntryCodec.keyLength(records, start);
                if (records[start + keyLength - 1] != 0) {
                    twinsLeft--;
                }
                holes[n++] = ((long) start << 32) | recordLength(start);
            }
        }
        Arrays.sort(holes);
        int[] holeStarts = new int[dropped];
        int[] bytesBefore = new int[dropped + 1]; // bytes dropped before hole h
        byte[] next = new byte[records.length - droppedBytes + add.totalBytes()];
        int from = 0;
        int to = 0;
        for (int h = 0; h < dropped; h++) {
            int start = (int) (holes[h] >>> 32);
            int length = (int) holes[h];
            System.arraycopy(records, from, next, to, start - from);
            to += start - from;
            from = start + length;
            holeStarts[h] = start;
            bytesBefore[h + 1] = bytesBefore[h] + length;
        }
        System.arraycopy(records, from, next, to, records.length - from);

        int[] table = slots.clone();
        // origin[i]: the slot here that the entry now at i came from; where[s]: where the entry of slot s is now
        // (deleting one entry may move others back, dropped ones included).
        int[] origin = new int[capacity];
        int[] where = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            origin[i] = i;
            where[i] = i;
        }
        for (int i = drop.nextSetBit(0); i >= 0 && i < capacity; i = drop.nextSetBit(i + 1)) {
            if (slots[i] != 0) {
                delete(table, origin, where, where[i]);
            }
        }
        for (int i = 0; i < capacity; i++) {
            if (table[i] != 0) {
                int start = table[i] - 1;
                int h = Arrays.binarySearch(holeStarts, start);
                // A kept record is never a hole: the insertion point counts the holes before it.
                table[i] = start - bytesBefore[-h - 1] + 1;
                if (keptSlots != null) {
                    keptSlots[origin[i]] = i;
                }
            }
        }
        int used = records.length - droppedBytes;
        int addedTwins = 0;
        for (int a = 0; a < add.count(); a++) {
            int start = add.start(a);
            int length = add.length(a);
            if (add.array()[start + EntryCodec.keyLength(add.array(), start) - 1] != 0) {
                addedTwins++;
            }
            int i = home(add.hash(a), capacity);
            while (table[i] != 0) {
                i = i + 1 == capacity ? 0 : i + 1;
            }
            table[i] = used + 1;
            System.arraycopy(add.array(), start, next, used, length);
            used += length;
            if (addedSlots != null) {
                addedSlots[a] = i;
            }
        }
        return new InstanceState(table, next, size - dropped + add.count(), twinsLeft + addedTwins);
    }

    /**
     * Empties slot {@code i} of {@code table} (whose values are still offsets into this state's records) and moves
     * back the entries after it in its run that may take its place, so every entry stays reachable from its home.
     */
    private void delete(int[] table, int[] origin, int[] where, int i) {
        int capacity = table.length;
        int hole = i;
        table[hole] = 0;
        for (int j = hole + 1 == capacity ? 0 : hole + 1; table[j] != 0; j = j + 1 == capacity ? 0 : j + 1) {
            int start = table[j] - 1;
            int keyLength = EntryCodec.keyLength(records, start);
            int k = home(EntryCodec.hash(records, start, start + keyLength), capacity);
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeAfterHole = hole <= j ? (k > hole && k <= j) : (k > hole || k <= j);
            if (!homeAfterHole) {
                table[hole] = table[j];
                origin[hole] = origin[j];
                where[origin[j]] = hole;
                table[j] = 0;
                hole = j;
            }
        }
    }

    private int recordLength(int start) {
        int keyLength = EntryCodec.keyLength(records, start);
        return keyLength + EntryCodec.stateLength(records, start + keyLength);
    }

    private boolean keyEquals(int start, byte[] source, int from, int keyLength) {
        // Keys are self-delimiting, so a stored record that starts with these bytes has exactly this key.
        return start + keyLength <= records.length
                && Arrays.equals(records, start, start + keyLength, source, from, from + keyLength);
    }

    /** Multiply-shift instead of a modulo: table sizes are not powers of two (that would waste up to half the slots). */
    private static int home(int hash, int capacity) {
        return (int) (((hash & 0xffffffffL) * capacity) >>> 32);
    }

    @Override
    public String toString() {
        return "InstanceState[" + size + " entries]";
    }

    /** Lays records out in a table and an array sized for them. */
    private static final class Builder {
        private final int[] slots;
        private final byte[] records;
        private int used;
        private int size;
        private int twins;

        Builder(int expected, int bytes) {
            this.slots = new int[capacityFor(expected)];
            this.records = new byte[bytes];
        }

        static int capacityFor(int expected) {
            return Math.max((int) Math.ceil(Math.max(expected, 1) / LOAD) + 1, 2);
        }

        /** Returns the slot the record went to. */
        int insert(int hash, byte[] source, int from, int length, int keyLength) {
            // The key ends with its occurrence as a varint, whose last byte is 0 only for occurrence 0.
            if (source[from + keyLength - 1] != 0) {
                twins++;
            }
            int capacity = slots.length;
            int i = home(hash, capacity);
            while (slots[i] != 0) {
                i = i + 1 == capacity ? 0 : i + 1;
            }
            slots[i] = used + 1;
            System.arraycopy(source, from, records, used, length);
            used += length;
            size++;
            return i;
        }

        InstanceState build() {
            return new InstanceState(slots, records, size, twins);
        }
    }
}
