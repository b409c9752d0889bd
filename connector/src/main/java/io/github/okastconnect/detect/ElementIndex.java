package io.github.okastconnect.detect;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.Arrays;

/**
 * The array elements of the last body an instance's state was built from, in body order: each element's length,
 * the XXH3-64 hash of its bytes, and the slot of its entry in that {@link InstanceState}. An element whose bytes are
 * the same as some element's here holds the same entry in the same state, so the next poll need not parse it: it
 * only hashes it (see {@link ElementDiff}). 16 bytes per entry.
 *
 * <p>Only bodies where every element was kept and every entry has occurrence 0 get an index, so each element here
 * is exactly one tracked entry and no two share a slot. Like body fingerprints, a false "same bytes" needs two
 * different elements of the same length to collide in a 64-bit hash; the endpoint is trusted not to forge its own
 * body. Task thread only.
 */
public final class ElementIndex {
    private static final Hasher64 XXH3 = Hashing.xxh3_64();

    private final long[] hashes;
    private final int[] lengths;
    private final int[] slots;
    private final int count;
    /** Element index + 1 by hash, open addressing; built on first use (a poll where elements moved). */
    private int[] byHash;

    private ElementIndex(long[] hashes, int[] lengths, int[] slots, int count) {
        this.hashes = hashes;
        this.lengths = lengths;
        this.slots = slots;
        this.count = count;
    }

    static long hash(byte[] body, int from, int length) {
        return XXH3.hashBytesToLong(body, from, length);
    }

    public int size() {
        return count;
    }

    long hash(int i) {
        return hashes[i];
    }

    int length(int i) {
        return lengths[i];
    }

    int slot(int i) {
        return slots[i];
    }

    /** Whether the element {@code i} (if it exists) is {@code body[from, from + its length)}, within {@code end}. */
    boolean sameAt(int i, byte[] body, int from, int end) {
        return i < count && from + lengths[i] <= end && hash(body, from, lengths[i]) == hashes[i];
    }

    /** The element with these bytes' length and hash, or -1. */
    int find(long hash, int length) {
        if (byHash == null) {
            byHash = table();
        }
        int mask = byHash.length - 1;
        for (int s = (int) hash & mask; byHash[s] != 0; s = (s + 1) & mask) {
            int i = byHash[s] - 1;
            if (hashes[i] == hash && lengths[i] == length) {
                return i;
            }
        }
        return -1;
    }

    private int[] table() {
        int[] table = new int[Integer.highestOneBit(Math.max(count, 1) * 2) * 2];
        int mask = table.length - 1;
        for (int i = 0; i < count; i++) {
            int s = (int) hashes[i] & mask;
            while (table[s] != 0) {
                s = (s + 1) & mask;
            }
            table[s] = i + 1;
        }
        return table;
    }

    @Override
    public String toString() {
        return "ElementIndex[" + count + " elements]";
    }

    /**
     * Collects elements in body order while a poll is compared. A slot is either a slot of the state compared
     * against (a kept entry) or {@code -(i + 1)} for the i-th record added to it; {@link #build} maps both to the
     * slots of the state that results.
     */
    static final class Builder {
        private long[] hashes;
        private int[] lengths;
        private int[] slots;
        private int count;

        Builder(int expected) {
            int n = Math.max(expected, 16);
            hashes = new long[n];
            lengths = new int[n];
            slots = new int[n];
        }

        void add(long hash, int length, int slot) {
            if (count == hashes.length) {
                int n = count * 2;
                hashes = Arrays.copyOf(hashes, n);
                lengths = Arrays.copyOf(lengths, n);
                slots = Arrays.copyOf(slots, n);
            }
            hashes[count] = hash;
            lengths[count] = length;
            slots[count] = slot;
            count++;
        }

        static int added(int recordIndex) {
            return -(recordIndex + 1);
        }

        /**
         * The index against the state that results; {@code keptSlots} and {@code addedSlots} as {@link
         * InstanceState#rebuild(java.util.BitSet, PackedEntries, int[], int[])} filled them, both null when the state
         * did not change.
         */
        ElementIndex build(int[] keptSlots, int[] addedSlots) {
            int[] mapped = Arrays.copyOf(slots, count);
            if (keptSlots != null) {
                for (int i = 0; i < count; i++) {
                    int s = mapped[i];
                    mapped[i] = s >= 0 ? keptSlots[s] : addedSlots[-s - 1];
                }
            }
            return new ElementIndex(Arrays.copyOf(hashes, count), Arrays.copyOf(lengths, count), mapped, count);
        }
    }
}
