package io.github.okastconnect.detect;

import java.util.Arrays;

/**
 * Encoded records (key then state, see {@link EntryCodec}) laid end to end in one array, each with its length and
 * key hash: what a poll adds to an {@link InstanceState}, without one small array per record.
 */
final class PackedEntries {
    private final GrowableBytes bytes;
    private int[] starts;
    private int[] lengths;
    private int[] hashes;
    private int count;

    PackedEntries(int expectedRecords, int expectedBytes) {
        int n = Math.max(expectedRecords, 4);
        bytes = new GrowableBytes(expectedBytes);
        starts = new int[n];
        lengths = new int[n];
        hashes = new int[n];
    }

    /** Adds a whole record (key then state), as {@link EntryCodec#record} makes it. */
    void add(byte[] record) {
        int keyLength = EntryCodec.keyLength(record);
        add(record, 0, record.length, EntryCodec.hash(record, keyLength));
    }

    /** Adds the record at {@code source[from, from + length)}, whose key hashes to {@code hash}. */
    void add(byte[] source, int from, int length, int hash) {
        if (count == starts.length) {
            int n = count * 2;
            starts = Arrays.copyOf(starts, n);
            lengths = Arrays.copyOf(lengths, n);
            hashes = Arrays.copyOf(hashes, n);
        }
        starts[count] = bytes.size();
        lengths[count] = length;
        hashes[count] = hash;
        bytes.put(source, from, length);
        count++;
    }

    int count() {
        return count;
    }

    int totalBytes() {
        return bytes.size();
    }

    byte[] array() {
        return bytes.array();
    }

    int start(int i) {
        return starts[i];
    }

    int length(int i) {
        return lengths[i];
    }

    int hash(int i) {
        return hashes[i];
    }
}
