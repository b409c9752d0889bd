package io.github.okastconnect.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the status array by hand rather than through Jackson: the shape is fixed and all values
 * are strings, and writing each entry to its own UTF-8 fragment lets the engine re-render only
 * the entries that changed, then assemble a large body with plain array copies.
 */
final class StatusJsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final JsonStyle style;
    private final ZoneId zone;

    StatusJsonWriter(JsonStyle style, ZoneId zone) {
        this.style = style;
        this.zone = zone;
    }

    /** One array element, without the separator; indented for depth 1 when pretty. */
    byte[] fragment(
            IngestRequest request, Instant requestTime, Instant lastStatusUpdate, String status, String statusError) {
        Bytes out = new Bytes(384);
        boolean pretty = style.pretty();
        String nl = pretty ? "\n" : "";
        String i1 = pretty ? "    " : "";
        String i2 = pretty ? "        " : "";
        String i3 = pretty ? "            " : "";
        String colon = pretty ? ": " : ":";
        out.ascii(i1)
                .ascii("{")
                .ascii(nl)
                .ascii(i2)
                .ascii("\"request\"")
                .ascii(colon)
                .ascii("{");
        boolean first = true;
        for (Map.Entry<String, String> field : request.fields().entrySet()) {
            out.ascii(first ? "" : ",").ascii(nl).ascii(i3);
            string(out, field.getKey());
            out.ascii(colon);
            string(out, field.getValue());
            first = false;
        }
        if (!first) {
            out.ascii(nl).ascii(i2);
        }
        out.ascii("}");
        member(out, nl, i2, colon, "requestTime", OkastTime.format(requestTime, zone));
        member(out, nl, i2, colon, "lastStatusUpdate", OkastTime.format(lastStatusUpdate, zone));
        member(out, nl, i2, colon, "status", status);
        if (statusError != null) {
            member(out, nl, i2, colon, "statusError", statusError);
        }
        out.ascii(nl).ascii(i1).ascii("}");
        return out.toArray();
    }

    byte[] assemble(Collection<byte[]> fragments) {
        if (fragments.isEmpty()) {
            return new byte[] {'[', ']'};
        }
        byte[] separator = style.pretty() ? new byte[] {',', '\n'} : new byte[] {','};
        byte[] open = style.pretty() ? new byte[] {'[', '\n'} : new byte[] {'['};
        byte[] close = style.pretty() ? new byte[] {'\n', ']'} : new byte[] {']'};
        long size = open.length + close.length + (long) separator.length * (fragments.size() - 1);
        for (byte[] fragment : fragments) {
            size += fragment.length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("status body would exceed 2 GiB");
        }
        byte[] body = new byte[(int) size];
        int at = put(body, 0, open);
        boolean first = true;
        for (byte[] fragment : fragments) {
            if (!first) {
                at = put(body, at, separator);
            }
            at = put(body, at, fragment);
            first = false;
        }
        put(body, at, close);
        return body;
    }

    private static int put(byte[] target, int at, byte[] source) {
        System.arraycopy(source, 0, target, at, source.length);
        return at + source.length;
    }

    private void member(Bytes out, String nl, String indent, String colon, String name, String value) {
        out.ascii(",").ascii(nl).ascii(indent);
        string(out, name);
        out.ascii(colon);
        string(out, value);
    }

    private void string(Bytes out, String value) {
        out.put('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.ascii("\\\"");
                case '\\' -> out.ascii("\\\\");
                case '\n' -> out.ascii("\\n");
                case '\r' -> out.ascii("\\r");
                case '\t' -> out.ascii("\\t");
                case '\b' -> out.ascii("\\b");
                case '\f' -> out.ascii("\\f");
                case '/' -> out.ascii(style.escapeSlashes() ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || (c >= 0x80 && style.escapeUnicode())) {
                        unicodeEscape(out, c);
                    } else if (c < 0x80) {
                        out.put(c);
                    } else {
                        i = utf8(out, value, i);
                    }
                }
            }
        }
        out.put('"');
    }

    /** Encodes the code point at {@code i}; returns the index of its last char. Lone surrogates become '?', as String.getBytes does. */
    private static int utf8(Bytes out, String value, int i) {
        int cp = value.codePointAt(i);
        if (cp < 0x800) {
            out.put(0xC0 | (cp >> 6)).put(0x80 | (cp & 0x3F));
        } else if (Character.isSurrogate((char) cp)) {
            out.put('?');
        } else if (cp < 0x10000) {
            out.put(0xE0 | (cp >> 12)).put(0x80 | ((cp >> 6) & 0x3F)).put(0x80 | (cp & 0x3F));
        } else {
            out.put(0xF0 | (cp >> 18))
                    .put(0x80 | ((cp >> 12) & 0x3F))
                    .put(0x80 | ((cp >> 6) & 0x3F))
                    .put(0x80 | (cp & 0x3F));
            return i + 1;
        }
        return i;
    }

    private static void unicodeEscape(Bytes out, char c) {
        out.put('\\')
                .put('u')
                .put(HEX[(c >> 12) & 0xf])
                .put(HEX[(c >> 8) & 0xf])
                .put(HEX[(c >> 4) & 0xf])
                .put(HEX[c & 0xf]);
    }

    /** A growable byte buffer without ByteArrayOutputStream's synchronisation. */
    private static final class Bytes {
        private byte[] data;
        private int size;

        Bytes(int capacity) {
            data = new byte[capacity];
        }

        Bytes put(int b) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = (byte) b;
            return this;
        }

        /** Only for strings known to be ASCII (the fixed syntax). */
        Bytes ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                put(text.charAt(i));
            }
            return this;
        }

        byte[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
