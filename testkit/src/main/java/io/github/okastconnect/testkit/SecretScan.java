package io.github.okastconnect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for the secrets a test configured in everything it captured: log lines, worker log files, process output.
 * Each secret is searched raw, URL-encoded, and base64-encoded (standard and URL-safe alphabets) at each of the three
 * byte alignments, so that it is also found inside a longer encoded value such as {@code Basic base64(user:secret)}.
 * A hit fails the test, naming the form and where; the message masks the secret itself.
 */
public final class SecretScan {
    /** Shorter secrets would match by chance once encoded (a few base64 characters); tests use longer ones. */
    static final int MIN_LENGTH = 8;

    /** Searchable form → what it is (for the failure message). */
    private final Map<String, String> forms = new LinkedHashMap<>();

    private SecretScan() {}

    public static SecretScan of(String... secrets) {
        return of(List.of(secrets));
    }

    public static SecretScan of(Collection<String> secrets) {
        SecretScan scan = new SecretScan();
        int n = 0;
        for (String secret : secrets) {
            if (secret.length() < MIN_LENGTH) {
                throw new IllegalArgumentException("a secret to scan for needs at least " + MIN_LENGTH
                        + " characters, or its encoded forms match by chance");
            }
            String name = "secret #" + (++n) + " (" + mask(secret) + ")";
            scan.forms.putIfAbsent(secret, name + " raw");
            scan.forms.putIfAbsent(URLEncoder.encode(secret, StandardCharsets.UTF_8), name + " URL-encoded");
            scan.forms.putIfAbsent(
                    URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"), name + " URL-encoded");
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            for (int shift = 0; shift < 3; shift++) {
                String core = base64Core(bytes, shift);
                scan.forms.putIfAbsent(core, name + " base64");
                scan.forms.putIfAbsent(core.replace('+', '-').replace('/', '_'), name + " base64url");
            }
        }
        return scan;
    }

    /**
     * The base64 characters that depend on the secret's bytes alone when it starts {@code shift} bytes into an
     * encoded value: whatever precedes or follows it, an encoding of it contains these.
     */
    static String base64Core(byte[] secret, int shift) {
        byte[] padded = new byte[shift + secret.length];
        System.arraycopy(secret, 0, padded, shift, secret.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(padded);
        // Character i covers bits [6i, 6i + 6): keep those entirely within the secret's bits.
        int first = (8 * shift + 5) / 6;
        int end = 8 * (shift + secret.length) / 6;
        return encoded.substring(first, end);
    }

    private static String mask(String secret) {
        return secret.charAt(0) + "…" + secret.charAt(secret.length() - 1) + ", " + secret.length() + " chars";
    }

    /** Each hit in {@code text}, as "form in where". */
    public List<String> hits(String where, String text) {
        List<String> hits = new ArrayList<>();
        forms.forEach((form, name) -> {
            if (text.contains(form)) {
                hits.add(name + " in " + where);
            }
        });
        return hits;
    }

    public void assertAbsent(String where, String text) {
        fail(hits(where, text));
    }

    /** Every line the capture saw since it was installed, cleared or not. */
    public void assertAbsent(LogCapture logs) {
        List<String> hits = new ArrayList<>();
        List<LogCapture.Line> lines = logs.everything();
        for (int i = 0; i < lines.size(); i++) {
            hits.addAll(hits("captured log line " + (i + 1), lines.get(i).all()));
        }
        fail(hits);
    }

    /**
     * Every regular file under these paths (worker and broker logs, process output), read as UTF-8 text, line by
     * line. Returns how many files were read, so that a caller can check it read something.
     */
    public int assertAbsentInFiles(Path... roots) {
        List<String> hits = new ArrayList<>();
        int files = 0;
        for (Path root : roots) {
            List<Path> found;
            try (Stream<Path> walk = Files.walk(root)) {
                found = walk.filter(Files::isRegularFile).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path file : found) {
                files++;
                List<String> lines;
                try {
                    lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (int i = 0; i < lines.size(); i++) {
                    hits.addAll(hits(file + ":" + (i + 1), lines.get(i)));
                }
            }
        }
        fail(hits);
        return files;
    }

    private static void fail(List<String> hits) {
        if (!hits.isEmpty()) {
            throw new AssertionError("secret leaked: " + String.join("; ", hits.subList(0, Math.min(hits.size(), 20)))
                    + (hits.size() > 20 ? " (and " + (hits.size() - 20) + " more)" : ""));
        }
    }
}
