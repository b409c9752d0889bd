package io.github.okastconnect.testkit.testplugin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds {@code <pluginRoot>/tick-source/tick-source.jar}: the layout Connect expects under plugin.path. */
public final class TickPluginJar {

    private TickPluginJar() {}

    public static Path write(Path pluginRoot) throws IOException, URISyntaxException {
        Path classesRoot = Path.of(TickSourceConnector.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String packageDir = TickSourceConnector.class.getPackageName().replace('.', '/');
        Path jar = pluginRoot.resolve("tick-source/tick-source.jar");
        Files.createDirectories(jar.getParent());
        List<Path> classes;
        try (Stream<Path> files = Files.list(classesRoot.resolve(packageDir))) {
            // the jar builder itself is no part of the plugin
            classes = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().startsWith("TickPluginJar"))
                    .toList();
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out)) {
            for (Path cls : classes) {
                zip.putNextEntry(new JarEntry(packageDir + "/" + cls.getFileName()));
                zip.write(Files.readAllBytes(cls));
                zip.closeEntry();
            }
            // plugin.discovery=service_load finds connectors through this manifest only
            zip.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"));
            zip.write((TickSourceConnector.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }
}
