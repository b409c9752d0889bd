package io.github.okastconnect.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * Reads a string header as the worker's header converter wrote it. Connect's default SimpleHeaderConverter writes
 * the bare UTF-8 text; a JsonConverter writes a JSON string, or an envelope whose {@code payload} is the string.
 * Offset-encoded keys and states start with a digit or '~', never with '{' or '"', so the forms cannot be confused.
 */
public final class HeaderText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeaderText() {}

    /** The header's text, or null when it is absent or not a string in a form we know. */
    public static String decode(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.charAt(0) != '{' && text.charAt(0) != '"') {
            return text;
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node.isObject()) {
                node = node.get("payload");
            }
            return node != null && node.isTextual() ? node.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
