package io.github.okastconnect.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes a .properties file a human can read (Properties.store would escape every ':' of every URL). */
final class PropertiesFile {

    private PropertiesFile() {}

    static void write(Path file, String header, Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# ").append(header).append('\n');
        new TreeMap<>(properties)
                .forEach((key, value) -> text.append(escape(key))
                        .append('=')
                        .append(escape(value))
                        .append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
