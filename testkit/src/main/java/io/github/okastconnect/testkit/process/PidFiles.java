package io.github.okastconnect.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records the pid of every process a stack launches, so that the next start in the same work dir can reap
 * processes orphaned when the driving JVM was SIGKILLed (no shutdown hook runs then).
 */
record PidFiles(Path dir, String ownerMarker) {

    void record(ManagedProcess process) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(process.name() + ".pid"), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget(ManagedProcess process) {
        try {
            Files.deleteIfExists(dir.resolve(process.name() + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills processes listed here that are still alive AND whose command line mentions this work dir: a pid alone
     * may have been reused by an unrelated process since. Returns how many were killed.
     */
    int reapOrphans() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int reaped = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path file : files) {
                Optional<ProcessHandle> orphan = readPid(file)
                        .flatMap(ProcessHandle::of)
                        .filter(ProcessHandle::isAlive)
                        .filter(h -> h.info()
                                .commandLine()
                                .map(c -> c.contains(ownerMarker))
                                .orElse(false));
                if (orphan.isPresent()) {
                    orphan.get().destroyForcibly();
                    awaitGone(orphan.get(), Duration.ofSeconds(10));
                    reaped++;
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reaped;
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void awaitGone(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a process that lingers makes the next start fail on its ports, which says enough
        }
    }
}
