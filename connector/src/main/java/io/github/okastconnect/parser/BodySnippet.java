package io.github.okastconnect.parser;

import java.nio.charset.StandardCharsets;

/** A short, printable prefix of a body for log messages: enough to recognise an HTML page or a PHP warning. */
public final class BodySnippet {
    private static final int MAX_BYTES = 60;

    private BodySnippet() {}

    /**
     * Text safe for one log line: line breaks become spaces; control, format (e.g. bidi overrides), unassigned and
     * surrogate characters become '?', so a hostile body cannot forge or hide log content.
     */
    public static String sanitise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(' ');
            } else if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.UNASSIGNED
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || cp == 0xFFFD
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    public static String of(byte[] body) {
        int n = Math.min(body.length, MAX_BYTES);
        StringBuilder out = new StringBuilder(n + 8).append('\'');
        out.append(sanitise(new String(body, 0, n, StandardCharsets.UTF_8)));
        out.append('\'');
        if (body.length > MAX_BYTES) {
            out.append("… (").append(body.length).append(" bytes)");
        }
        return out.toString();
    }
}
