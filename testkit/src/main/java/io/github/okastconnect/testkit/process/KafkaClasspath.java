package io.github.okastconnect.testkit.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The jars of the Kafka distribution that the broker and worker processes run on.
 *
 * <p>It is produced at build time by maven-dependency-plugin {@code build-classpath} (see the module pom) and
 * contains Kafka's jars only, never this project's classes: a connector under test must be loaded from
 * {@code plugin.path} through Connect's plugin isolation, as in a real deployment.
 *
 * <p>{@link #resolve()} looks, in order, at the file named by the system property {@value #FILE_PROPERTY}, then at
 * the classpath resource {@value #RESOURCE} that the okast-testkit jar carries.
 */
public record KafkaClasspath(List<Path> entries) {

    public static final String FILE_PROPERTY = "okast.kafka.classpath.file";
    public static final String RESOURCE = "META-INF/okast-testkit/kafka-classpath.txt";

    public KafkaClasspath {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("empty Kafka classpath");
        }
    }

    public static KafkaClasspath resolve() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null && !file.isBlank()) {
            return fromFile(Path.of(file));
        }
        try (InputStream in = KafkaClasspath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No Kafka classpath: resource " + RESOURCE + " is missing and -D"
                        + FILE_PROPERTY + " is not set. Build testkit/ first (mvn install).");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KafkaClasspath fromFile(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka classpath file " + file, e);
        }
    }

    /** Parses a {@code build-classpath} output (entries separated by the platform path separator or newlines). */
    public static KafkaClasspath parse(String text, String source) {
        List<Path> paths = Arrays.stream(text.split("[" + File.pathSeparator + "\\r\\n]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Path::of)
                .toList();
        List<Path> missing = paths.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            // The file holds absolute paths into the local Maven repository of the machine that built it.
            throw new IllegalStateException("Kafka classpath from " + source + " names " + missing.size()
                    + " missing jar(s), first: " + missing.get(0) + ". Rebuild testkit/ on this machine.");
        }
        return new KafkaClasspath(paths);
    }

    public String asArgument() {
        return String.join(
                File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    public boolean hasJarStartingWith(String fileNamePrefix) {
        return entries.stream().anyMatch(p -> p.getFileName().toString().startsWith(fileNamePrefix));
    }
}
