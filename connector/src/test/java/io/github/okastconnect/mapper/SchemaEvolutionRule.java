package io.github.okastconnect.mapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The rule the event schema follows from one version to the next (docs/schema-registry.md): same name, version + 1,
 * every field of the older version kept at its place with exactly the same schema (type, optionality, logical type,
 * default), new fields only appended at the end and only optional. A schema registry's BACKWARD rule does not catch
 * all of this (it accepts a removed or renamed optional field, and a timestamp that lost its logical type), so
 * EventSchemaEvolutionTest checks every frozen version with it.
 */
public final class SchemaEvolutionRule {
    private SchemaEvolutionRule() {}

    /** What the newer schema breaks; empty when it is a legal next version of the older one. */
    public static List<String> violations(Schema older, Schema newer) {
        List<String> v = new ArrayList<>();
        if (!Objects.equals(older.name(), newer.name())) {
            v.add("name changed: " + older.name() + " -> " + newer.name());
        }
        int expectedVersion = (older.version() == null ? 0 : older.version()) + 1;
        if (!Objects.equals(expectedVersion, newer.version())) {
            v.add("version must be " + expectedVersion + ", is " + newer.version());
        }
        List<Field> before = older.fields();
        List<Field> after = newer.fields();
        for (Field f : before) {
            Field now = newer.field(f.name());
            if (now == null) {
                v.add("field removed or renamed: " + f.name());
            } else if (now.index() != f.index()) {
                v.add("field moved: " + f.name() + " from position " + f.index() + " to " + now.index());
            } else if (!f.schema().equals(now.schema())) {
                v.add("field changed: " + f.name() + " " + describe(f.schema()) + " -> " + describe(now.schema()));
            }
        }
        for (Field f : after) {
            if (older.field(f.name()) == null && !f.schema().isOptional()) {
                v.add("new field is not optional: " + f.name());
            }
        }
        return v;
    }

    private static String describe(Schema s) {
        return s.type()
                + (s.name() == null ? "" : "(" + s.name() + ")")
                + (s.isOptional() ? "?" : "")
                + (s.defaultValue() == null ? "" : " default " + s.defaultValue());
    }

    /**
     * The next version of a struct schema as the code would write it: the same name, doc and fields in the same
     * order, version + 1, then {@code added} appended.
     */
    public static Schema nextVersion(Schema current, List<Field> added) {
        SchemaBuilder b = SchemaBuilder.struct()
                .name(current.name())
                .version(current.version() + 1)
                .doc(current.doc());
        for (Field f : current.fields()) {
            b.field(f.name(), f.schema());
        }
        for (Field f : added) {
            b.field(f.name(), f.schema());
        }
        return b.build();
    }
}
