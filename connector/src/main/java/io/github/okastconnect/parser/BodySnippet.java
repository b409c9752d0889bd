package io.github.okastconnect.parser;

import java.nio.charset.StandardCharsets;

/** A short, printable prefix of a body for log messages: enough to recognise an HTML page or a PHP warning. */
public final class BodySnippet {
    private static final int MAX_BYTES = 60;

    private BodySnippet() {
    }

    public static String of(byte[] body) {
        int n = Math.min(body.length, MAX_BYTES);
        String text = new String(body, 0, n, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(n + 8).append('\'');
        text.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(cp) || cp == 0xFFFD) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        out.append('\'');
        if (body.length > MAX_BYTES) {
            out.append("… (").append(body.length).append(" bytes)");
        }
        return out.toString();
    }
}
