package io.github.okastconnect.parser;

import java.util.Arrays;

/**
 * A field's text copied out of the JSON parser's reusable buffer: lets a scan hand values on as char sequences
 * without making a String of each.
 */
final class TextSlot implements CharSequence {
    private char[] chars = new char[128];
    private int length;
    private boolean present;

    void clear() {
        present = false;
    }

    void set(char[] source, int offset, int count) {
        if (count > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(count, chars.length * 2));
        }
        System.arraycopy(source, offset, chars, 0, count);
        length = count;
        present = true;
    }

    void set(String text) {
        set(text.toCharArray(), 0, text.length());
    }

    /** This slot, or null when the field was absent or JSON null. */
    CharSequence orNull() {
        return present ? this : null;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
