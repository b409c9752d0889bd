package io.github.okastconnect.tracker;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Query string parameters, checked: anything malformed is a {@link HttpProblem#badRequest 400}. */
final class QueryParams {

    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 50;
    private static final int MAX_OFFSET = 1_000_000;
    private static final Pattern STATUS = Pattern.compile("[A-Za-z_]{1,40}");

    private final Map<String, String> values = new HashMap<>();

    QueryParams(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        if (rawQuery.length() > 8192) {
            throw HttpProblem.badRequest("query string too long");
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw HttpProblem.badRequest("parameter '" + name + "' given more than once");
            }
        }
    }

    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("malformed percent-encoding");
        }
    }

    int limit() {
        return intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    int offset() {
        return intParam("offset", 0, 0, MAX_OFFSET);
    }

    /** Required search text, 1 to {@link SearchFragments#MAX_QUERY_LENGTH} characters once trimmed. */
    String q() {
        String q = values.get("q");
        if (q == null || q.isBlank()) {
            throw HttpProblem.badRequest("parameter 'q' is required: a file path or a fragment of it");
        }
        if (q.strip().length() > SearchFragments.MAX_QUERY_LENGTH) {
            throw HttpProblem.badRequest(
                    "parameter 'q' is longer than " + SearchFragments.MAX_QUERY_LENGTH + " characters");
        }
        return q.strip();
    }

    /** {@code status=PENDING,DOWNLOADING}: empty means every status. */
    Set<String> statuses() {
        String raw = values.get("status");
        Set<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return out;
        }
        for (String s : raw.split(",", -1)) {
            if (!STATUS.matcher(s).matches()) {
                throw HttpProblem.badRequest(
                        "parameter 'status' must be status names separated by commas, e.g. PENDING,ERRORED");
            }
            out.add(s);
        }
        return out;
    }

    private int intParam(String name, int fallback, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpProblem.badRequest("parameter '" + name + "' must be an integer from " + min + " to " + max);
    }
}
