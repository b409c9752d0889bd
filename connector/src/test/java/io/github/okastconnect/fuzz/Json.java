package io.github.okastconnect.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A tiny JSON value model for the fuzzers. Unlike a Jackson tree it keeps duplicate keys and field order, and its
 * writer controls every byte: escaping style, whitespace (including U+00A0 between tokens, which Okast's own
 * example uses), and a leading BOM.
 */
sealed interface Json {

    /** Nesting depth as Jackson counts it: a scalar is 0, each array or object level adds 1. */
    int depth();

    default boolean isContainer() {
        return this instanceof Arr || this instanceof Obj;
    }

    record Null() implements Json {
        @Override
        public int depth() {
            return 0;
        }
    }

    record Bool(boolean value) implements Json {
        @Override
        public int depth() {
            return 0;
        }
    }

    /** A number exactly as written in the body; always valid JSON number syntax. */
    record Num(String text) implements Json {
        @Override
        public int depth() {
            return 0;
        }
    }

    record Str(String value) implements Json {
        @Override
        public int depth() {
            return 0;
        }

        @Override
        public String toString() {
            return value.length() > 80
                    ? "Str[" + value.length() + " chars: " + value.substring(0, 40) + "…]"
                    : "Str[" + value + "]";
        }
    }

    /**
     * An array element written verbatim: JSON the parser must refuse (a raw control character in a string, a
     * malformed token), with the reason it must count it under. Never inside another value.
     */
    record Broken(String text, io.github.okastconnect.parser.SkipReason reason) implements Json {
        @Override
        public int depth() {
            return 0;
        }
    }

    record Arr(List<Json> items) implements Json {
        @Override
        public int depth() {
            int max = 0;
            for (Json item : items) {
                max = Math.max(max, item.depth());
            }
            return 1 + max;
        }
    }

    record Field(String name, Json value) {
        @Override
        public String toString() {
            return (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "=" + value;
        }
    }

    /** An object whose fields may repeat a name: the parser must see the duplicates as sent. */
    record Obj(List<Field> fields) implements Json {
        @Override
        public int depth() {
            int max = 0;
            for (Field field : fields) {
                max = Math.max(max, field.value().depth());
            }
            return 1 + max;
        }
    }

    /** {@code depth} levels of arrays (or objects with key "k") around a scalar: cheap deep nesting. */
    static Json nested(int depth, boolean objects, Json innermost) {
        Json value = innermost;
        for (int i = 0; i < depth; i++) {
            value = objects ? new Obj(List.of(new Field("k", value))) : new Arr(List.of(value));
        }
        return value;
    }

    /**
     * How a body is written. Every choice is derived from {@code seed}, so a given style always yields the same
     * bytes (jqwik can shrink and replay it).
     *
     * @param whitespace 0 none, 1 ASCII whitespace, 2 ASCII whitespace and U+00A0 between tokens
     * @param escapeNonAscii write every non-ASCII char as a \\u escape instead of raw UTF-8
     * @param escapeSome also escape some ASCII chars as \\u00XX (and '/' as \\/) at random
     */
    record Style(long seed, int whitespace, boolean escapeNonAscii, boolean escapeSome, boolean bom) {
        static final Style COMPACT = new Style(0, 0, false, false, false);
    }

    static byte[] bytes(Json value, Style style) {
        return text(value, style).getBytes(StandardCharsets.UTF_8);
    }

    static String text(Json value, Style style) {
        Writer writer = new Writer(style);
        if (style.bom()) {
            writer.out.append('\uFEFF');
        }
        writer.ws();
        writer.write(value);
        writer.ws();
        return writer.out.toString();
    }

    final class Writer {
        /** True when no char of {@code s} needs an escape in this style (the common case, written in bulk). */
        private boolean plain(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20
                        || c == '"'
                        || c == '\\'
                        || c == '/'
                        || Character.isSurrogate(c)
                        || (c > 0x7E && style.escapeNonAscii())) {
                    return false;
                }
            }
            return true;
        }

        private static final String[] ASCII_WS = {" ", "\n", "\t", "\r\n", "  "};
        private static final String HEX_LOWER = "0123456789abcdef";
        private static final String HEX_UPPER = "0123456789ABCDEF";
        private final StringBuilder out = new StringBuilder(4096);
        private final Style style;
        private final Random random;

        private Writer(Style style) {
            this.style = style;
            this.random = new Random(style.seed());
        }

        private void ws() {
            if (style.whitespace() == 0 || random.nextInt(3) != 0) {
                return;
            }
            if (style.whitespace() == 2 && random.nextInt(3) == 0) {
                out.append('\u00A0');
            } else {
                out.append(ASCII_WS[random.nextInt(ASCII_WS.length)]);
            }
        }

        private void write(Json value) {
            if (value instanceof Null) {
                out.append("null");
            } else if (value instanceof Bool b) {
                out.append(b.value());
            } else if (value instanceof Num n) {
                out.append(n.text());
            } else if (value instanceof Str s) {
                string(s.value());
            } else if (value instanceof Broken b) {
                out.append(b.text());
            } else if (value instanceof Arr a) {
                out.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    ws();
                    write(a.items().get(i));
                    ws();
                }
                out.append(']');
            } else {
                Obj o = (Obj) value;
                out.append('{');
                for (int i = 0; i < o.fields().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    ws();
                    string(o.fields().get(i).name());
                    ws();
                    out.append(':');
                    ws();
                    write(o.fields().get(i).value());
                    ws();
                }
                out.append('}');
            }
        }

        private void string(String s) {
            out.append('"');
            if (!style.escapeSome() && plain(s)) {
                out.append(s).append('"');
                return;
            }
            out.ensureCapacity(out.length() + s.length() + 16);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append(style.escapeSome() && random.nextBoolean() ? "\\u000a" : "\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '/' -> out.append(style.escapeSome() && random.nextBoolean() ? "\\/" : "/");
                    default -> {
                        boolean loneSurrogate = Character.isSurrogate(c)
                                && !(Character.isHighSurrogate(c)
                                        && i + 1 < s.length()
                                        && Character.isLowSurrogate(s.charAt(i + 1)))
                                && !(Character.isLowSurrogate(c)
                                        && i > 0
                                        && Character.isHighSurrogate(s.charAt(i - 1)));
                        if (c < 0x20
                                || loneSurrogate
                                || (c > 0x7E && style.escapeNonAscii())
                                || (c < 0x80 && style.escapeSome() && random.nextInt(8) == 0)) {
                            // Lone surrogates cannot be written as UTF-8: they are always escaped.
                            String hex = random.nextBoolean() ? HEX_LOWER : HEX_UPPER;
                            out.append('\\')
                                    .append('u')
                                    .append(hex.charAt(c >> 12))
                                    .append(hex.charAt((c >> 8) & 0xF))
                                    .append(hex.charAt((c >> 4) & 0xF))
                                    .append(hex.charAt(c & 0xF));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
