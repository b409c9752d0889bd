package io.github.okastconnect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads files from src/test/resources. */
public final class TestResources {
    private TestResources() {}

    public static byte[] bytes(String name) {
        try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
