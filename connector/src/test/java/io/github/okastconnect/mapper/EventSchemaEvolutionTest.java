package io.github.okastconnect.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * The event schema's evolution rule (docs/schema-registry.md), checked on the released versions frozen under
 * resources/schemas/ as Connect's schema JSON: the current schemas are their frozen versions (a change without a new
 * version fails), and each value version follows the rule from the one before (a removal, rename, move, retype,
 * required field or lost logical type fails). Docs are not compared: they may be reworded within a version.
 */
class EventSchemaEvolutionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonConverter CONNECT_JSON = new JsonConverter();

    static {
        CONNECT_JSON.configure(Map.of("schemas.enable", "true"), false);
    }

    private static String file(String name, int version) {
        return "/schemas/" + name + "-v" + version + ".json";
    }

    private static ObjectNode frozenJson(String name, int version) throws IOException {
        try (InputStream in = EventSchemaEvolutionTest.class.getResourceAsStream(file(name, version))) {
            return in == null ? null : (ObjectNode) JSON.readTree(in);
        }
    }

    private static Schema frozen(String name, int version) throws IOException {
        ObjectNode json = frozenJson(name, version);
        assertTrue(json != null, "missing frozen schema " + file(name, version));
        return CONNECT_JSON.asConnectSchema(json);
    }

    /** Connect's schema JSON of {@code schema} without its docs. */
    private static JsonNode withoutDocs(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("doc");
        }
        node.forEach(EventSchemaEvolutionTest::strip);
    }

    private static void assertIsFrozenVersion(Schema current, String name, int version) throws IOException {
        JsonNode now = CONNECT_JSON.asJsonSchema(current);
        ObjectNode frozen = frozenJson(name, version);
        if (frozen == null || !withoutDocs(frozen).equals(withoutDocs(now))) {
            fail(name + " differs from its frozen version " + version + " (" + file(name, version) + "). If this is a"
                    + " new version: follow the evolution rule (docs/schema-registry.md), raise its version and freeze"
                    + " it under connector/src/test/resources" + file(name, version + 1) + " with this content:\n"
                    + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(now));
        }
    }

    @Test
    void theCurrentSchemasAreTheirFrozenVersions() throws IOException {
        assertIsFrozenVersion(EventSchemas.VALUE, EventSchemas.VALUE_NAME, EventSchemas.VERSION);
        assertIsFrozenVersion(EventSchemas.KEY, EventSchemas.KEY_NAME, EventSchemas.KEY_VERSION);
        assertEquals(EventSchemas.VERSION, EventSchemas.VALUE.version());
        assertEquals(EventSchemas.KEY_VERSION, EventSchemas.KEY.version());
    }

    @Test
    void theKeySchemaHasOneVersionOnly() throws IOException {
        assertEquals(1, EventSchemas.KEY_VERSION, "the key schema never changes");
        assertEquals(null, frozenJson(EventSchemas.KEY_NAME, 2), "the key schema never changes");
    }

    @Test
    void everyValueVersionFollowsTheRuleFromThePreviousOne() throws IOException {
        for (int v = 2; v <= EventSchemas.VERSION; v++) {
            Schema older = frozen(EventSchemas.VALUE_NAME, v - 1);
            Schema newer = frozen(EventSchemas.VALUE_NAME, v);
            assertEquals(List.of(), SchemaEvolutionRule.violations(older, newer), "version " + v);
        }
        assertEquals(
                null,
                frozenJson(EventSchemas.VALUE_NAME, EventSchemas.VERSION + 1),
                "a frozen version ahead of EventSchemas.VERSION");
    }

    @Test
    void theRuleAcceptsAnAppendedOptionalFieldAndRefusesEverythingElse() {
        Schema current = EventSchemas.VALUE;
        Schema next = SchemaEvolutionRule.nextVersion(
                current, List.of(new Field("ingestNode", 0, Schema.OPTIONAL_STRING_SCHEMA)));
        assertEquals(List.of(), SchemaEvolutionRule.violations(current, next));

        Map<String, Schema> broken = new LinkedHashMap<>();
        broken.put("field removed", SchemaVariants.remove(next, "statusError"));
        broken.put("field renamed", SchemaVariants.rename(next, "statusError", "errorText"));
        broken.put("field retyped", SchemaVariants.retype(next, "occurrence", Schema.STRING_SCHEMA));
        broken.put("optional field made required", SchemaVariants.retype(next, "status", Schema.STRING_SCHEMA));
        broken.put("logical type dropped", SchemaVariants.retype(next, "observedAtMs", Schema.INT64_SCHEMA));
        broken.put("required field added", SchemaVariants.add(next, "priority", Schema.INT32_SCHEMA));
        SchemaBuilder inserted = SchemaBuilder.struct().name(next.name()).version(next.version());
        inserted.field("ingestNodeFirst", Schema.OPTIONAL_STRING_SCHEMA);
        next.fields().forEach(f -> inserted.field(f.name(), f.schema()));
        broken.put("field inserted before the others", inserted.build());
        for (Map.Entry<String, Schema> e : broken.entrySet()) {
            assertFalse(
                    SchemaEvolutionRule.violations(next, SchemaEvolutionRule.nextVersion(e.getValue(), List.of()))
                            .isEmpty(),
                    e.getKey());
        }
        assertFalse(SchemaEvolutionRule.violations(current, current).isEmpty(), "a change without a new version");
        assertFalse(
                SchemaEvolutionRule.violations(
                                current,
                                SchemaEvolutionRule.nextVersion(
                                        current, List.of(new Field("priority", 0, Schema.INT32_SCHEMA))))
                        .isEmpty(),
                "a new required field");
    }
}
