package io.github.okastconnect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Which connector build was measured: the connector is changing while these benchmarks are used to steer it. */
public final class ConnectorBuild {
    private ConnectorBuild() {}

    /**
     * The commit of the source tree when the benchmark started ({@code -Dbench.commit}, set by run.sh; "+changes"
     * when it had uncommitted changes), or nothing: the jar's hash alone cannot be traced back to a commit.
     */
    private static String commit() {
        String commit = System.getProperty("bench.commit", "");
        return commit.isBlank() ? "" : ", source tree at commit " + commit;
    }

    public static String describe() {
        try {
            Path jar = Path.of(io.github.okastconnect.task.InstanceTracker.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(jar)) {
                return "connector classes from " + jar;
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar));
            String built = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .withZone(ZoneId.systemDefault())
                    .format(Instant.ofEpochMilli(Files.getLastModifiedTime(jar).toMillis()));
            return "connector jar " + jar.getFileName() + " (sha256 "
                    + HexFormat.of().formatHex(digest, 0, 6) + ", built " + built + ")" + commit();
        } catch (Exception e) {
            return "connector build unknown (" + e + ")";
        }
    }
}
