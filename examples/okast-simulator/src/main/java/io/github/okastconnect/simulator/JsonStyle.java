package io.github.okastconnect.simulator;

/**
 * How the status body is written. The vendor's example is pretty-printed with unescaped slashes;
 * PHP's plain json_encode would write compact JSON with {@code \/} and {@code \\uXXXX} escapes. Both
 * are plausible for the live endpoint, so a client should be tested against each.
 */
public record JsonStyle(boolean pretty, boolean escapeSlashes, boolean escapeUnicode) {

    /** Compact, slashes and non-ASCII as is: the smallest body, the default. */
    public static final JsonStyle COMPACT = new JsonStyle(false, false, false);
    /** PHP's JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE: byte-identical to the vendor's example. */
    public static final JsonStyle PRETTY = new JsonStyle(true, false, false);
    /** PHP's json_encode with no flags. */
    public static final JsonStyle PHP_DEFAULT = new JsonStyle(false, true, true);
}
