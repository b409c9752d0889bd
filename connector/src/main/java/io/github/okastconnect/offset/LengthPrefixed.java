package io.github.okastconnect.offset;

/**
 * Packs nullable strings into one string without any escaping: each is {@code ~} when null, else its length,
 * a colon and the text. Raw endpoint strings may contain any character, so no separator would be safe.
 */
final class LengthPrefixed {
    private LengthPrefixed() {}

    static void append(StringBuilder out, String value) {
        if (value == null) {
            out.append('~');
        } else {
            out.append(value.length()).append(':').append(value);
        }
    }

    /** Reads fields in sequence from an encoded string. */
    static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        String next() {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("ends early");
            }
            if (text.charAt(pos) == '~') {
                pos++;
                return null;
            }
            int colon = text.indexOf(':', pos);
            if (colon <= pos || colon - pos > 9) {
                throw new IllegalArgumentException("bad length at position " + pos);
            }
            int length;
            try {
                length = Integer.parseInt(text, pos, colon, 10);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad length at position " + pos);
            }
            int end = colon + 1 + length;
            if (length < 0 || end > text.length()) {
                throw new IllegalArgumentException("length " + length + " runs past the end");
            }
            String value = text.substring(colon + 1, end);
            pos = end;
            return value;
        }

        String rest() {
            String rest = text.substring(pos);
            pos = text.length();
            return rest;
        }

        boolean atEnd() {
            return pos == text.length();
        }
    }
}
