package io.github.okastconnect.state;

/**
 * Makes any Java string survive a header converter's UTF-8: a lone surrogate (which an endpoint's JSON can carry
 * escaped) has no UTF-8 form and would come back as '?', moving the entry to another key. Lone surrogates become
 * {@code \\uXXXX} and a backslash {@code \\\\}; everything else is left as it is.
 */
final class HeaderEscape {
    private HeaderEscape() {}

    static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            String replacement =
                    c == '\\' ? "\\\\" : Character.isSurrogate(c) && !pair ? String.format("\\u%04x", (int) c) : null;
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                    if (pair) {
                        out.append(text.charAt(++i));
                    }
                }
            } else if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    static String unescape(String text) {
        if (text == null || text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
            } else if (text.charAt(i + 1) == 'u' && i + 6 <= text.length()) {
                out.append((char) Integer.parseInt(text, i + 2, i + 6, 16));
                i += 5;
            } else {
                out.append(text.charAt(++i));
            }
        }
        return out.toString();
    }
}
