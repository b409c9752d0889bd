package io.github.okastconnect.systemtests;

import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.process.LocalKafkaStackBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What failsafe passes in (see system-tests/pom.xml), with fallbacks for a run from an IDE whose working directory is
 * the module or the repository root.
 */
final class SystemTestSettings {

    static final String CONNECTOR_CLASS = "io.github.okastconnect.OkastSourceConnector";

    private SystemTestSettings() {}

    static String projectVersion() {
        return System.getProperty("okast.project.version", "0.1.0-SNAPSHOT");
    }

    /** {@code okastconnect-kafka-connect-okast-<version>}: the zip's base directory and file name. */
    static String archiveName() {
        return System.getProperty("okast.plugin.archive.name", "okastconnect-kafka-connect-okast-" + projectVersion());
    }

    static Path pluginZip() {
        String configured = System.getProperty("okast.plugin.zip");
        Path zip = configured != null
                ? Path.of(configured)
                : repoRoot().resolve("connector/target/" + archiveName() + ".zip");
        zip = zip.toAbsolutePath().normalize();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("plugin archive " + zip + " not found: build connector/ first "
                    + "(mvn -o -q install -DskipTests from the repository root)");
        }
        return zip;
    }

    /** The repository's config/ folder: what the archive's etc/ is built from. */
    static Path repoConfigDir() {
        String configured = System.getProperty("okast.repo.config.dir");
        return (configured != null ? Path.of(configured) : repoRoot().resolve("config"))
                .toAbsolutePath()
                .normalize();
    }

    /** The repository's root: docs/ and config/ are read from there. */
    static Path repoDir() {
        String configured = System.getProperty("okast.repo.dir");
        return (configured != null ? Path.of(configured) : repoRoot())
                .toAbsolutePath()
                .normalize();
    }

    /** The Prometheus JMX exporter agent jar that system-tests/pom.xml copies into target/. */
    static Path jmxExporterAgent() {
        String configured = System.getProperty("okast.jmx.exporter.agent");
        if (configured == null || !Files.isRegularFile(Path.of(configured))) {
            throw new IllegalStateException("JMX exporter agent " + configured + " not found: run this module through "
                    + "Maven (mvn -f system-tests/pom.xml verify), which copies it into target/jmx-exporter");
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    /** Parent of every stack work dir; each test uses its own sub-directory (one stack per work dir). */
    static Path workDir(String name) {
        String configured = System.getProperty("okast.work.dir");
        Path base = configured != null ? Path.of(configured) : Path.of("target/system-tests");
        return base.resolve(name).toAbsolutePath().normalize();
    }

    /** A stack in work dir {@code name} whose workers load the plugin archive, unzipped under {@code tmp}. */
    static LocalKafkaStackBuilder stackWithPlugin(String name, Path tmp) {
        Path plugins = tmp.resolve("plugins");
        PluginArchive.unzipInto(pluginZip(), plugins);
        return LocalKafkaStack.builder().workDir(workDir(name)).pluginPath(plugins);
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("connector")) && Files.isDirectory(p.resolve("config"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "repository root not found above " + Path.of("").toAbsolutePath());
    }
}
