package io.github.okastconnect.it.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import io.github.okastconnect.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order-independent comparison of JSON records, and small waits shared by the ecosystem tests. */
final class Canon {
    private static final ObjectMapper SORTED =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Canon() {}

    /** JSON text with object fields sorted by name (arrays keep their order), so equal JSON prints equal. */
    static String json(JsonNode node) {
        if (node == null) {
            return "<null>";
        }
        try {
            return SORTED.writeValueAsString(SORTED.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that {@code value.observedAtMs} is the record's Kafka timestamp and lies in [from, now], then removes
     * it (it is the only field whose exact value a test cannot know in advance).
     */
    static void takeObservedAt(ObjectNode value, long recordTimestamp, long from) {
        JsonNode observed = value.remove("observedAtMs");
        assertTrue(observed != null && observed.canConvertToLong(), "observedAtMs present: " + value);
        assertEquals(recordTimestamp, observed.asLong(), "the Kafka timestamp is observedAtMs");
        assertTrue(
                observed.asLong() >= from && observed.asLong() <= System.currentTimeMillis(),
                "observedAtMs within the test: " + observed);
    }

    /** Sorted copies, so assertEquals compares multisets and prints a readable diff. */
    static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }

    /** Waits until each instance path of the server has answered {@code polls} more requests. */
    static void awaitPolls(ScriptedOkastServer server, List<String> paths, int polls) {
        List<Integer> before = paths.stream().map(server::requestCount).toList();
        Waits.until(Duration.ofSeconds(30), polls + " more polls of " + paths, () -> {
            for (int i = 0; i < paths.size(); i++) {
                if (server.requestCount(paths.get(i)) < before.get(i) + polls) {
                    return false;
                }
            }
            return true;
        });
    }
}
