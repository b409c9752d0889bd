package io.github.okastconnect.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the connector's JSON key/value strings into {@link IngestEvent}s.
 *
 * <p>Accepts both JsonConverter layouts: plain JSON ({@code schemas.enable=false}) and the
 * {@code {"schema":..,"payload":..}} envelope. Anything unusable yields empty instead of throwing, because
 * one bad record must not stop the application (Kafka Streams would otherwise kill the stream thread).
 */
public final class IngestEventParser {

    private static final Logger LOG = LoggerFactory.getLogger(IngestEventParser.class);

    private final ObjectMapper mapper = JsonMappers.create();

    /** @return empty for tombstones and for records that cannot be attributed to an instance */
    public Optional<IngestEvent> parse(String key, String value) {
        JsonNode valueNode = unwrap(read(value, "value"));
        if (valueNode == null || !valueNode.isObject()) {
            // Tombstones (null value, or an envelope with a null payload) follow REMOVED: nothing to do.
            return Optional.empty();
        }
        IngestEvent event;
        try {
            event = mapper.treeToValue(valueNode, IngestEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("Skipping lifecycle event with unexpected shape: {}", e.getMessage());
            return Optional.empty();
        }
        if (isBlank(event.instance())) {
            event = event.withInstance(instanceFromKey(key));
        }
        if (isBlank(event.instance())) {
            LOG.warn("Skipping lifecycle event without instance (key {})", key);
            return Optional.empty();
        }
        return Optional.of(event);
    }

    private String instanceFromKey(String key) {
        JsonNode keyNode = unwrap(read(key, "key"));
        if (keyNode == null || !keyNode.hasNonNull("instance")) {
            return null;
        }
        return keyNode.get("instance").asText();
    }

    private JsonNode read(String json, String what) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            LOG.warn("Skipping lifecycle record whose {} is not JSON: {}", what, e.getOriginalMessage());
            return null;
        }
    }

    private static JsonNode unwrap(JsonNode node) {
        if (node != null && node.isObject() && node.has("payload")) {
            return node.get("payload");
        }
        return node;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
