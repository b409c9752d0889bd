package io.github.okastconnect.parser;

import java.util.Arrays;

/**
 * Finds where one array element of a UTF-8 body ends when Jackson refused to read it, so that the element alone can
 * be skipped. Only the JSON grammar is checked (brackets matched by type, strings closed, commas and colons where
 * they belong); what lies inside a token is not: raw control characters and any other bytes in strings, invalid
 * escapes, malformed numbers or literals, and nesting to any depth are all accepted. An element whose grammar is
 * broken (a missing comma or quote, brackets that do not match) cannot be told apart from a broken body, so no frame
 * is found for it and the caller refuses the body whole. Used only after a failure: a good body never reaches it.
 */
final class ElementFramer {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * One element's extent.
     *
     * @param start first byte of the element
     * @param end index just after its last byte
     * @param depth how many arrays and objects nest in it (0 for a scalar)
     * @param controlCharacter whether it holds a raw control character (below U+0020) other than whitespace between
     *     tokens
     */
    record Frame(int start, int end, int depth, boolean controlCharacter) {}

    private final byte[] body;
    private final int limit;
    private int at;
    private int depth;
    private boolean control;

    private ElementFramer(byte[] body, int from, int limit) {
        this.body = body;
        this.at = from;
        this.limit = limit;
    }

    /**
     * The element that follows {@code done} complete elements of the array that opens at or after {@code from}
     * (after a UTF-8 byte order mark and whitespace); null if the array's grammar is broken before or inside it.
     */
    static Frame element(byte[] body, int from, int done) {
        ElementFramer framer = new ElementFramer(body, from, body.length);
        if (from == 0 && body.length >= 3 && Arrays.equals(body, 0, 3, UTF8_BOM, 0, 3)) {
            framer.at = 3;
        }
        framer.whitespace();
        if (!framer.take('[')) {
            return null;
        }
        for (int i = 0; i < done; i++) {
            framer.whitespace();
            if (!framer.value()) {
                return null;
            }
            framer.whitespace();
            if (!framer.take(',')) {
                return null;
            }
        }
        framer.whitespace();
        framer.depth = 0;
        framer.control = false;
        int start = framer.at;
        if (!framer.value()) {
            return null;
        }
        return new Frame(start, framer.at, framer.depth, framer.control);
    }

    /** The index of the first byte after {@code from} that is not JSON whitespace ({@code body.length} if none). */
    static int skipWhitespace(byte[] body, int from) {
        ElementFramer framer = new ElementFramer(body, from, body.length);
        framer.whitespace();
        return framer.at;
    }

    private void whitespace() {
        while (at < limit) {
            byte b = body[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    private boolean take(char c) {
        if (at < limit && body[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    /**
     * Reads one value, iteratively (an explicit stack: a hostile element may nest far deeper than the call stack
     * allows). True when it is grammatically complete.
     */
    private boolean value() {
        byte[] open = new byte[16];
        int size = 0;
        boolean expectValue = true;
        while (true) {
            if (!expectValue && size == 0) {
                return true;
            }
            whitespace();
            if (at >= limit) {
                return false;
            }
            if (expectValue) {
                byte b = body[at];
                if (b == '{' || b == '[') {
                    at++;
                    if (size == open.length) {
                        open = Arrays.copyOf(open, size * 2);
                    }
                    open[size++] = b;
                    depth = Math.max(depth, size);
                    whitespace();
                    byte close = b == '{' ? (byte) '}' : (byte) ']';
                    if (at < limit && body[at] == close) {
                        at++;
                        size--;
                        expectValue = false;
                    } else if (b == '{' && !key()) {
                        return false;
                    }
                    continue;
                }
                if (b == '"') {
                    if (!string()) {
                        return false;
                    }
                } else if (!scalar()) {
                    return false;
                }
                expectValue = false;
                continue;
            }
            byte b = body[at++];
            byte top = open[size - 1];
            if (b == ',') {
                if (top == '{' && !key()) {
                    return false;
                }
                expectValue = true;
            } else if ((b == '}' && top == '{') || (b == ']' && top == '[')) {
                size--;
            } else {
                return false;
            }
        }
    }

    /** A field name and its colon; the value comes next. */
    private boolean key() {
        whitespace();
        if (at >= limit || body[at] != '"' || !string()) {
            return false;
        }
        whitespace();
        return take(':');
    }

    /** A string from its opening quote: any byte but an unescaped quote, whatever follows a backslash. */
    private boolean string() {
        at++;
        while (at < limit) {
            byte b = body[at++];
            if (b == '"') {
                return true;
            }
            if (b == '\\') {
                at++;
            } else if (b >= 0 && b < 0x20) {
                control = true;
            }
        }
        return false;
    }

    /** A number or literal, well formed or not: a run of bytes up to whitespace or structure. */
    private boolean scalar() {
        int start = at;
        while (at < limit) {
            byte b = body[at];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ',' || b == ':' || b == '"' || b == '{'
                    || b == '}' || b == '[' || b == ']') {
                break;
            }
            if (b >= 0 && b < 0x20) {
                control = true;
            }
            at++;
        }
        return at > start;
    }
}
