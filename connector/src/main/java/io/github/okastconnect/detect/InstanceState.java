package io.github.okastconnect.detect;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The last emitted state of every live entry of one instance. Immutable: each poll that changes something yields
 * a new instance, so records already handed to Connect keep pointing at the state they were built from.
 *
 * <p>Compact by design (one {@link EntryCodec} record and one hash per entry in an open-addressing table, about
 * 135 bytes per entry with 60-character file paths): the state of every live entry of every instance of a task
 * stays in heap. Comparing an entry with its stored state works on bytes and allocates no Strings.
 */
public final class InstanceState {
    private static final InstanceState EMPTY = new InstanceState(new long[0], new byte[0][], 0);
    private static final double LOAD = 0.75;

    /** Key hash per slot; 0 marks an empty slot. */
    private final long[] hashes;
    private final byte[][] records;
    private final int size;

    private InstanceState(long[] hashes, byte[][] records, int size) {
        this.hashes = hashes;
        this.records = records;
        this.size = size;
    }

    public static InstanceState empty() {
        return EMPTY;
    }

    public static InstanceState of(Map<EntryKey, EntryState> entries) {
        Builder b = new Builder(entries.size());
        entries.forEach((key, state) -> b.add(EntryCodec.record(EntryCodec.encodeKey(key),
                EntryCodec.encodeState(state))));
        return b.build();
    }

    public int size() {
        return size;
    }

    public EntryState get(EntryKey key) {
        byte[] encoded = EntryCodec.encodeKey(key);
        int slot = find(encoded, EntryCodec.hash(encoded, encoded.length));
        return slot < 0 ? null : EntryCodec.decodeState(records[slot], encoded.length);
    }

    public void forEach(BiConsumer<EntryKey, EntryState> action) {
        for (byte[] record : records) {
            if (record != null) {
                action.accept(EntryCodec.decodeKey(record), EntryCodec.decodeState(record, EntryCodec.keyLength(record)));
            }
        }
    }

    /** This state with the given changes applied in order. */
    public InstanceState apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        BitSet drop = new BitSet(records.length);
        Builder added = new Builder(changes.size());
        for (Change change : changes) {
            byte[] key = EntryCodec.encodeKey(change.key());
            int slot = find(key, EntryCodec.hash(key, key.length));
            if (slot >= 0) {
                drop.set(slot);
            }
            if (!change.isRemoval()) {
                added.add(EntryCodec.record(key, EntryCodec.encodeState(change.current())));
            }
        }
        return rebuild(drop, added.pending);
    }

    /** Slot of the entry with these key bytes, or -1. */
    int find(byte[] key, long hash) {
        if (size == 0) {
            return -1;
        }
        int capacity = hashes.length;
        for (int i = home(hash, capacity); hashes[i] != 0; i = i + 1 == capacity ? 0 : i + 1) {
            if (hashes[i] == hash && startsWith(records[i], key)) {
                return i;
            }
        }
        return -1;
    }

    /** How the stored state at a slot compares with a new state (encoded with {@link EntryCodec#encodeState}). */
    ChangeType compare(int slot, int keyLength, byte[] state) {
        byte[] record = records[slot];
        int stored = record.length - keyLength;
        if (stored == state.length && regionEquals(record, keyLength, state, 0, state.length)) {
            return null;
        }
        int storedStatus = EntryCodec.statusLength(record, keyLength);
        int newStatus = EntryCodec.statusLength(state, 0);
        boolean sameStatus = storedStatus == newStatus && regionEquals(record, keyLength, state, 0, newStatus);
        return sameStatus ? ChangeType.UPDATED : ChangeType.STATUS_CHANGED;
    }

    EntryState stateAt(int slot, int keyLength) {
        return EntryCodec.decodeState(records[slot], keyLength);
    }

    int capacity() {
        return records.length;
    }

    /** Visits the occupied slots not in {@code seen}: the entries that left the queue. */
    void forEachUnseen(BitSet seen, BiConsumer<EntryKey, EntryState> action) {
        for (int i = 0; i < records.length; i++) {
            if (records[i] != null && !seen.get(i)) {
                byte[] record = records[i];
                action.accept(EntryCodec.decodeKey(record), EntryCodec.decodeState(record, EntryCodec.keyLength(record)));
            }
        }
    }

    /** A new state: this one without the slots in {@code drop}, plus the given records. */
    InstanceState rebuild(BitSet drop, List<byte[]> add) {
        Builder b = new Builder(size - drop.cardinality() + add.size());
        for (int i = 0; i < records.length; i++) {
            if (records[i] != null && !drop.get(i)) {
                b.insert(hashes[i], records[i]);
            }
        }
        for (byte[] record : add) {
            b.add(record);
        }
        return b.build();
    }

    private static boolean startsWith(byte[] record, byte[] key) {
        return record.length >= key.length && regionEquals(record, 0, key, 0, key.length);
    }

    private static boolean regionEquals(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        return java.util.Arrays.equals(a, aFrom, aFrom + length, b, bFrom, bFrom + length);
    }

    /** Table sizes are not powers of two (that would waste up to half the slots), so the home slot is a modulo. */
    private static int home(long hash, int capacity) {
        return (int) Long.remainderUnsigned(hash, capacity);
    }

    @Override
    public String toString() {
        return "InstanceState[" + size + " entries]";
    }

    /** Collects records, then lays them out in a table sized for them. */
    static final class Builder {
        private final java.util.ArrayList<byte[]> pending;
        private long[] hashes;
        private byte[][] records;
        private int size;

        Builder(int expected) {
            this.pending = new java.util.ArrayList<>(Math.max(expected, 0));
            int capacity = Math.max((int) Math.ceil(Math.max(expected, 1) / LOAD) + 1, 2);
            this.hashes = new long[capacity];
            this.records = new byte[capacity][];
        }

        void add(byte[] record) {
            pending.add(record);
        }

        void insert(long hash, byte[] record) {
            if ((size + 1) > hashes.length * LOAD) {
                grow();
            }
            int capacity = hashes.length;
            int i = home(hash, capacity);
            while (hashes[i] != 0) {
                i = i + 1 == capacity ? 0 : i + 1;
            }
            hashes[i] = hash;
            records[i] = record;
            size++;
        }

        private void grow() {
            long[] oldHashes = hashes;
            byte[][] oldRecords = records;
            hashes = new long[oldHashes.length * 2];
            records = new byte[oldRecords.length * 2][];
            size = 0;
            for (int i = 0; i < oldHashes.length; i++) {
                if (oldRecords[i] != null) {
                    insert(oldHashes[i], oldRecords[i]);
                }
            }
        }

        InstanceState build() {
            for (byte[] record : pending) {
                insert(EntryCodec.hash(record, EntryCodec.keyLength(record)), record);
            }
            pending.clear();
            return size == 0 ? EMPTY : new InstanceState(hashes, records, size);
        }
    }
}
