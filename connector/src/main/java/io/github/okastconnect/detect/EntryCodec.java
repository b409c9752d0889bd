package io.github.okastconnect.detect;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Packs an entry's key and state into one small byte array, which is all {@link InstanceState} keeps per entry:
 * a live queue of thousands of entries per instance, times hundreds of instances, must fit a worker's heap.
 * Okast's fixed-width timestamps ({@code 2022-1018 14:20:00} and {@code 2022-10-18 14:20:00}) take 8 bytes instead
 * of ~40 as Strings, and decode to the identical string; anything else is kept as raw UTF-8.
 *
 * <p>Layout: {@code time(requestTime) text(filePath) varint(occurrence) | text(status) time(lastStatusUpdate)}.
 * Every field is self-delimiting, so a key's bytes are a prefix of its record and equal keys have equal bytes.
 */
final class EntryCodec {
    private static final byte NULL = 0;
    private static final byte RAW = 1;
    private static final byte OKAST_TIME = 2;
    private static final byte DASHED_TIME = 3;
    /** UTF-16 code units, for strings UTF-8 cannot carry (lone surrogates, which JSON escapes can produce). */
    private static final byte UTF16 = 4;

    private EntryCodec() {
    }

    static byte[] encodeKey(EntryKey key) {
        Buffer b = new Buffer(96);
        time(b, key.requestTime());
        text(b, key.filePath());
        b.varint(key.occurrence());
        return b.toArray();
    }

    static byte[] encodeState(EntryState state) {
        Buffer b = new Buffer(32);
        text(b, state.status());
        time(b, state.lastStatusUpdate());
        return b.toArray();
    }

    static byte[] record(byte[] key, byte[] state) {
        byte[] record = Arrays.copyOf(key, key.length + state.length);
        System.arraycopy(state, 0, record, key.length, state.length);
        return record;
    }

    /** 64-bit hash of a key's bytes (FNV-1a, then a finaliser so that linear probing spreads well); never 0. */
    static long hash(byte[] bytes, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            h = (h ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** Length of the key part at the start of a record. */
    static int keyLength(byte[] record) {
        Reader r = new Reader(record, 0);
        r.skipTime();
        r.skipText();
        r.varint();
        return r.pos;
    }

    /** Length of the status field that follows the key part. */
    static int statusLength(byte[] record, int offset) {
        Reader r = new Reader(record, offset);
        r.skipText();
        return r.pos - offset;
    }

    static EntryKey decodeKey(byte[] record) {
        Reader r = new Reader(record, 0);
        String requestTime = r.time();
        String filePath = r.text();
        return new EntryKey(filePath, requestTime, r.varint());
    }

    static EntryState decodeState(byte[] record, int offset) {
        Reader r = new Reader(record, offset);
        return new EntryState(r.text(), r.time());
    }

    private static void text(Buffer b, String s) {
        if (s == null) {
            b.put(NULL);
            return;
        }
        if (hasLoneSurrogate(s)) {
            b.put(UTF16);
            b.varint(s.length());
            for (int i = 0; i < s.length(); i++) {
                b.put((byte) (s.charAt(i) >>> 8));
                b.put((byte) s.charAt(i));
            }
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        b.put(RAW);
        b.varint(utf8.length);
        b.put(utf8);
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void time(Buffer b, String s) {
        if (s != null && s.length() == 18 && fixedWidth(s, false)) {
            b.put(OKAST_TIME);
            packTime(b, s, 5, 7);
        } else if (s != null && s.length() == 19 && fixedWidth(s, true)) {
            b.put(DASHED_TIME);
            packTime(b, s, 5, 8);
        } else {
            text(b, s);
        }
    }

    /** {@code dddd-dddd dd:dd:dd} (Okast) or {@code dddd-dd-dd dd:dd:dd}: digits and separators only. */
    private static boolean fixedWidth(String s, boolean dashed) {
        String shape = dashed ? "9999-99-99 99:99:99" : "9999-9999 99:99:99";
        for (int i = 0; i < shape.length(); i++) {
            char want = shape.charAt(i);
            char c = s.charAt(i);
            if (want == '9' ? c < '0' || c > '9' : c != want) {
                return false;
            }
        }
        return true;
    }

    private static void packTime(Buffer b, String s, int month, int day) {
        b.put((byte) two(s, 0));
        b.put((byte) two(s, 2));
        b.put((byte) two(s, month));
        b.put((byte) two(s, day));
        int hour = s.length() - 8;
        b.put((byte) two(s, hour));
        b.put((byte) two(s, hour + 3));
        b.put((byte) two(s, hour + 6));
    }

    private static int two(String s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }

    private static final class Buffer {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void put(byte value) {
            ensure(1);
            bytes[size++] = value;
        }

        void put(byte[] values) {
            ensure(values.length);
            System.arraycopy(values, 0, bytes, size, values.length);
            size += values.length;
        }

        void varint(int value) {
            int v = value;
            while ((v & ~0x7f) != 0) {
                put((byte) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            put((byte) v);
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes, int pos) {
            this.bytes = bytes;
            this.pos = pos;
        }

        int varint() {
            int result = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[pos++];
                result |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
        }

        String text() {
            byte tag = bytes[pos++];
            if (tag == NULL) {
                return null;
            }
            int n = varint();
            if (tag == UTF16) {
                char[] chars = new char[n];
                for (int i = 0; i < n; i++) {
                    chars[i] = (char) (((bytes[pos] & 0xff) << 8) | (bytes[pos + 1] & 0xff));
                    pos += 2;
                }
                return new String(chars);
            }
            String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        void skipText() {
            byte tag = bytes[pos++];
            if (tag != NULL) {
                int n = varint();
                pos += tag == UTF16 ? 2 * n : n;
            }
        }

        String time() {
            byte tag = bytes[pos];
            if (tag != OKAST_TIME && tag != DASHED_TIME) {
                return text();
            }
            pos++;
            StringBuilder s = new StringBuilder(19);
            digits(s, bytes[pos]);
            digits(s, bytes[pos + 1]).append('-');
            digits(s, bytes[pos + 2]);
            if (tag == DASHED_TIME) {
                s.append('-');
            }
            digits(s, bytes[pos + 3]).append(' ');
            digits(s, bytes[pos + 4]).append(':');
            digits(s, bytes[pos + 5]).append(':');
            digits(s, bytes[pos + 6]);
            pos += 7;
            return s.toString();
        }

        void skipTime() {
            byte tag = bytes[pos];
            if (tag == OKAST_TIME || tag == DASHED_TIME) {
                pos += 8;
            } else {
                skipText();
            }
        }

        private static StringBuilder digits(StringBuilder s, byte value) {
            return s.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
        }
    }
}
