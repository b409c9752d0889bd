package io.github.okastconnect.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version}: the command's name and the project version, which Maven writes into
 * {@code version.properties} when it builds this module (one version for the whole reactor).
 */
public final class ProjectVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    @Spec
    CommandSpec spec;

    /** The project version this module was built as, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String projectVersion() {
        Properties properties = new Properties();
        try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            spec.qualifiedName() + " " + projectVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
