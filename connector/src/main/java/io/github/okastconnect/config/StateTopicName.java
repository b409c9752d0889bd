package io.github.okastconnect.config;

/** The state topic's default name, derived from the connector's name (unique within a Connect cluster). */
final class StateTopicName {
    private StateTopicName() {}

    /** The connector's name made a legal topic name (other characters become '_'), plus {@code .okast-state}. */
    static String defaultFor(String connectorName) {
        String base = connectorName == null || connectorName.isBlank() ? "okast" : connectorName;
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return (safe.length() > 200 ? safe.substring(0, 200) : safe) + ".okast-state";
    }
}
