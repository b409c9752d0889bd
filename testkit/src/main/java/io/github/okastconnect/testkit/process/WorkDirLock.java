package io.github.okastconnect.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running stack per work dir. The OS drops the lock when the owning JVM dies, even by SIGKILL, so a lock
 * that can be taken proves that the processes recorded in the dir are orphans and may be reaped.
 */
final class WorkDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private WorkDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static WorkDirLock acquire(Path workDir) {
        try {
            Files.createDirectories(workDir);
            FileChannel channel =
                    FileChannel.open(workDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("work dir " + workDir + " is used by another running LocalKafkaStack");
            }
            return new WorkDirLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock work dir " + workDir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock dies with the channel or the JVM anyway
        }
    }
}
