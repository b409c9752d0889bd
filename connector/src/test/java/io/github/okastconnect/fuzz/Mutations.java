package io.github.okastconnect.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Byte-level mutations of a body: bit flips, byte overwrites, insertions, deletions, truncation, splices from the
 * seeds or from the body itself, range duplication, JSON-significant tokens, invalid UTF-8, NUL, 0xFF and
 * re-encoding into UTF-16/UTF-32 (which Jackson auto-detects). Positions are taken modulo the current length, so
 * every mutation applies to every body.
 */
final class Mutations {

    enum Kind {
        FLIP_BIT,
        SET_BYTE,
        INSERT_BYTES,
        DELETE_RANGE,
        TRUNCATE,
        SPLICE,
        DUPLICATE_RANGE,
        INSERT_TOKEN,
        INSERT_GARBAGE,
        REPLACE_WITH_TOKEN,
        RE_ENCODE
    }

    /** Strings that mean something to a JSON reader, or to this parser's fields. */
    static final List<byte[]> TOKENS = List.of(
            b("["),
            b("]"),
            b("{"),
            b("}"),
            b(","),
            b(":"),
            b("\""),
            b("\\"),
            b("\\u"),
            b("\\uD800"),
            b("\\uDC00\""),
            b("\\u0000"),
            b("null"),
            b("true"),
            b("false"),
            b("1e999999"),
            b("-"),
            b("0."),
            b("-0"),
            b("1E+400"),
            b("123456789012345678901234567890"),
            b("\"request\":"),
            b("\"status\":{"),
            b("\"status\":["),
            b("\"request\":["),
            b("\"requestTime\":\"2022-1018 14:20:00\""),
            b("\"filePath\":\"x\","),
            b("{\"status\":\"DONE\"},"),
            b("\u00a0"),
            b("/*"),
            b("//"),
            b("#"),
            b("'"),
            b("NaN"),
            b("Infinity"),
            b("[".repeat(70)),
            b("{\"k\":".repeat(70)),
            b("]".repeat(70)),
            b("\r\n"),
            b(" \t"),
            b("\"\\\"\""),
            bytes(0xEF, 0xBB, 0xBF),
            bytes(0xFE, 0xFF),
            bytes(0xFF, 0xFE),
            bytes(0x00, 0x00, 0xFE, 0xFF),
            bytes(0xFF, 0xFE, 0x00, 0x00),
            bytes(0x00, 0x00, 0x00, '['),
            bytes('[', 0x00, 0x00, 0x00),
            bytes(0x00, '['),
            bytes('[', 0x00));

    /** Invalid or truncated UTF-8, overlong forms, encoded surrogates, NUL and 0xFF. */
    static final List<byte[]> GARBAGE = List.of(
            bytes(0x00),
            bytes(0xFF),
            bytes(0xFE),
            bytes(0x80),
            bytes(0xBF),
            bytes(0xC0, 0x80),
            bytes(0xC1, 0xBF),
            bytes(0xC2),
            bytes(0xE2, 0x82),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xED, 0xBF, 0xBF),
            bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xF0, 0x9F, 0x98),
            bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
            bytes(0xFC, 0x84, 0x80, 0x80, 0x80, 0x80),
            bytes(0xE0, 0x80, 0xAF),
            bytes(0xC2, 0xA0),
            bytes(0xEF, 0xBF, 0xBF),
            bytes(0x1B, '[', '2', 'J'),
            bytes(0x7F));

    static final List<Charset> ENCODINGS = List.of(
            StandardCharsets.UTF_16BE,
            StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16,
            Charset.forName("UTF-32BE"),
            Charset.forName("UTF-32LE"),
            Charset.forName("UTF-32"));

    record Mutation(Kind kind, int position, int length, int argument) {}

    private static final int[] KIND_WEIGHTS = {6, 4, 3, 4, 2, 3, 3, 6, 4, 3, 1};

    /** 1 to 8 mutations (mostly one or two, so many mutants stay parseable and reach the pipeline). */
    static List<Mutation> random(Random r) {
        int count = switch (r.nextInt(8)) {
            case 0, 1, 2, 3 -> 1;
            case 4, 5 -> 2;
            default -> 3 + r.nextInt(6);
        };
        List<Mutation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int total = 0;
            for (int w : KIND_WEIGHTS) {
                total += w;
            }
            int x = r.nextInt(total);
            int kind = 0;
            while ((x -= KIND_WEIGHTS[kind]) >= 0) {
                kind++;
            }
            int length = switch (r.nextInt(10)) {
                case 0 -> 257 + r.nextInt(8192 - 256);
                case 1, 2, 3 -> 9 + r.nextInt(248);
                default -> 1 + r.nextInt(8);
            };
            out.add(new Mutation(
                    Kind.values()[kind], r.nextInt(Integer.MAX_VALUE), length, r.nextInt(Integer.MAX_VALUE)));
        }
        return out;
    }

    /** Applies the mutations in order; {@code sources} are what SPLICE may copy from (besides the body itself). */
    static byte[] apply(byte[] body, List<Mutation> mutations, List<byte[]> sources) {
        byte[] current = body;
        for (Mutation m : mutations) {
            current = apply(current, m, sources);
        }
        return current;
    }

    private static byte[] apply(byte[] in, Mutation m, List<byte[]> sources) {
        int n = in.length;
        int at = m.position() % (n + 1);
        int arg = m.argument();
        switch (m.kind()) {
            case FLIP_BIT -> {
                if (n == 0) {
                    return in;
                }
                byte[] out = in.clone();
                out[at % n] ^= (byte) (1 << (arg % 8));
                return out;
            }
            case SET_BYTE -> {
                if (n == 0) {
                    return in;
                }
                byte[] out = in.clone();
                out[at % n] = (byte) arg;
                return out;
            }
            case INSERT_BYTES -> {
                byte[] random = new byte[Math.min(m.length(), 64)];
                long x = arg * 0x9E3779B97F4A7C15L + 1;
                for (int i = 0; i < random.length; i++) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    random[i] = (byte) x;
                }
                return insert(in, at, random);
            }
            case DELETE_RANGE -> {
                int end = Math.min(n, at + m.length());
                return concat(Arrays.copyOfRange(in, 0, at), Arrays.copyOfRange(in, end, n));
            }
            case TRUNCATE -> {
                return Arrays.copyOf(in, at);
            }
            case SPLICE -> {
                byte[] source =
                        arg % (sources.size() + 1) == sources.size() ? in : sources.get(arg % (sources.size() + 1));
                if (source.length == 0) {
                    return in;
                }
                int from = (arg / 7) % source.length;
                int to = Math.min(source.length, from + m.length());
                byte[] piece = Arrays.copyOfRange(source, from, to);
                // replace a range of the same length, or insert, depending on the argument's parity
                if (arg % 2 == 0) {
                    int end = Math.min(n, at + piece.length);
                    return concat(concat(Arrays.copyOfRange(in, 0, at), piece), Arrays.copyOfRange(in, end, n));
                }
                return insert(in, at, piece);
            }
            case DUPLICATE_RANGE -> {
                int end = Math.min(n, at + m.length());
                byte[] piece = Arrays.copyOfRange(in, at, end);
                byte[] out = in;
                int times = 1 + arg % 3;
                for (int i = 0; i < times; i++) {
                    out = insert(out, end, piece);
                }
                return out;
            }
            case INSERT_TOKEN -> {
                return insert(in, at, TOKENS.get(arg % TOKENS.size()));
            }
            case INSERT_GARBAGE -> {
                return insert(in, at, GARBAGE.get(arg % GARBAGE.size()));
            }
            case REPLACE_WITH_TOKEN -> {
                byte[] token = TOKENS.get(arg % TOKENS.size());
                int end = Math.min(n, at + token.length);
                return concat(concat(Arrays.copyOfRange(in, 0, at), token), Arrays.copyOfRange(in, end, n));
            }
            case RE_ENCODE -> {
                return new String(in, StandardCharsets.UTF_8).getBytes(ENCODINGS.get(arg % ENCODINGS.size()));
            }
            default -> throw new IllegalStateException(m.kind().toString());
        }
    }

    private static byte[] insert(byte[] in, int at, byte[] piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + piece.length);
        out.write(in, 0, at);
        out.write(piece, 0, piece.length);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
