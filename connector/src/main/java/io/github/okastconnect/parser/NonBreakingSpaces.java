package io.github.okastconnect.parser;

/**
 * Okast's published example indents its JSON with U+00A0 (no-break space), which JSON does not allow as
 * whitespace. Bodies copied or proxied from such pages carry it too, so as a fallback the parser turns each
 * U+00A0 found between tokens (never inside a string) into two ASCII spaces: same length, same meaning.
 */
final class NonBreakingSpaces {
    private static final byte LEAD = (byte) 0xC2;
    private static final byte TRAIL = (byte) 0xA0;

    private NonBreakingSpaces() {}

    /** A copy with U+00A0 outside strings replaced, or {@code null} if there is none to replace. */
    static byte[] normalise(byte[] body) {
        byte[] out = null;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == LEAD && i + 1 < body.length && body[i + 1] == TRAIL) {
                if (out == null) {
                    out = body.clone();
                }
                out[i] = ' ';
                out[i + 1] = ' ';
                i++;
            }
        }
        return out;
    }
}
