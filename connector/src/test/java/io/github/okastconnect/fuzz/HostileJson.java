package io.github.okastconnect.fuzz;

import io.github.okastconnect.parser.IngestStatusParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile status bodies from a seed: wrong JSON types in every field, strings around and above
 * {@link IngestStatusParser#MAX_FIELD_CHARS}, nesting below and above the parser's cap, duplicate keys, control
 * characters and unicode (raw and escaped), unknown statuses and unknown fields, non-object elements, and elements
 * the JSON parser refuses (raw control characters, malformed tokens) between well-formed ones.
 *
 * <p>Plain {@code java.util.Random} rather than composed jqwik arbitraries: jqwik's combinators cost tens of
 * microseconds per string and milliseconds per body, far too slow for 100,000 bodies a run. jqwik supplies the seed
 * (and reports it on failure); the same seed always yields the same body.
 */
final class HostileJson {
    static final int MAX = IngestStatusParser.MAX_FIELD_CHARS;
    static final List<String> ENTRY_FIELDS =
            List.of("request", "requestTime", "lastStatusUpdate", "status", "statusError");
    static final List<String> REQUEST_FIELDS = List.of(
            "filePath",
            "metadataPath",
            "destinationFolder",
            "destinationFolderKind",
            "destinationFolderIndex",
            "destinationFolderIndexReplace",
            "reschedule",
            "validate",
            "priority",
            "tags",
            "FilePath",
            "filepath ",
            "");
    private static final String[] STATUSES = {
        "DONE",
        "ERRORED",
        "PENDING",
        "IN_PROGRESS",
        "TRANSCODING_PHASE_2",
        "done",
        "DONE ",
        "ERRORED\u0000",
        "\u0000",
        "SUPPRIMÉ",
        "完了",
        "null",
        "true",
        "0",
        "File already exists"
    };
    private static final String[] UNKNOWN_NAMES = {
        "futureField",
        "filePath",
        "Status",
        "REQUEST",
        "request ",
        "status\u0000",
        "reqüest",
        "",
        "lastStatusUpdate\u200b",
        "__proto__",
        "\ud83d\ude00"
    };
    private static final String[] CONTAINER_NAMES = {"k", "a", "status", "request", "filePath"};
    private static final char[] SPECIAL = {
        '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\u202e', '\ufeff', '\ufffd', '"', '\\', '/', 'x', '\u0000',
        '\u001b', '\n', '\t'
    };
    private static final String[] HUGE_UNITS = {"x", "é", "\u0000", "\"", "\\", "\u2028", "\ud83d\ude00", "ab"};
    private static final String[] TIME_FORMATS = {
        "%04d-%02d%02d %02d:%02d:%02d",
        "%04d-%02d-%02d %02d:%02d:%02d",
        "%04d-%02d-%02dT%02d:%02d:%02d",
        "%04d-%02d-%02dT%02d:%02d:%02dZ",
        "%04d-%02d-%02dT%02d:%02d:%02d+02:00",
        "%04d-%02d-%02dT%02d:%02d:%02d-18:00",
        "%04d-%02d%02d %02d:%02d",
        " %04d-%02d%02d %02d:%02d:%02d ",
        "%04d/%02d/%02d %02d:%02d:%02d"
    };

    /** A generated body: its elements (the model) and how it is written. */
    record Body(List<Json> elements, Json.Style style) {
        byte[] bytes() {
            return Json.bytes(new Json.Arr(elements), style);
        }

        @Override
        public String toString() {
            return "Body[" + elements + ", " + style + "]";
        }
    }

    private final Random r;

    HostileJson(long seed) {
        this.r = new Random(seed);
    }

    static Body body(long seed) {
        return new HostileJson(seed).body();
    }

    Body body() {
        int n = r.nextInt(7);
        List<Json> elements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            elements.add(element());
        }
        return new Body(elements, style());
    }

    Json.Style style() {
        return new Json.Style(r.nextLong(), r.nextInt(3), r.nextBoolean(), r.nextBoolean(), r.nextInt(20) == 0);
    }

    /** Picks an index with the given relative weights. */
    private int pick(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    private boolean chance(double p) {
        return r.nextDouble() < p;
    }

    // ---- elements and entries ----------------------------------------------------------------------------------

    Json element() {
        return switch (pick(90, 6, 3, 1, 6)) {
            case 0 -> entry();
            case 1 -> scalar();
            case 2 -> new Json.Arr(children(3));
            case 3 -> deep();
            default -> broken();
        };
    }

    private static final String[] BAD_TOKENS = {
        "tru",
        "nul",
        "01",
        "-",
        "1.",
        "NaN",
        "Infinity",
        "'x'",
        "undefined",
        "+1",
        "0x1F",
        "\"bad \\q escape\"",
        "\"\\u12G4\""
    };

    /** An entry that is not valid JSON but whose structure still delimits it: a raw control character or a bad token. */
    Json.Broken broken() {
        String field = chance(0.5) ? "status" : ENTRY_FIELDS.get(r.nextInt(ENTRY_FIELDS.size()));
        if (chance(0.5)) {
            char control = (char) r.nextInt(0x20);
            String value = alnum(r.nextInt(6)) + control + alnum(r.nextInt(6));
            String text = chance(0.8)
                    ? "{\"request\":{\"filePath\":\"" + value + "\"},\"" + field + "\":\"DONE\"}"
                    : "{\"" + field + "\":\"" + value + "\"}";
            return new Json.Broken(text, io.github.okastconnect.parser.SkipReason.CONTROL_CHARACTER);
        }
        String token = BAD_TOKENS[r.nextInt(BAD_TOKENS.length)];
        return new Json.Broken(
                "{\"requestTime\":\"" + timestamp() + "\",\"" + field + "\":" + token + "}",
                io.github.okastconnect.parser.SkipReason.INVALID_JSON);
    }

    Json.Obj entry() {
        List<Json.Field> fields = new ArrayList<>();
        if (chance(0.85)) {
            fields.add(new Json.Field("request", requestValue()));
        }
        addScalarField(fields, "requestTime", 0.9);
        addScalarField(fields, "lastStatusUpdate", 0.8);
        addScalarField(fields, "status", 0.9);
        addScalarField(fields, "statusError", 0.4);
        if (chance(0.25)) {
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                fields.add(unknownField());
            }
        }
        if (chance(0.15)) {
            for (int i = 1 + r.nextInt(2); i > 0; i--) {
                String name = ENTRY_FIELDS.get(r.nextInt(ENTRY_FIELDS.size()));
                fields.add(new Json.Field(name, name.equals("request") ? requestValue() : fieldValue()));
            }
        }
        Collections.shuffle(fields, r);
        return new Json.Obj(fields);
    }

    private void addScalarField(List<Json.Field> fields, String name, double present) {
        if (chance(present)) {
            fields.add(new Json.Field(name, fieldValue()));
        }
    }

    Json requestValue() {
        return switch (pick(85, 5, 5, 4, 1)) {
            case 0 -> requestObject();
            case 1 -> new Json.Null();
            case 2 -> scalar();
            case 3 -> new Json.Arr(children(3));
            default -> deep();
        };
    }

    Json.Obj requestObject() {
        List<String> names = new ArrayList<>(REQUEST_FIELDS);
        Collections.shuffle(names, r);
        List<Json.Field> fields = new ArrayList<>();
        for (String name : names.subList(0, r.nextInt(9))) {
            fields.add(new Json.Field(name, fieldValue()));
        }
        if (chance(0.1)) {
            for (int i = 1 + r.nextInt(2); i > 0; i--) {
                fields.add(new Json.Field(REQUEST_FIELDS.get(r.nextInt(REQUEST_FIELDS.size())), fieldValue()));
            }
        }
        Collections.shuffle(fields, r);
        return new Json.Obj(fields);
    }

    Json.Field unknownField() {
        String name = chance(0.75) ? UNKNOWN_NAMES[r.nextInt(UNKNOWN_NAMES.length)] : shortString();
        Json value = switch (pick(4, 3, 1)) {
            case 0 -> scalar();
            case 1 -> container(3);
            default -> deep();
        };
        return new Json.Field(name, value);
    }

    // ---- values --------------------------------------------------------------------------------------------------

    /** Value of a field that must be a scalar: mostly right, often the wrong JSON type. */
    Json fieldValue() {
        return switch (pick(80, 4, 4, 3, 6, 1)) {
            case 0 -> new Json.Str(string());
            case 1 -> new Json.Null();
            case 2 -> new Json.Num(number());
            case 3 -> new Json.Bool(r.nextBoolean());
            case 4 -> container(3);
            default -> deep();
        };
    }

    Json scalar() {
        return switch (pick(6, 2, 1, 1)) {
            case 0 -> new Json.Str(string());
            case 1 -> new Json.Num(number());
            case 2 -> new Json.Bool(r.nextBoolean());
            default -> new Json.Null();
        };
    }

    /** A small array or object (depth 1 to {@code depth}) whose objects may repeat keys. */
    Json container(int depth) {
        if (r.nextBoolean()) {
            return new Json.Arr(depth <= 1 ? scalars(3) : children(depth));
        }
        List<Json.Field> fields = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            String name = chance(0.75) ? CONTAINER_NAMES[r.nextInt(CONTAINER_NAMES.length)] : shortString();
            fields.add(new Json.Field(name, depth > 1 && chance(0.25) ? container(depth - 1) : scalar()));
        }
        return new Json.Obj(fields);
    }

    private List<Json> children(int depth) {
        List<Json> items = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            items.add(depth > 1 && chance(0.25) ? container(depth - 1) : scalar());
        }
        return items;
    }

    private List<Json> scalars(int max) {
        List<Json> items = new ArrayList<>();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            items.add(scalar());
        }
        return items;
    }

    /**
     * Nesting around the parser's cap: a request value of depth d nests 3 + d deep in the body (array, entry,
     * request), an entry field 2 + d, an element 1 + d; the cap ({@link ParserOracle#MAX_NESTING}) falls inside.
     */
    Json deep() {
        int cap = ParserOracle.MAX_NESTING;
        int depth = switch (pick(4, 1, 1)) {
            case 0 -> cap - 7 + r.nextInt(10);
            case 1 -> 1 + r.nextInt(12);
            default -> 100 + r.nextInt(300);
        };
        return Json.nested(depth, r.nextBoolean(), scalar());
    }

    // ---- strings -------------------------------------------------------------------------------------------------

    /** Any string a hostile endpoint might send: mostly short, rarely around or far above the field cap. */
    String string() {
        return r.nextInt(2000) == 0
                ? huge(r.nextInt(20) == 0 ? 2 * MAX + r.nextInt(MAX) : MAX - 2 + r.nextInt(5))
                : shortString();
    }

    String shortString() {
        return switch (pick(5, 3, 2, 2, 3, 3, 1)) {
            case 0 -> alnum(r.nextInt(25));
            case 1 -> bmp(r.nextInt(13));
            case 2 -> special(r.nextInt(11));
            case 3 -> supplementary(r.nextInt(9));
            case 4 -> timestamp();
            case 5 -> STATUSES[r.nextInt(STATUSES.length)];
            default -> "";
        };
    }

    private String alnum(int n) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_:/.%";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    /** The whole BMP, lone surrogates included (they can only travel escaped). */
    private String bmp(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) r.nextInt(0x10000));
        }
        return sb.toString();
    }

    private String special(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chance(0.5) ? (char) r.nextInt(0x20) : SPECIAL[r.nextInt(SPECIAL.length)]);
        }
        return sb.toString();
    }

    private String supplementary(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(
                    switch (pick(3, 1, 2, 1)) {
                        case 0 -> 0x1F300 + r.nextInt(0x800);
                        case 1 -> 0x10000 + r.nextInt(0x100000);
                        case 2 -> 0x20 + r.nextInt(0x5F);
                        default -> 0x80 + r.nextInt(0x780);
                    });
        }
        return sb.toString();
    }

    /** Exactly {@code n} UTF-16 chars, filled with one- or two-char units. */
    String huge(int n) {
        String unit = HUGE_UNITS[r.nextInt(HUGE_UNITS.length)];
        StringBuilder sb = new StringBuilder(n);
        if (unit.length() == 2 && n % 2 == 1) {
            sb.append('a');
        }
        while (sb.length() + unit.length() <= n) {
            sb.append(unit);
        }
        while (sb.length() < n) {
            sb.append('z');
        }
        return sb.toString();
    }

    /** What Okast sends ("2022-1018 14:20:00"), its relatives, and near misses (month 13, hour 25, ISO with zone). */
    String timestamp() {
        String form = TIME_FORMATS[r.nextInt(TIME_FORMATS.length)];
        int[] values = {r.nextInt(10000), r.nextInt(14), r.nextInt(33), r.nextInt(26), r.nextInt(62), r.nextInt(62)};
        // String.format is slow enough to matter at 100,000 bodies; this fills the %0Nd fields by hand.
        StringBuilder sb = new StringBuilder(32);
        int v = 0;
        for (int i = 0; i < form.length(); i++) {
            char c = form.charAt(i);
            if (c == '%') {
                int width = form.charAt(i + 2) - '0';
                String digits = Integer.toString(values[v++]);
                for (int pad = width - digits.length(); pad > 0; pad--) {
                    sb.append('0');
                }
                sb.append(digits);
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Valid JSON number syntax only: the parser must keep the text exactly. */
    String number() {
        StringBuilder sb = new StringBuilder();
        if (chance(0.33)) {
            sb.append('-');
        }
        if (chance(0.2)) {
            sb.append('0');
        } else {
            sb.append((char) ('1' + r.nextInt(9)));
            for (int i = r.nextInt(40); i > 0; i--) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
        }
        if (chance(0.33)) {
            sb.append('.');
            for (int i = 1 + r.nextInt(20); i > 0; i--) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
        }
        if (chance(0.25)) {
            sb.append(r.nextBoolean() ? 'e' : 'E').append(new String[] {"", "+", "-"}[r.nextInt(3)]);
            for (int i = 1 + r.nextInt(4); i > 0; i--) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
        }
        return sb.toString();
    }
}
