package io.github.okastconnect.mapper;

import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The record key and value schemas. Named and versioned so converters with a schema registry and SMTs can rely on
 * them. The value schema only ever gains optional fields, appended at the end, each change raising {@link #VERSION};
 * nothing is removed, renamed, moved or retyped; the key schema never changes (docs/schema-registry.md). Every
 * released version is frozen under the tests' resources/schemas/ and EventSchemaEvolutionTest checks the rule.
 */
public final class EventSchemas {
    public static final String KEY_NAME = "io.github.okastconnect.IngestKey";
    public static final String VALUE_NAME = "io.github.okastconnect.IngestEvent";
    /** Version of the value schema: raised by one with each field added. */
    public static final int VERSION = 1;
    /** Version of the key schema, which never changes: it is the identity of an entry. */
    public static final int KEY_VERSION = 1;

    /** Request fields Okast documents; each becomes a top-level optional string field of the value. */
    public static final List<String> KNOWN_REQUEST_FIELDS = List.of(
            "metadataPath",
            "destinationFolder",
            "destinationFolderKind",
            "destinationFolderIndex",
            "destinationFolderIndexReplace",
            "reschedule",
            "validate");

    public static final Schema TIMESTAMP = Timestamp.builder().optional().build();

    public static final Schema KEY = SchemaBuilder.struct()
            .name(KEY_NAME)
            .version(KEY_VERSION)
            .doc("Identity of an Okast ingest queue entry")
            .field("instance", Schema.STRING_SCHEMA)
            .field("filePath", Schema.OPTIONAL_STRING_SCHEMA)
            .field("requestTime", Schema.OPTIONAL_STRING_SCHEMA)
            .field("occurrence", Schema.INT32_SCHEMA)
            .build();

    public static final Schema VALUE = valueSchema();

    private EventSchemas() {}

    private static Schema valueSchema() {
        SchemaBuilder b = SchemaBuilder.struct()
                .name(VALUE_NAME)
                .version(VERSION)
                .doc("One change in the lifecycle of an Okast ingest queue entry")
                .field("changeType", Schema.STRING_SCHEMA)
                .field("instance", Schema.STRING_SCHEMA)
                .field("filePath", Schema.OPTIONAL_STRING_SCHEMA)
                .field("requestTime", Schema.OPTIONAL_STRING_SCHEMA)
                .field("occurrence", Schema.INT32_SCHEMA)
                .field("status", Schema.OPTIONAL_STRING_SCHEMA)
                .field("statusError", Schema.OPTIONAL_STRING_SCHEMA)
                .field("lastStatusUpdate", Schema.OPTIONAL_STRING_SCHEMA)
                .field("previousStatus", Schema.OPTIONAL_STRING_SCHEMA)
                .field("previousLastStatusUpdate", Schema.OPTIONAL_STRING_SCHEMA)
                .field("requestTimeMs", TIMESTAMP)
                .field("lastStatusUpdateMs", TIMESTAMP)
                .field("previousLastStatusUpdateMs", TIMESTAMP);
        for (String field : KNOWN_REQUEST_FIELDS) {
            b.field(field, Schema.OPTIONAL_STRING_SCHEMA);
        }
        return b.field(
                        "requestExtra",
                        SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA)
                                .optional()
                                .doc("Request fields not listed above, values as raw strings or compact JSON")
                                .build())
                .field("observedAtMs", Timestamp.SCHEMA)
                .build();
    }
}
