package io.github.okastconnect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;

/** The work directories of stacks and Streams apps: wiped before a fresh start. */
public final class Directories {
    private Directories() {}

    /** Deletes {@code dir} and everything below it (Kafka's {@link Utils#delete}); nothing when it does not exist. */
    public static void deleteRecursively(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
