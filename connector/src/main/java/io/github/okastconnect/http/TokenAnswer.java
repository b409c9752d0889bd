package io.github.okastconnect.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a token endpoint's JSON answers (RFC 6749 §5.1 and §5.2). Nothing here puts the body, the token or a
 * Jackson message (which quotes the input) into a description: only the {@code error} and
 * {@code error_description} fields, cleaned and shortened, and the {@code token_type}, shortened, are ever shown.
 */
final class TokenAnswer {
    /** Long enough for any real {@code error_description}, short enough for one log line. */
    static final int MAX_FIELD_CHARS = 200;

    private static final ObjectReader JSON = new ObjectMapper().reader();

    private TokenAnswer() {}

    /** A successful answer's fields; {@code expiresIn} is empty when the endpoint did not send one. */
    record Issued(String accessToken, Optional<Duration> expiresIn) {
        @Override
        public String toString() {
            return "Issued[accessToken=[hidden], expiresIn=" + expiresIn + "]";
        }
    }

    /** An error answer's fields, cleaned and shortened; empty when absent or when the body is not such an answer. */
    record Error(Optional<String> error, Optional<String> description) {
        static final Error NONE = new Error(Optional.empty(), Optional.empty());

        /** {@code " (invalid_client: bad secret)"}, or the empty string. */
        String describe() {
            if (error.isEmpty() && description.isEmpty()) {
                return "";
            }
            return " (" + error.orElse("no error code")
                    + description.map(d -> ": " + d).orElse("") + ")";
        }
    }

    /** Thrown with a message that is safe to show: it never quotes the body. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    static Issued parseIssued(byte[] body) throws MalformedException {
        JsonNode root = object(body);
        JsonNode token = root.get("access_token");
        if (token == null || !token.isTextual() || token.textValue().isBlank()) {
            throw new MalformedException("no access_token in the answer");
        }
        JsonNode type = root.get("token_type");
        if (type != null
                && !type.isNull()
                && !(type.isTextual()
                        && "Bearer".equalsIgnoreCase(type.textValue().trim()))) {
            String shown = type.isTextual()
                    ? clean(type.textValue(), 40)
                    : type.getNodeType().toString();
            throw new MalformedException("token_type is " + shown + ", not Bearer");
        }
        return new Issued(token.textValue(), expiresIn(root.get("expires_in")));
    }

    /** The error fields of a 4xx answer; {@link Error#NONE} if the body is not a JSON object. */
    static Error parseError(byte[] body) {
        JsonNode root;
        try {
            root = object(body);
        } catch (MalformedException e) {
            return Error.NONE;
        }
        return new Error(text(root.get("error")), text(root.get("error_description")));
    }

    private static JsonNode object(byte[] body) throws MalformedException {
        JsonNode root;
        try {
            root = body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedException("the answer is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedException("the answer is not a JSON object");
        }
        return root;
    }

    /** Seconds as a JSON number, or as a string of digits (some endpoints quote it). */
    private static Optional<Duration> expiresIn(JsonNode node) throws MalformedException {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        long seconds;
        if (node.isNumber() && node.canConvertToLong()) {
            seconds = node.longValue();
        } else if (node.isNumber()) {
            seconds = node.doubleValue() < 0 ? -1 : Long.MAX_VALUE;
        } else if (node.isTextual()) {
            try {
                seconds = Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw new MalformedException("expires_in is not a number of seconds");
            }
        } else {
            throw new MalformedException("expires_in is not a number of seconds");
        }
        if (seconds < 0) {
            throw new MalformedException("expires_in is negative");
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static Optional<String> text(JsonNode node) {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(clean(node.textValue(), MAX_FIELD_CHARS));
    }

    /** Control characters become spaces (no forged log lines), and the text is cut to {@code max} characters. */
    static String clean(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 3));
        int count = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (count == max) {
                return out.append("...").toString();
            }
            int c = text.codePointAt(i);
            out.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
            count++;
        }
        return out.toString().trim();
    }
}
