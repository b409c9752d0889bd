package io.github.okastconnect.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The Confluent-Hub-style zip that connector/ builds, read and unpacked the way an operator would. */
final class PluginArchive {

    private PluginArchive() {}

    /** Every entry name of the zip, directories included (they end with '/'). */
    static List<String> entryNames(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path zip, String entryName) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry(entryName);
            if (entry == null) {
                throw new IllegalArgumentException(entryName + " not in " + zip);
            }
            try (InputStream in = file.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code unzip archive.zip -d pluginPath}: the archive's base directory becomes a plugin folder directly under
     * {@code pluginPath}, which is what a worker's {@code plugin.path} lists. Returns that plugin folder.
     */
    static Path unzipInto(Path zip, Path pluginPath) {
        Path root = pluginPath.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Files.createDirectories(root);
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException("zip entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unzip " + zip + " into " + root, e);
        }
        return root.resolve(SystemTestSettings.archiveName());
    }
}
