package io.github.okastconnect.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /connector-plugins/{class}/config/validate}.
 *
 * @param errorCount   Connect's {@code error_count}
 * @param errorsByKey  only the keys that have errors, with their messages
 * @param raw          the full answer (definitions, recommended values, groups)
 */
public record ConfigValidation(
        String connectorClass, int errorCount, Map<String, List<String>> errorsByKey, JsonNode raw) {

    public ConfigValidation {
        errorsByKey = Map.copyOf(errorsByKey);
    }

    static ConfigValidation fromJson(JsonNode json) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : json.path("configs")) {
            JsonNode value = config.path("value");
            List<String> messages =
                    value.path("errors").valueStream().map(JsonNode::asText).toList();
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), messages);
            }
        }
        return new ConfigValidation(
                json.path("name").asText(), json.path("error_count").asInt(), errors, json);
    }

    public boolean isValid() {
        return errorCount == 0;
    }
}
