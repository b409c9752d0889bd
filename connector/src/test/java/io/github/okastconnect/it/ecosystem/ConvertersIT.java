package io.github.okastconnect.it.ecosystem;

import static io.github.okastconnect.it.ecosystem.Entries.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.okastconnect.it.ecosystem.Entries.Entry;
import io.github.okastconnect.testkit.InstanceSecret;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.ScriptedStack;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One scripted timeline (the seed, then a status change, then a purge) read by three connectors on one real Connect
 * worker, each with its own converters set in its connector config: JsonConverter with schemas, JsonConverter
 * without, and StringConverter keys with JSON values. Every record of every step is compared exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvertersIT {
    private static final String INSTANCE = "paris";
    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

    /** How each connector writes, and how its records are read back into comparable text. */
    private enum Variant {
        SCHEMAS(
                "conv-schemas",
                Map.of(
                        "key.converter",
                        JSON_CONVERTER,
                        "key.converter.schemas.enable",
                        "true",
                        "value.converter",
                        JSON_CONVERTER,
                        "value.converter.schemas.enable",
                        "true")),
        PLAIN(
                "conv-plain",
                Map.of(
                        "key.converter",
                        JSON_CONVERTER,
                        "key.converter.schemas.enable",
                        "false",
                        "value.converter",
                        JSON_CONVERTER,
                        "value.converter.schemas.enable",
                        "false")),
        STRING_KEY(
                "conv-stringkey",
                Map.of(
                        "key.converter",
                        STRING_CONVERTER,
                        "value.converter",
                        JSON_CONVERTER,
                        "value.converter.schemas.enable",
                        "false"));

        final String name;
        final Map<String, String> converters;

        Variant(String name, Map<String, String> converters) {
            this.name = name;
            this.converters = converters;
        }

        String topic() {
            return "ecosystem." + name;
        }
    }

    private static final InstanceSecret SECRET = new InstanceSecret("ops", "c0nverters-pa55-never-logged");

    @RegisterExtension
    final ScriptedStack stack = ScriptedStack.of(SECRET);

    private TopicReader reader;

    @BeforeAll
    void start() throws Exception {
        // Worker defaults are JSON without schemas; every connector below overrides them in its own config.
        reader = stack.closeFirst(TopicReader.subscribe(
                stack.cluster().bootstrapServers(),
                Arrays.stream(Variant.values()).map(Variant::topic).toList(),
                false));
    }

    private Map<String, String> config(Variant v) {
        Map<String, String> c = SourceConfig.of(v.topic(), 1, 200);
        c.put("removal.mode", "event_and_tombstone");
        c.put("okast.instances", INSTANCE);
        c.put("state.bootstrap.servers", stack.cluster().bootstrapServers());
        c.put("okast.instance." + INSTANCE + ".url", stack.server().baseUrl(v.name));
        SECRET.requireOn(stack.server(), v.name);
        SECRET.configure(c, INSTANCE);
        c.putAll(v.converters);
        return c;
    }

    /**
     * One expected record: the entry it is about (for a tombstone, as last seen: its status is in the headers), and
     * its value (null for a tombstone).
     */
    private record Expected(Entry entry, ObjectNode value) {}

    private static Expected event(ObjectNode value) {
        Entry e = null;
        for (Entry s : Entries.SEED) {
            if (s.requestTime().equals(value.get("requestTime").asText())) {
                e = s;
            }
        }
        return new Expected(e, value);
    }

    @Test
    void everyConverterWritesTheSameEventsInItsOwnFormat() {
        for (Variant v : Variant.values()) {
            stack.server().setBody(v.name, "[]");
            stack.cluster().rest().createConnector(v.name, config(v));
        }
        for (Variant v : Variant.values()) {
            stack.cluster().rest().awaitRunning(v.name, 1);
        }

        // Step 1: first sight of the seed's four entries.
        step(
                Entries.seedBody(),
                Entries.SEED.stream()
                        .map(e -> event(Entries.created(INSTANCE, e)))
                        .toList());
        // Step 2: the entry without filePath is retried: ERRORED -> PENDING.
        step(
                Entries.body(List.of(
                        Entries.SEED_DONE, Entries.SEED_DUPLICATE, Entries.SEED_RESCHEDULED, Entries.NO_PATH_RETRIED)),
                List.of(event(
                        Entries.event("STATUS_CHANGED", INSTANCE, Entries.SEED_NO_PATH, Entries.NO_PATH_RETRIED))));
        // Step 3: the DONE entry is purged: a REMOVED event, then its tombstone, which must stay a real tombstone
        // (a null value, not {"schema":null,"payload":null}) for compaction to work.
        Map<Variant, List<LifecycleEvent>> purge = step(
                Entries.body(List.of(Entries.SEED_DUPLICATE, Entries.SEED_RESCHEDULED, Entries.NO_PATH_RETRIED)),
                List.of(event(Entries.removed(INSTANCE, Entries.SEED_DONE)), new Expected(Entries.SEED_DONE, null)));
        for (Variant v : Variant.values()) {
            List<LifecycleEvent> records = purge.get(v);
            assertTrue(
                    records.get(0).valueText() != null && records.get(1).valueText() == null,
                    v + ": the REMOVED event first, then the tombstone: " + records);
            assertEquals(records.get(0).partition(), records.get(1).partition(), v + ": same partition");
        }

        // Nothing more on polls that see no change.
        Canon.awaitPolls(
                stack.server(), Arrays.stream(Variant.values()).map(v -> v.name).toList(), 3);
        assertEquals(List.of(), reader.drain(Duration.ofMillis(800)), "no record without a change");
    }

    /** Serves {@code body} to every connector and checks each wrote exactly {@code expected}. */
    private Map<Variant, List<LifecycleEvent>> step(String body, List<Expected> expected) {
        for (Variant v : Variant.values()) {
            stack.server().setBody(v.name, body);
        }
        int count = expected.size();
        List<LifecycleEvent> got = reader.take(count * Variant.values().length, Duration.ofSeconds(40));
        Map<Variant, List<LifecycleEvent>> byVariant = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            byVariant.put(
                    v, got.stream().filter(r -> r.topic().equals(v.topic())).toList());
            assertEquals(count, byVariant.get(v).size(), v + " records: " + got);
        }
        assertExact(byVariant, expected);
        return byVariant;
    }

    /** Every record of the step, read back per converter, equals the expected records (as a multiset). */
    private void assertExact(Map<Variant, List<LifecycleEvent>> got, List<Expected> expected) {
        for (Variant v : Variant.values()) {
            List<String> want = new ArrayList<>();
            for (Expected e : expected) {
                want.add(line(
                        expectedKey(v, e.entry()),
                        e.value() == null ? "<null>" : expectedValue(v, e.value()),
                        e.value() == null
                                ? Entries.tombstoneHeaders(INSTANCE, e.entry())
                                : Entries.headers(INSTANCE, e.value())));
            }
            List<String> have = new ArrayList<>();
            for (LifecycleEvent r : got.get(v)) {
                have.add(line(actualKey(v, r), actualValue(v, r), r.headers()));
            }
            assertEquals(Canon.sorted(want), Canon.sorted(have), v.name);
            for (LifecycleEvent r : got.get(v)) {
                // Only the schemas variant wraps values in an envelope; the others write the bare payload.
                JsonNode value = Entries.tree(r.valueText());
                assertTrue(
                        value == null
                                || (v == Variant.SCHEMAS)
                                        == (value.size() == 2 && value.has("schema") && value.has("payload")),
                        v + ": " + r);
            }
        }
    }

    private static String line(String key, String value, List<String> headers) {
        return "key=" + key + "\n  headers=" + headers + "\n  value=" + value;
    }

    // ---- expected renderings, per converter ----

    private static String expectedKey(Variant v, Entry e) {
        ObjectNode key = Entries.key(INSTANCE, e);
        return switch (v) {
            case SCHEMAS -> Canon.json(envelope(KEY_SCHEMA_WITHOUT_DOC, key));
            case PLAIN -> Canon.json(key);
            // StringConverter writes the key Struct's toString(): fields in schema order, null fields left out.
            case STRING_KEY ->
                "Struct{instance=" + INSTANCE + (e.filePath() == null ? "" : ",filePath=" + e.filePath())
                        + ",requestTime=" + e.requestTime() + ",occurrence=0}";
        };
    }

    private static String expectedValue(Variant v, ObjectNode value) {
        return v == Variant.SCHEMAS ? Canon.json(envelope(VALUE_SCHEMA_WITHOUT_DOC, value)) : Canon.json(value);
    }

    private static ObjectNode envelope(JsonNode schema, JsonNode payload) {
        ObjectNode env = JSON.createObjectNode();
        env.set("schema", schema);
        env.set("payload", payload);
        return env;
    }

    // ---- actual renderings ----

    private static String actualKey(Variant v, LifecycleEvent r) {
        if (v == Variant.STRING_KEY) {
            return r.keyText();
        }
        JsonNode key = Entries.tree(r.keyText());
        if (v == Variant.SCHEMAS) {
            takeDoc((ObjectNode) key.get("schema"), "Identity of an Okast ingest queue entry");
        }
        return Canon.json(key);
    }

    private String actualValue(Variant v, LifecycleEvent r) {
        if (r.valueText() == null) {
            return "<null>";
        }
        ObjectNode value = (ObjectNode) Entries.tree(r.valueText());
        ObjectNode payload = value;
        if (v == Variant.SCHEMAS) {
            ObjectNode schema = (ObjectNode) value.get("schema");
            takeDoc(schema, "One change in the lifecycle of an Okast ingest queue entry");
            for (JsonNode f : schema.get("fields")) {
                if (f.get("field").asText().equals("requestExtra")) {
                    takeDoc((ObjectNode) f, "Request fields not listed above");
                }
            }
            payload = (ObjectNode) value.get("payload");
        }
        Canon.takeObservedAt(payload, r.timestamp(), stack.startedAtMs());
        return Canon.json(value);
    }

    /**
     * Checks that a schema's doc is there and starts as expected, then removes it: the test pins every type, name
     * and version, but does not freeze the wording of docs.
     */
    private static void takeDoc(ObjectNode schema, String startsWith) {
        JsonNode doc = schema.remove("doc");
        assertTrue(doc != null && doc.asText().startsWith(startsWith), "doc of " + schema + ": " + doc);
    }

    // ---- the schemas JsonConverter must write, from the event format (docs/events.md) ----

    private static final String TIMESTAMP = "org.apache.kafka.connect.data.Timestamp";

    private static final JsonNode KEY_SCHEMA_WITHOUT_DOC = struct(
            "io.github.okastconnect.IngestKey",
            "instance:string",
            "filePath:string?",
            "requestTime:string?",
            "occurrence:int32");

    private static final JsonNode VALUE_SCHEMA_WITHOUT_DOC = struct(
            "io.github.okastconnect.IngestEvent",
            "changeType:string",
            "instance:string",
            "filePath:string?",
            "requestTime:string?",
            "occurrence:int32",
            "status:string?",
            "statusError:string?",
            "lastStatusUpdate:string?",
            "previousStatus:string?",
            "previousLastStatusUpdate:string?",
            "requestTimeMs:timestamp?",
            "lastStatusUpdateMs:timestamp?",
            "previousLastStatusUpdateMs:timestamp?",
            "metadataPath:string?",
            "destinationFolder:string?",
            "destinationFolderKind:string?",
            "destinationFolderIndex:string?",
            "destinationFolderIndexReplace:string?",
            "reschedule:string?",
            "validate:string?",
            "requestExtra:map?",
            "observedAtMs:timestamp");

    /** A struct schema as JsonConverter writes it; each field is "name:type", '?' marking it optional. */
    private static JsonNode struct(String name, String... fields) {
        ObjectNode s = JSON.createObjectNode();
        s.put("type", "struct");
        ArrayNode list = s.putArray("fields");
        for (String spec : fields) {
            String field = spec.substring(0, spec.indexOf(':'));
            String type = spec.substring(spec.indexOf(':') + 1);
            boolean optional = type.endsWith("?");
            type = optional ? type.substring(0, type.length() - 1) : type;
            ObjectNode f = list.addObject();
            switch (type) {
                case "timestamp" -> {
                    f.put("type", "int64");
                    f.put("optional", optional);
                    f.put("name", TIMESTAMP);
                    f.put("version", 1);
                }
                case "map" -> {
                    f.put("type", "map");
                    f.putObject("keys").put("type", "string").put("optional", false);
                    f.putObject("values").put("type", "string").put("optional", true);
                    f.put("optional", optional);
                }
                default -> {
                    f.put("type", type);
                    f.put("optional", optional);
                }
            }
            f.put("field", field);
        }
        s.put("optional", false);
        s.put("name", name);
        s.put("version", 1);
        return s;
    }
}
