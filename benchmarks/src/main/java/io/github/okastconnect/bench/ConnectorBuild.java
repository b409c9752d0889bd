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
    private ConnectorBuild() {
    }

    public static String describe() {
        try {
            Path jar = Path.of(io.github.okastconnect.task.InstanceTracker.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            if (Files.isDirectory(jar)) {
                return "connector classes from " + jar;
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar));
            String built = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault())
                    .format(Instant.ofEpochMilli(Files.getLastModifiedTime(jar).toMillis()));
            return "connector jar " + jar.getFileName() + " (sha256 " + HexFormat.of().formatHex(digest, 0, 6)
                    + ", built " + built + ")";
        } catch (Exception e) {
            return "connector build unknown (" + e + ")";
        }
    }
}
