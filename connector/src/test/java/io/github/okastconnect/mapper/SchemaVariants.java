package io.github.okastconnect.mapper;

import java.util.Date;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** Changed copies of a struct schema (the changes a schema registry must refuse or may accept), and a sample value. */
public final class SchemaVariants {
    private SchemaVariants() {}

    private static Schema copy(Schema base, UnaryOperator<Field> change, String addName, Schema addSchema) {
        SchemaBuilder b =
                SchemaBuilder.struct().name(base.name()).version(base.version()).doc(base.doc());
        for (Field f : base.fields()) {
            Field changed = change.apply(f);
            if (changed != null) {
                b.field(changed.name(), changed.schema());
            }
        }
        if (addName != null) {
            b.field(addName, addSchema);
        }
        return b.build();
    }

    public static Schema rename(Schema base, String from, String to) {
        return copy(base, f -> f.name().equals(from) ? new Field(to, 0, f.schema()) : f, null, null);
    }

    public static Schema retype(Schema base, String field, Schema type) {
        return copy(base, f -> f.name().equals(field) ? new Field(field, 0, type) : f, null, null);
    }

    public static Schema remove(Schema base, String field) {
        return copy(base, f -> f.name().equals(field) ? null : f, null, null);
    }

    public static Schema add(Schema base, String field, Schema type) {
        return copy(base, f -> f, field, type);
    }

    /** A value of the schema with every required field set and every optional one null. */
    public static Struct sample(Schema schema) {
        Struct s = new Struct(schema);
        for (Field f : schema.fields()) {
            Schema t = f.schema();
            if (t.isOptional()) {
                continue;
            }
            if (Timestamp.LOGICAL_NAME.equals(t.name())) {
                s.put(f, new Date(1_764_339_098_671L));
            } else {
                s.put(
                        f,
                        switch (t.type()) {
                            case STRING -> "NEW";
                            case INT32 -> 0;
                            case INT64 -> 1_764_339_098_671L;
                            default -> throw new IllegalArgumentException("no sample for " + f);
                        });
            }
        }
        return s;
    }

    /** Whether {@code error} or one of its causes is of a class with that simple name. */
    public static boolean causedBy(Throwable error, String simpleName) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }
}
