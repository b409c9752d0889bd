package io.github.okastconnect.detect;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
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

    private EntryCodec() {}

    static byte[] encodeKey(EntryKey key) {
        GrowableBytes b = new GrowableBytes(96);
        writeKeyPrefix(b, key.filePath(), key.requestTime());
        b.varint(key.occurrence());
        return b.toArray();
    }

    /** The key without its occurrence: what entries sharing filePath and requestTime have in common. */
    static void writeKeyPrefix(GrowableBytes b, CharSequence filePath, CharSequence requestTime) {
        time(b, requestTime);
        text(b, filePath);
    }

    /**
     * Writes the record of an entry as a poll first sees it (occurrence 0): key, then state. Returns where the key
     * ends in {@code b}; its occurrence is the one byte before.
     */
    static int writeRecord(
            GrowableBytes b,
            CharSequence filePath,
            CharSequence requestTime,
            CharSequence status,
            CharSequence lastStatusUpdate) {
        writeKeyPrefix(b, filePath, requestTime);
        b.put((byte) 0); // occurrence 0, as a varint
        int keyEnd = b.size();
        writeState(b, status, lastStatusUpdate);
        return keyEnd;
    }

    static byte[] encodeState(EntryState state) {
        GrowableBytes b = new GrowableBytes(32);
        writeState(b, state.status(), state.lastStatusUpdate());
        return b.toArray();
    }

    static void writeState(GrowableBytes b, CharSequence status, CharSequence lastStatusUpdate) {
        text(b, status);
        time(b, lastStatusUpdate);
    }

    static byte[] record(byte[] key, byte[] state) {
        byte[] record = Arrays.copyOf(key, key.length + state.length);
        System.arraycopy(state, 0, record, key.length, state.length);
        return record;
    }

    private static final Hasher64 XXH3 = Hashing.xxh3_64();

    /** Hash of a key's bytes, as {@link InstanceState} indexes it; never 0. */
    static int hash(byte[] bytes, int length) {
        return hash(bytes, 0, length);
    }

    /** Hash of {@code bytes[from, to)} (XXH3-64 folded to 32 bits); never 0, which marks an empty table slot. */
    static int hash(byte[] bytes, int from, int to) {
        long h = XXH3.hashBytesToLong(bytes, from, to - from);
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

    private static void text(GrowableBytes b, CharSequence s) {
        if (s == null) {
            b.put(NULL);
            return;
        }
        int n = s.length();
        if (ascii(b, s, n)) {
            return;
        }
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

    /**
     * The usual case in one pass: writes an ASCII string (its UTF-8 is one byte per char) and returns true; at the
     * first other char it takes back what it wrote and returns false.
     */
    private static boolean ascii(GrowableBytes b, CharSequence s, int n) {
        int mark = b.size();
        b.put(RAW);
        b.varint(n);
        int at = b.reserve(n);
        byte[] out = b.array();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                b.truncate(mark);
                return false;
            }
            out[at + i] = (byte) c;
        }
        return true;
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
    private static void utf8(GrowableBytes b, CharSequence s) {
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

    private static void time(GrowableBytes b, CharSequence s) {
        if (s == null || !packedTime(b, s)) {
            text(b, s);
        }
    }

    /**
     * Writes {@code dddd-dddd dd:dd:dd} (Okast) or {@code dddd-dd-dd dd:dd:dd} (digits and separators only) as its
     * tag and 7 two-digit bytes, checking and packing in one pass; false (nothing written) for anything else.
     */
    private static boolean packedTime(GrowableBytes b, CharSequence s) {
        int n = s.length();
        if (n != 18 && n != 19) {
            return false;
        }
        int d = n - 18; // 1 when the month and day are dashed
        if (s.charAt(4) != '-'
                || (d == 1 && s.charAt(7) != '-')
                || s.charAt(9 + d) != ' '
                || s.charAt(12 + d) != ':'
                || s.charAt(15 + d) != ':') {
            return false;
        }
        int century = two(s, 0);
        int year = two(s, 2);
        int month = two(s, 5);
        int day = two(s, 7 + d);
        int hour = two(s, 10 + d);
        int minute = two(s, 13 + d);
        int second = two(s, 16 + d);
        if ((century | year | month | day | hour | minute | second) < 0) {
            return false;
        }
        int at = b.reserve(8);
        byte[] out = b.array();
        out[at] = d == 1 ? DASHED_TIME : OKAST_TIME;
        out[at + 1] = (byte) century;
        out[at + 2] = (byte) year;
        out[at + 3] = (byte) month;
        out[at + 4] = (byte) day;
        out[at + 5] = (byte) hour;
        out[at + 6] = (byte) minute;
        out[at + 7] = (byte) second;
        return true;
    }

    /** The two ASCII digits at {@code at} as a number, or -1 if either is not a digit. */
    private static int two(CharSequence s, int at) {
        int tens = s.charAt(at) - '0';
        int units = s.charAt(at + 1) - '0';
        if (tens < 0 || tens > 9 || units < 0 || units > 9) {
            return -1;
        }
        return tens * 10 + units;
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
