package io.github.okastconnect;

/** The connector's version, from the jar manifest (set by the build). */
public final class Version {
    private Version() {}

    public static String get() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
