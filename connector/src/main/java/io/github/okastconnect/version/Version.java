package io.github.okastconnect.version;

/**
 * The connector's version, from the jar manifest (set by the build). A package of its own, below everything that
 * reports it, so the connector class and its task both depend on it without depending on each other.
 */
public final class Version {
    private Version() {}

    public static String get() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
