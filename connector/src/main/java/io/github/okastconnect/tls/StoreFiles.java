package io.github.okastconnect.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Locale;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads truststore and keystore files. The JDK's own failures name neither the file nor the setting at fault
 * ("keystore password was incorrect", "toDerInputStream rejects tag type 45"); these say which file, read as which
 * type, and what to change. No message ever carries a password.
 */
final class StoreFiles {
    private StoreFiles() {}

    /**
     * How messages name a file: its role, path and type, e.g. {@code keystore /etc/okast/client.p12 (PKCS12)}.
     */
    record Where(String role, String location, String type) {
        Where {
            type = type.toUpperCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return role + " " + location + " (" + type + ")";
        }

        IOException unreadable(String problem, String fix, Exception cause) {
            return new IOException(this + ": " + problem + "; " + fix, cause);
        }
    }

    static byte[] read(Where where) throws IOException {
        if (where.location().isBlank()) {
            throw new IOException(where.role() + " location is empty; give the path of the " + where.role() + " file");
        }
        Path path;
        try {
            path = Path.of(where.location());
        } catch (InvalidPathException e) {
            throw where.unreadable("not a valid path", "check the " + where.role() + " location", e);
        }
        if (Files.isDirectory(path)) {
            throw where.unreadable("is a directory", "give the path of the " + where.role() + " file itself", null);
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw where.unreadable("no such file", "check the " + where.role() + " location (a path on the worker)", e);
        } catch (AccessDeniedException e) {
            throw where.unreadable("permission denied", "let the worker's user read the file", e);
        } catch (IOException e) {
            throw where.unreadable("cannot be read (" + e + ")", "check the " + where.role() + " location", e);
        }
    }

    /** Loads a PKCS12 or JKS file (or any other type the JDK has a {@link KeyStore} for). */
    static KeyStore load(Where where, Password password) throws GeneralSecurityException, IOException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(where.type());
        } catch (KeyStoreException e) {
            throw new KeyStoreException(
                    where.role() + " type '" + where.type() + "' is not supported; use PKCS12," + " JKS or PEM", e);
        }
        byte[] bytes = read(where);
        try {
            store.load(new ByteArrayInputStream(bytes), chars(password));
        } catch (IOException e) {
            // Both PKCS12 and JKS report a wrong password as an IOException caused by an UnrecoverableKeyException.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw where.unreadable(
                        "wrong " + where.role() + " password, or a damaged file",
                        "check the " + where.role() + " password",
                        e);
            }
            throw where.unreadable(
                    "not a " + where.type() + " file (" + e.getMessage() + ")",
                    "check the " + where.role() + " type (PKCS12, JKS or PEM) and location",
                    e);
        }
        return store;
    }

    static char[] chars(Password password) {
        return password == null || password.value() == null
                ? null
                : password.value().toCharArray();
    }

    static boolean given(Password password) {
        return password != null && password.value() != null;
    }
}
