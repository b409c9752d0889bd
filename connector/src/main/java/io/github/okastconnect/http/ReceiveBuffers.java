package io.github.okastconnect.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Response buffers kept between polls. An instance's body is about the same size every poll: reading a whole body
 * into a reused buffer spares allocating (and the garbage collector reclaiming) megabytes per poll, and a body found
 * identical to the last one is dropped from it. A body that changed is handed over in its buffer
 * ({@link FetchResult.Success}) and comes back when its result is released, after processing; one too large to keep
 * is left to the garbage collector. The 128 KiB buffers through which expected-unchanged bodies are compared on
 * arrival come from here too.
 *
 * <p>At most {@code maxRetainedBytes} are kept, over all buffers not in use; 0 keeps none.
 */
final class ReceiveBuffers {
    /** Smallest buffer handed out: a response of unknown length starts here and grows by doubling. */
    static final int MIN_BUFFER_BYTES = 64 * 1024;

    private final long maxRetainedBytes;
    private final List<byte[]> free = new ArrayList<>();
    private long retainedBytes;

    ReceiveBuffers(long maxRetainedBytes) {
        if (maxRetainedBytes < 0) {
            throw new IllegalArgumentException("maxRetainedBytes must not be negative");
        }
        this.maxRetainedBytes = maxRetainedBytes;
    }

    /**
     * A buffer of at least {@code minLength} bytes: the smallest kept one that fits, else a new one with an eighth to
     * spare (but no more than {@code limit}), so a queue that grows by a few entries does not outgrow its buffer on
     * every poll. A new buffer too large to be kept has no spare: it is used once.
     */
    byte[] take(int minLength, int limit) {
        synchronized (this) {
            int best = -1;
            for (int i = 0; i < free.size(); i++) {
                int length = free.get(i).length;
                if (length >= minLength && (best < 0 || length < free.get(best).length)) {
                    best = i;
                }
            }
            if (best >= 0) {
                byte[] buffer = free.remove(best);
                retainedBytes -= buffer.length;
                return buffer;
            }
        }
        long withSpare = (long) minLength + minLength / 8;
        long size = Math.max(MIN_BUFFER_BYTES, keeps(withSpare) ? withSpare : minLength);
        return new byte[(int) Math.max(minLength, Math.min(size, limit))];
    }

    /** Whether a buffer of this many bytes can be kept at all. */
    boolean keeps(long bytes) {
        return bytes <= maxRetainedBytes;
    }

    /** Keeps {@code buffer} for a later response if the budget allows, dropping smaller kept ones to make room. */
    synchronized void give(byte[] buffer) {
        if (!keeps(buffer.length)) {
            return;
        }
        while (retainedBytes + buffer.length > maxRetainedBytes) {
            int smallest = 0;
            for (int i = 1; i < free.size(); i++) {
                if (free.get(i).length < free.get(smallest).length) {
                    smallest = i;
                }
            }
            if (free.get(smallest).length >= buffer.length) {
                return; // the kept buffers are all at least as useful
            }
            retainedBytes -= free.remove(smallest).length;
        }
        free.add(buffer);
        retainedBytes += buffer.length;
    }

    synchronized long retainedBytes() {
        return retainedBytes;
    }
}
