package io.github.okastconnect.testkit;

/** PATCH bodies for this connector's stored offsets through Connect's offsets API. */
public final class StoredOffsets {
    private StoredOffsets() {}

    /** A PATCH body that resets an instance: a null offset for its marker partition. */
    public static String resetOffsetsBody(String instance) {
        return markerBody(instance, "null");
    }

    /** A PATCH body setting an instance's marker partition to the JSON {@code offset}. */
    public static String markerBody(String instance, String offset) {
        return "{\"offsets\":[{\"partition\":{\"instance\":\"" + instance + "\"},\"offset\":" + offset + "}]}";
    }
}
