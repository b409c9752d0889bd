package io.github.okastconnect.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses query strings and urlencoded forms the way PHP fills $_REQUEST: last duplicate wins, "a" alone means "". */
final class FormParameters {

    private FormParameters() {
    }

    static void parseInto(String encoded, Map<String, String> target) {
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
            target.put(name, value);
        }
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> result = new LinkedHashMap<>();
        parseInto(encoded, result);
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedPercent) {
            return text; // PHP keeps undecodable sequences as they are
        }
    }
}
