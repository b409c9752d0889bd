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
        Bytes b = new Bytes(96);
        writeKeyPrefix(b, key.filePath(), key.requestTime());
        b.varint(key.occurrence());
        return b.toArray();
    }

    /** The key without its occurrence: what entries sharing filePath and requestTime have in common. */
    static void writeKeyPrefix(Bytes b, CharSequence filePath, CharSequence requestTime) {
        time(b, requestTime);
        text(b, filePath);
    }

    static byte[] encodeState(EntryState state) {
        Bytes b = new Bytes(32);
        writeState(b, state.status(), state.lastStatusUpdate());
        return b.toArray();
    }

    static void writeState(Bytes b, CharSequence status, CharSequence lastStatusUpdate) {
        text(b, status);
        time(b, lastStatusUpdate);
    }

    static byte[] record(byte[] key, byte[] state) {
        byte[] record = Arrays.copyOf(key, key.length + state.length);
        System.arraycopy(state, 0, record, key.length, state.length);
        return record;
    }

    static final long HASH_SEED = 0xcbf29ce484222325L;

    /** Hash of a key's bytes, as {@link InstanceState} indexes it; never 0. */
    static int hash(byte[] bytes, int length) {
        return finish(fnv(bytes, 0, length, HASH_SEED));
    }

    /** FNV-1a over {@code bytes[from, to)} continuing from {@code h}: a key can be hashed in parts. */
    static long fnv(byte[] bytes, int from, int to, long h) {
        long x = h;
        for (int i = from; i < to; i++) {
            x = (x ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        return x;
    }

    /** A finaliser so that the table's multiply-shift home slots spread well; never 0 (0 marks an empty slot). */
    static int finish(long fnv) {
        long h = fnv;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        int folded = (int) (h ^ (h >>> 32));
        return folded == 0 ? 1 : folded;
    }

    /** Length of the key part at the start of a record. */
    static int keyLength(byte[] record) {
        return keyLength(record, 0);
    }

    static int keyLength(byte[] bytes, int offset) {
        Reader r = new Reader(bytes, offset);
        r.skipTime();
        r.skipText();
        r.varint();
        return r.pos - offset;
    }

    /** Length of the state part (status, lastStatusUpdate) that starts at {@code offset}. */
    static int stateLength(byte[] bytes, int offset) {
        Reader r = new Reader(bytes, offset);
        r.skipText();
        r.skipTime();
        return r.pos - offset;
    }

    /** Length of the status field that follows the key part. */
    static int statusLength(byte[] record, int offset) {
        Reader r = new Reader(record, offset);
        r.skipText();
        return r.pos - offset;
    }

    static EntryKey decodeKey(byte[] record) {
        return decodeKey(record, 0);
    }

    static EntryKey decodeKey(byte[] bytes, int offset) {
        Reader r = new Reader(bytes, offset);
        String requestTime = r.time();
        String filePath = r.text();
        return new EntryKey(filePath, requestTime, r.varint());
    }

    static EntryState decodeState(byte[] record, int offset) {
        Reader r = new Reader(record, offset);
        return new EntryState(r.text(), r.time());
    }

    private static void text(Bytes b, CharSequence s) {
        if (s == null) {
            b.put(NULL);
            return;
        }
        int n = s.length();
        if (hasLoneSurrogate(s)) {
            b.put(UTF16);
            b.varint(n);
            for (int i = 0; i < n; i++) {
                b.put((byte) (s.charAt(i) >>> 8));
                b.put((byte) s.charAt(i));
            }
            return;
        }
        b.put(RAW);
        b.varint(utf8Length(s));
        utf8(b, s);
    }

    private static boolean hasLoneSurrogate(CharSequence s) {
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

    /** UTF-8 length of a string without lone surrogates (what {@code String.getBytes(UTF_8)} would yield). */
    private static int utf8Length(CharSequence s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x800) {
                // A surrogate pair is 2 chars and 4 bytes; any other char from U+0800 on is 3 bytes.
                bytes += Character.isSurrogate(c) ? 1 : 2;
            } else if (c >= 0x80) {
                bytes += 1;
            }
        }
        return bytes;
    }

    /** Encodes like {@code String.getBytes(UTF_8)}, straight from any char sequence (no intermediate String). */
    private static void utf8(Bytes b, CharSequence s) {
        int n = s.length();
        b.ensure(n * 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b.put((byte) c);
            } else if (c < 0x800) {
                b.put((byte) (0xc0 | c >> 6));
                b.put((byte) (0x80 | c & 0x3f));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b.put((byte) (0xf0 | cp >> 18));
                b.put((byte) (0x80 | cp >> 12 & 0x3f));
                b.put((byte) (0x80 | cp >> 6 & 0x3f));
                b.put((byte) (0x80 | cp & 0x3f));
            } else {
                b.put((byte) (0xe0 | c >> 12));
                b.put((byte) (0x80 | c >> 6 & 0x3f));
                b.put((byte) (0x80 | c & 0x3f));
            }
        }
    }

    private static void time(Bytes b, CharSequence s) {
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
    private static boolean fixedWidth(CharSequence s, boolean dashed) {
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

    private static void packTime(Bytes b, CharSequence s, int month, int day) {
        b.put((byte) two(s, 0));
        b.put((byte) two(s, 2));
        b.put((byte) two(s, month));
        b.put((byte) two(s, day));
        int hour = s.length() - 8;
        b.put((byte) two(s, hour));
        b.put((byte) two(s, hour + 3));
        b.put((byte) two(s, hour + 6));
    }

    private static int two(CharSequence s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
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
