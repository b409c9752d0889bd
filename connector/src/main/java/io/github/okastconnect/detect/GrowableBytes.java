package io.github.okastconnect.detect;

import java.util.Arrays;

/** A growable byte array: the scratch space records are encoded into, then copied from once. */
final class GrowableBytes {
    private byte[] bytes;
    private int size;

    GrowableBytes(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    /** Makes room for {@code n} bytes at the end and returns where they start in {@link #array()}. */
    int reserve(int n) {
        ensure(n);
        int at = size;
        size += n;
        return at;
    }

    /** Forgets everything from {@code size} on (never grows). */
    void truncate(int size) {
        this.size = size;
    }

    void put(byte value) {
        ensure(1);
        bytes[size++] = value;
    }

    void put(byte[] values, int from, int length) {
        ensure(length);
        System.arraycopy(values, from, bytes, size, length);
        size += length;
    }

    void varint(int value) {
        int v = value;
        while ((v & ~0x7f) != 0) {
            put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        put((byte) v);
    }

    void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }
}
