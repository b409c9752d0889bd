package io.github.okastconnect.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Parses query strings and urlencoded forms the way PHP fills $_REQUEST: last duplicate wins, "a" alone means "". */
final class FormParameters {

    private FormParameters() {}

    static void parseInto(String encoded, Map<String, String> target) {
        forEachPair(encoded, target::put);
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> result = new LinkedHashMap<>();
        parseInto(encoded, result);
        return result;
    }

    /**
     * For OAuth2 (RFC 6749 section 3.2: "parameters MUST NOT be included more than once"): like {@link #parse},
     * but a repeated name is an IllegalArgumentException naming it.
     */
    static Map<String, String> parseUnique(String encoded) {
        Map<String, String> result = new LinkedHashMap<>();
        forEachPair(encoded, (name, value) -> {
            if (result.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("parameter " + name + " given more than once");
            }
        });
        return result;
    }

    private static void forEachPair(String encoded, BiConsumer<String, String> action) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            action.accept(name, value);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedPercent) {
            return text; // PHP keeps undecodable sequences as they are
        }
    }
}
