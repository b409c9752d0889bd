package io.github.okastconnect.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code request} object of a queue entry: the parameters the client sent, as strings, in a
 * fixed order. The vendor echoes only what was given (the example shows entries with a single
 * field), so absent and empty ({@code ""}) are different things and both must survive.
 */
public record IngestRequest(Map<String, String> fields) {

    public static final String FILE_PATH = "filePath";
    public static final String METADATA_PATH = "metadataPath";
    public static final String VALIDATE = "validate";
    public static final String DESTINATION_FOLDER = "destinationFolder";
    public static final String DESTINATION_FOLDER_KIND = "destinationFolderKind";
    public static final String DESTINATION_FOLDER_INDEX = "destinationFolderIndex";
    public static final String DESTINATION_FOLDER_INDEX_REPLACE = "destinationFolderIndexReplace";
    public static final String RESCHEDULE = "reschedule";

    /** The order of the vendor's example, which is the order the add endpoint stores fields in. */
    public static final List<String> KNOWN_FIELDS = List.of(
            FILE_PATH,
            METADATA_PATH,
            VALIDATE,
            DESTINATION_FOLDER,
            DESTINATION_FOLDER_KIND,
            DESTINATION_FOLDER_INDEX,
            DESTINATION_FOLDER_INDEX_REPLACE,
            RESCHEDULE);

    public IngestRequest {
        Objects.requireNonNull(fields, "fields");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        fields.forEach((k, v) ->
                copy.put(Objects.requireNonNull(k, "field name"), Objects.requireNonNull(v, () -> "value of " + k)));
        fields = Collections.unmodifiableMap(copy);
    }

    /**
     * Keeps only the documented parameters, in the documented order, whatever order the client
     * sent them in; unknown parameters are dropped because the vendor's PHP only reads known ones.
     */
    public static IngestRequest fromParameters(Map<String, String> parameters) {
        LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
        for (String name : KNOWN_FIELDS) {
            String value = parameters.get(name);
            if (value != null) {
                ordered.put(name, value);
            }
        }
        return new IngestRequest(ordered);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Present only when the client sent a non-blank filePath (blank counts as missing, like PHP's empty()). */
    public Optional<String> filePath() {
        String value = fields.get(FILE_PATH);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.fields.putAll(fields);
        return builder;
    }

    /** Fields appear in the JSON in the order they are set here. */
    public static final class Builder {
        private final LinkedHashMap<String, String> fields = new LinkedHashMap<>();

        private Builder() {}

        public Builder filePath(String value) {
            return field(FILE_PATH, value);
        }

        public Builder metadataPath(String value) {
            return field(METADATA_PATH, value);
        }

        public Builder validate(String value) {
            return field(VALIDATE, value);
        }

        public Builder destinationFolder(String value) {
            return field(DESTINATION_FOLDER, value);
        }

        public Builder destinationFolderKind(String value) {
            return field(DESTINATION_FOLDER_KIND, value);
        }

        public Builder destinationFolderIndex(String value) {
            return field(DESTINATION_FOLDER_INDEX, value);
        }

        public Builder destinationFolderIndexReplace(String value) {
            return field(DESTINATION_FOLDER_INDEX_REPLACE, value);
        }

        public Builder reschedule(String value) {
            return field(RESCHEDULE, value);
        }

        /** Any name, so scripted entries can carry fields the real API may add one day. */
        public Builder field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        public Builder remove(String name) {
            fields.remove(name);
            return this;
        }

        public IngestRequest build() {
            return new IngestRequest(fields);
        }
    }
}
