package io.github.okastconnect.it.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.utils.converter.ExtJsonConverter;
import io.github.okastconnect.mapper.EventSchemas;
import io.github.okastconnect.testkit.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Readers of what the registry-backed converters write, each turning a key or value into the JSON text that
 * Connect's schemaless JsonConverter writes for the same record, so {@link LifecycleScenario} compares them with the
 * same expected events. Each also checks that the record carries the connector's schema name.
 */
final class RegistryDecoders {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RegistryDecoders() {}

    private static String expectedName(boolean isKey) {
        return isKey ? EventSchemas.KEY_NAME : EventSchemas.VALUE_NAME;
    }

    /** Apicurio's own Kafka deserializer (what a consumer application uses), reading Avro into GenericRecords. */
    static TopicReader.Decoder apicurioAvro(
            String registryApiUrl, Map<String, String> settings, Collection<Long> seenIds) {
        AvroKafkaDeserializer<GenericRecord> keys = new AvroKafkaDeserializer<>();
        AvroKafkaDeserializer<GenericRecord> values = new AvroKafkaDeserializer<>();
        Map<String, Object> config = new java.util.HashMap<>(settings);
        config.put("apicurio.registry.url", registryApiUrl);
        keys.configure(config, true);
        values.configure(config, false);
        return (topic, headers, data, isKey) -> {
            // Apicurio's wire format with the id in the record: magic byte 0, the 8-byte global id, Avro binary.
            ByteBuffer buf = ByteBuffer.wrap(data);
            assertEquals(0, buf.get(), "magic byte");
            seenIds.add(buf.getLong());
            GenericRecord r = (isKey ? keys : values).deserialize(topic, headers, data);
            assertEquals(expectedName(isKey), r.getSchema().getFullName(), "writer schema of " + topic);
            return avroJson(r).toString();
        };
    }

    /**
     * What Confluent's KafkaAvroDeserializer does, without its jars (not served here): magic byte 0, a 4-byte
     * schema id, the schema fetched from the Confluent-compatible API ({@code /apis/ccompat/v7/schemas/ids/<id>}),
     * then plain Avro binary decoded with it.
     */
    static TopicReader.Decoder confluentWire(ApicurioRegistry registry, Collection<Integer> seenIds) {
        Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
        return (topic, headers, data, isKey) -> {
            ByteBuffer buf = ByteBuffer.wrap(data);
            assertEquals(0, buf.get(), "Confluent magic byte");
            int id = buf.getInt();
            seenIds.add(id);
            Schema schema = schemas.computeIfAbsent(
                    id,
                    i -> new Schema.Parser()
                            .parse(registry.get("/apis/ccompat/v7/schemas/ids/" + i)
                                    .get("schema")
                                    .asText()));
            assertEquals(expectedName(isKey), schema.getFullName(), "schema " + id + " of " + topic);
            try {
                GenericRecord r = new GenericDatumReader<GenericRecord>(schema)
                        .read(null, DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(data, 5, data.length), null));
                return avroJson(r).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * Apicurio's ExtJsonConverter reading back what it wrote ({"schemaId":…,"payload":…}, the schema in the
     * registry as Connect's own schema JSON); the payload is then written as schemaless JSON.
     */
    static TopicReader.Decoder apicurioExtJson(String registryApiUrl, Map<String, String> settings) {
        Map<String, Object> config = new java.util.HashMap<>(settings);
        config.put("apicurio.registry.url", registryApiUrl);
        ExtJsonConverter keys = new ExtJsonConverter();
        ExtJsonConverter values = new ExtJsonConverter();
        keys.configure(config, true);
        values.configure(config, false);
        JsonConverter schemaless = new JsonConverter();
        schemaless.configure(Map.of("schemas.enable", "false"), false);
        return (topic, headers, data, isKey) -> {
            JsonNode raw = Entries.tree(new String(data, StandardCharsets.UTF_8));
            assertEquals(
                    java.util.List.of("schemaId", "payload"),
                    java.util.List.copyOf(iterable(raw.fieldNames())),
                    "ExtJsonConverter's envelope: " + raw);
            SchemaAndValue sv = (isKey ? keys : values).toConnectData(topic, data);
            assertEquals(expectedName(isKey), sv.schema().name(), "schema of " + topic);
            return new String(schemaless.fromConnectData(topic, sv.schema(), sv.value()), StandardCharsets.UTF_8);
        };
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> it) {
        java.util.List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** A GenericRecord as JSON: fields in schema order, strings as text, timestamp-millis as epoch-millis numbers. */
    static JsonNode avroJson(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof GenericRecord r) {
            ObjectNode o = NODES.objectNode();
            for (Schema.Field f : r.getSchema().getFields()) {
                o.set(f.name(), avroJson(r.get(f.name())));
            }
            return o;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(k.toString(), avroJson(x)));
            return o;
        }
        if (v instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        throw new AssertionError("unexpected Avro value " + v.getClass() + ": " + v);
    }
}
