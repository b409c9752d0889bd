package io.github.okastconnect.testkit.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One launched JVM (broker, worker or tool) whose output goes to a log file. */
final class ManagedProcess {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final Process process;
    private final Path logFile;
    /** Log files are appended to across restarts: readiness must only look at what this run wrote. */
    private final long logStart;

    private long scanned;
    private String scanCarry = "";

    ManagedProcess(String name, Process process, Path logFile, long logStart) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
        this.scanned = logStart;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** SIGKILL: no shutdown hook runs in the process, as when a machine or container dies. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, so Kafka's own shutdown hook runs; SIGKILL after {@code grace}. Returns true when it exited by itself. */
    boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (awaitExit(grace)) {
            return true;
        }
        kill();
        return false;
    }

    int exitCode() {
        return process.exitValue();
    }

    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaProcessException("interrupted while waiting for " + name + " to exit", e);
        }
    }

    /**
     * Polls {@code ready} until it holds; fails fast with the log tail when the process dies, the timeout passes
     * or {@code aborted} turns true (the stack is being closed, e.g. by Ctrl-C during start-up).
     */
    void awaitReady(String what, Duration timeout, BooleanSupplier aborted, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new KafkaProcessException(name + " exited with code " + process.exitValue() + " before " + what
                        + "; log " + logFile + ":\n" + logTail(40));
            }
            if (aborted.getAsBoolean()) {
                throw new KafkaProcessException("start of " + name + " aborted: the stack is closing");
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaProcessException(name + " not " + what + " after " + timeout.toSeconds() + " s; log "
                        + logFile + ":\n" + logTail(40));
            }
            sleep(POLL);
        }
    }

    /** True once this run's output contains {@code needle}; reads only what was appended since the last call. */
    boolean logContains(String needle) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            if (length <= scanned) {
                return false;
            }
            byte[] fresh = new byte[(int) Math.min(length - scanned, 8 * 1024 * 1024)];
            file.seek(scanned);
            file.readFully(fresh);
            scanned += fresh.length;
            String text = scanCarry + new String(fresh, StandardCharsets.UTF_8);
            if (text.contains(needle)) {
                return true;
            }
            // keep the end so a needle split across two reads is still found
            scanCarry = text.substring(Math.max(0, text.length() - needle.length()));
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    String logTail(int maxLines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long from = Math.max(logStart, file.length() - 16 * 1024);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines =
                    new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaProcessException("interrupted", e);
        }
    }
}
