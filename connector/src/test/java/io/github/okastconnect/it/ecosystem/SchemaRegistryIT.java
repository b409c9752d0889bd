package io.github.okastconnect.it.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.utils.converter.AvroConverter;
import io.apicurio.registry.utils.converter.ExtJsonConverter;
import io.github.okastconnect.mapper.EventSchemas;
import io.github.okastconnect.mapper.SchemaEvolutionRule;
import io.github.okastconnect.mapper.SchemaVariants;
import io.github.okastconnect.testkit.ScriptedStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The connector's records through a real schema registry: Apicurio Registry 2.6 (a child process, in-memory
 * storage) with its Kafka Connect converters, on a real Connect worker. The whole {@link LifecycleScenario} runs
 * with Avro keys and values (settings taken from config/okast-source-avro.json), read back with Apicurio's Avro
 * deserializer; with Apicurio's ExtJsonConverter; and with Avro in Confluent's wire format, read back the way
 * Confluent's deserializer does. Each run must give exactly the events of the JSON run. The registry's global
 * compatibility rule is BACKWARD throughout; {@link SchemaEvolutionCheck} then shows what it accepts and refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaRegistryIT {
    static final String AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";
    static final String EXT_JSON_CONVERTER = "io.apicurio.registry.utils.converter.ExtJsonConverter";
    private static final String ARTIFACTS = "/apis/registry/v2/groups/default/artifacts/";

    private ApicurioRegistry registry;
    private ScriptedStack stack;

    @BeforeAll
    void start() throws Exception {
        long t0 = System.nanoTime();
        registry = ApicurioRegistry.launch();
        // The registry (a Quarkus app, ~6 s alone, more when the machine is busy) starts while Kafka does.
        stack = ScriptedStack.of(LifecycleScenario.SECRET).start();
        stack.closeLast(registry);
        long kafka = System.nanoTime();
        registry.awaitReady();
        System.out.printf(
                "Kafka + Connect ready after %d ms, Apicurio Registry answered %d ms after launch, set-up %d ms%n",
                (kafka - t0) / 1_000_000, registry.startup().toMillis(), (System.nanoTime() - t0) / 1_000_000);
        ApicurioRegistry.Answer rule = registry.call(
                "POST",
                "/apis/registry/v2/admin/rules",
                "application/json",
                "{\"type\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}");
        assertEquals(204, rule.status(), "global BACKWARD rule: " + rule);
    }

    @AfterAll
    void stop() throws Exception {
        long t0 = System.nanoTime();
        // The worker first, the registry last; then no secret in what was logged since before the first connector.
        try (AutoCloseable r = stack == null ? registry : stack) {
            // closed on leaving
        } finally {
            System.out.printf("stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** The converter settings of the shipped Avro example, pointed at this test's registry. */
    private Map<String, String> shippedAvroConverters() throws Exception {
        Path file = Path.of("").toAbsolutePath().getParent().resolve("config/okast-source-avro.json");
        JsonNode config = new ObjectMapper().readTree(file.toFile()).path("config");
        Map<String, String> converters = new HashMap<>();
        config.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("key.converter") || e.getKey().startsWith("value.converter")) {
                converters.put(
                        e.getKey(),
                        e.getKey().endsWith("apicurio.registry.url")
                                ? registry.registryApiUrl()
                                : e.getValue().asText());
            }
        });
        assertEquals(AVRO_CONVERTER, converters.get("value.converter"), file.toString());
        return converters;
    }

    /** Every key.converter.X / value.converter.X setting for both, X from {@code settings}. */
    private Map<String, String> converters(String converterClass, Map<String, String> settings) {
        Map<String, String> c = new HashMap<>();
        for (String side : List.of("key", "value")) {
            c.put(side + ".converter", converterClass);
            c.put(side + ".converter.apicurio.registry.url", registry.registryApiUrl());
            settings.forEach((k, v) -> c.put(side + ".converter." + k, v));
        }
        return c;
    }

    private void runScenario(String connector, String topic, LifecycleScenario.Format format) throws Exception {
        new LifecycleScenario(stack.cluster(), stack.cluster().bootstrapServers(), stack.server(), format)
                .run(connector, topic);
        stack.cluster().rest().call("DELETE", "/connectors/" + connector, null);
    }

    @Test
    @Order(1)
    void avroThroughTheRegistryGivesTheSameEvents() throws Exception {
        String topic = "okast.lifecycle.avro";
        Map<String, String> converters = shippedAvroConverters();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        runScenario(
                "avro-lifecycle",
                topic,
                new LifecycleScenario.Format(
                        converters,
                        RegistryDecoders.apicurioAvro(
                                registry.registryApiUrl(), Map.of("apicurio.registry.headers.enabled", "false"), ids)));
        Set<Long> globalIds = new LinkedHashSet<>();
        for (String side : List.of("key", "value")) {
            globalIds.add(registry.get(ARTIFACTS + topic + "-" + side + "/meta")
                    .path("globalId")
                    .asLong());
        }
        assertEquals(globalIds, ids, "the ids in the records are the artifacts' global ids");

        Schema key = avroSchema(topic + "-key");
        Schema value = avroSchema(topic + "-value");
        assertEquals(EventSchemas.KEY_NAME, key.getFullName());
        assertEquals(EventSchemas.VALUE_NAME, value.getFullName());
        assertEquals(EventSchemas.KEY_VERSION, key.getObjectProp("connect.version"), "Connect version: " + key);
        assertEquals(EventSchemas.VERSION, value.getObjectProp("connect.version"), "Connect version: " + value);
        for (String f : List.of("requestTimeMs", "lastStatusUpdateMs", "previousLastStatusUpdateMs", "observedAtMs")) {
            assertEquals("timestamp-millis", timestampOf(value.getField(f).schema()), f + " keeps its logical type");
        }
        for (org.apache.kafka.connect.data.Field f : EventSchemas.VALUE.fields()) {
            Schema.Field avro = value.getField(f.name());
            if (f.schema().isOptional()) {
                assertEquals(Schema.Type.UNION, avro.schema().getType(), f.name());
                assertEquals(Schema.Type.NULL, avro.schema().getTypes().get(0).getType(), f.name());
                assertEquals(JsonProperties.NULL_VALUE, avro.defaultVal(), f.name() + " defaults to null");
            }
        }
        Schema extra = value.getField("requestExtra").schema().getTypes().get(1);
        assertEquals(Schema.Type.MAP, extra.getType(), "requestExtra: " + extra);
        assertEquals("[\"null\",\"string\"]", extra.getValueType().toString(), "requestExtra's values");
        // Restarts of the connector, its task and the worker registered nothing new: one version per subject.
        assertEquals(1, versions(topic + "-key"), "versions of the key schema");
        assertEquals(1, versions(topic + "-value"), "versions of the value schema");
    }

    @Test
    @Order(2)
    void apicurioJsonThroughTheRegistryGivesTheSameEvents() throws Exception {
        String topic = "okast.lifecycle.extjson";
        Map<String, String> settings = Map.of("apicurio.registry.auto-register", "true");
        runScenario(
                "extjson-lifecycle",
                topic,
                new LifecycleScenario.Format(
                        converters(EXT_JSON_CONVERTER, settings),
                        RegistryDecoders.apicurioExtJson(registry.registryApiUrl(), settings)));

        for (String side : List.of("key", "value")) {
            String artifact = topic + "-" + side;
            JsonNode meta = registry.get(ARTIFACTS + artifact + "/meta");
            // Connect's own schema JSON, not a JSON Schema document.
            assertEquals("KCONNECT", meta.path("type").asText(), artifact + ": " + meta);
            JsonNode schema = registry.get(ARTIFACTS + artifact);
            assertEquals(
                    side.equals("key") ? EventSchemas.KEY_NAME : EventSchemas.VALUE_NAME,
                    schema.path("name").asText());
            assertEquals(EventSchemas.VERSION, schema.path("version").asInt());
            assertEquals(1, versions(artifact), "versions of " + artifact);
        }
        JsonNode value = registry.get(ARTIFACTS + topic + "-value");
        for (JsonNode f : value.path("fields")) {
            if (f.path("field").asText().endsWith("Ms")) {
                assertEquals(
                        "org.apache.kafka.connect.data.Timestamp",
                        f.path("name").asText(),
                        "" + f);
            }
        }
    }

    @Test
    @Order(3)
    void avroInConfluentWireFormatIsReadThroughTheConfluentCompatibleApi() throws Exception {
        String topic = "okast.lifecycle.confluent";
        Set<Integer> ids = ConcurrentHashMap.newKeySet();
        Map<String, String> settings = Map.of(
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.headers.enabled", "false",
                "apicurio.registry.as-confluent", "true",
                "apicurio.registry.use-id", "contentId");
        runScenario(
                "confluent-lifecycle",
                topic,
                new LifecycleScenario.Format(
                        converters(AVRO_CONVERTER, settings), RegistryDecoders.confluentWire(registry, ids)));

        JsonNode subjects = registry.get("/apis/ccompat/v7/subjects");
        List<String> names = new ArrayList<>();
        subjects.forEach(s -> names.add(s.asText()));
        assertTrue(names.containsAll(List.of(topic + "-key", topic + "-value")), "subjects: " + names);
        // The 4-byte ids in the records are the registry's content ids, which the ccompat API serves; global ids
        // differ from them here (the same content is registered under other topics above), so the check is real.
        Set<Integer> contentIds = new LinkedHashSet<>();
        Set<Integer> globalIds = new LinkedHashSet<>();
        for (String side : List.of("key", "value")) {
            JsonNode meta = registry.get(ARTIFACTS + topic + "-" + side + "/meta");
            contentIds.add(meta.path("contentId").asInt());
            globalIds.add(meta.path("globalId").asInt());
        }
        assertEquals(contentIds, ids, "ids written");
        assertNotEquals(contentIds, globalIds, "content ids and global ids differ in this registry");
    }

    @Test
    @Order(4)
    void theNextEventVersionIsAcceptedAndBreakingChangesAreRefused() throws Exception {
        assertEquals(
                "BACKWARD",
                registry.get("/apis/registry/v2/admin/rules/COMPATIBILITY")
                        .path("config")
                        .asText());
        String topic = "okast.evolution";
        // A mutable map: the converters add to the settings they are given.
        Map<String, Object> settings = new HashMap<>(Map.of(
                "apicurio.registry.url",
                registry.registryApiUrl(),
                "apicurio.registry.auto-register",
                "true",
                "apicurio.registry.headers.enabled",
                "false"));
        try (AvroConverter<?> avro = new AvroConverter<>();
                ExtJsonConverter extJson = new ExtJsonConverter()) {
            avro.configure(new HashMap<>(settings), false);
            extJson.configure(new HashMap<>(settings), false);

            // What the connector writes today, then its next version: one optional field appended, version + 1.
            register(avro, topic, EventSchemas.VALUE);
            org.apache.kafka.connect.data.Schema next = SchemaEvolutionRule.nextVersion(
                    EventSchemas.VALUE,
                    List.of(new Field("ingestNode", 0, org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)));
            assertEquals(List.of(), SchemaEvolutionRule.violations(EventSchemas.VALUE, next));
            register(avro, topic, next);
            assertEquals(2, versions(topic + "-value"), "the next version is registered");
            Schema v2 = avroSchema(topic + "-value");
            assertEquals(EventSchemas.VALUE_NAME, v2.getFullName());
            assertEquals(EventSchemas.VERSION + 1, v2.getObjectProp("connect.version"));
            assertTrue(v2.getField("ingestNode").hasDefaultValue(), "the new field has a default: " + v2);
            assertEquals(JsonProperties.NULL_VALUE, v2.getField("ingestNode").defaultVal());
            for (String f :
                    List.of("requestTimeMs", "lastStatusUpdateMs", "previousLastStatusUpdateMs", "observedAtMs")) {
                assertEquals("timestamp-millis", timestampOf(v2.getField(f).schema()), f);
            }

            // Breaking changes the registry refuses under BACKWARD: the check above can fail.
            Map<String, org.apache.kafka.connect.data.Schema> refused = new LinkedHashMap<>();
            refused.put("required field renamed", SchemaVariants.rename(next, "changeType", "eventType"));
            refused.put(
                    "field type changed",
                    SchemaVariants.retype(next, "occurrence", org.apache.kafka.connect.data.Schema.STRING_SCHEMA));
            refused.put(
                    "required field added",
                    SchemaVariants.add(next, "priority", org.apache.kafka.connect.data.Schema.INT32_SCHEMA));
            for (var e : refused.entrySet()) {
                Exception error = assertThrows(Exception.class, () -> register(avro, topic, e.getValue()), e.getKey());
                assertTrue(SchemaVariants.causedBy(error, "RuleViolationException"), e.getKey() + ": " + error);
                assertFalse(
                        SchemaEvolutionRule.violations(next, asNextVersion(e.getValue()))
                                .isEmpty(),
                        e.getKey());
            }
            assertEquals(2, versions(topic + "-value"), "nothing refused was registered");

            // Changes the event rule forbids but the registry's BACKWARD rule accepts: only the rule's own test
            // (EventSchemaEvolutionTest) stops them. Each on its own subject.
            Map<String, org.apache.kafka.connect.data.Schema> accepted = new LinkedHashMap<>();
            accepted.put("optional field removed", SchemaVariants.remove(next, "statusError"));
            accepted.put("optional field renamed", SchemaVariants.rename(next, "statusError", "errorText"));
            accepted.put(
                    "timestamp lost its logical type",
                    SchemaVariants.retype(next, "observedAtMs", org.apache.kafka.connect.data.Schema.INT64_SCHEMA));
            int i = 0;
            for (var e : accepted.entrySet()) {
                String lenient = topic + ".lenient" + i++;
                // A converter of its own: one that has already registered a schema reuses that registration for
                // any topic (checked below), so the lenient subject would never get `next`.
                try (AvroConverter<?> fresh = new AvroConverter<>()) {
                    fresh.configure(new HashMap<>(settings), false);
                    register(fresh, lenient, next);
                    register(fresh, lenient, e.getValue());
                }
                assertEquals(2, versions(lenient + "-value"), e.getKey() + " accepted by the registry");
                assertFalse(
                        SchemaEvolutionRule.violations(next, asNextVersion(e.getValue()))
                                .isEmpty(),
                        e.getKey());
            }

            // Apicurio 2.6's converter caches registrations by schema content, not by topic: the same schema
            // written to another topic (e.g. one an SMT routes to) registers nothing under that topic.
            register(avro, topic + ".routed", next);
            assertEquals(
                    404,
                    registry.call("GET", ARTIFACTS + topic + ".routed-value", null, null)
                            .status());

            // ExtJsonConverter's schemas (type KCONNECT) are not checked by the registry at all.
            String kconnect = topic + ".kconnect";
            register(extJson, kconnect, next);
            register(extJson, kconnect, refused.get("required field renamed"));
            assertEquals(2, versions(kconnect + "-value"), "KCONNECT: a renamed required field is accepted");
        }
    }

    /** The changed schema with its version raised, so the rule finds the change itself, not a missing version. */
    private static org.apache.kafka.connect.data.Schema asNextVersion(org.apache.kafka.connect.data.Schema changed) {
        return SchemaEvolutionRule.nextVersion(changed, List.of());
    }

    /** Writes one event with {@code schema} through the converter, which registers the schema if it is new. */
    private static void register(
            org.apache.kafka.connect.storage.Converter converter,
            String topic,
            org.apache.kafka.connect.data.Schema schema) {
        converter.fromConnectData(topic, schema, SchemaVariants.sample(schema));
    }

    private Schema avroSchema(String artifact) {
        JsonNode meta = registry.get(ARTIFACTS + artifact + "/meta");
        assertEquals("AVRO", meta.path("type").asText(), artifact + ": " + meta);
        return new Schema.Parser().parse(registry.get(ARTIFACTS + artifact).toString());
    }

    private int versions(String artifact) {
        return registry.get(ARTIFACTS + artifact + "/versions").path("count").asInt();
    }

    /** The logical type of a timestamp field: the non-null branch of an optional field's union. */
    static String timestampOf(Schema s) {
        Schema t = s;
        if (s.getType() == Schema.Type.UNION) {
            t = s.getTypes().stream()
                    .filter(b -> b.getType() != Schema.Type.NULL)
                    .findFirst()
                    .orElseThrow();
        }
        return t.getLogicalType() == null ? null : t.getLogicalType().getName();
    }
}
