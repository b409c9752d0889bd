package io.github.okastconnect.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads the body of a 200 answer: decodes gzip as a stream, enforces the size cap on the decoded bytes, and either
 * stores the body in a {@link ReceiveBuffers reused buffer} (fingerprinted block by block as it arrives, unless the
 * caller expects a change) or, when the caller expects the last body again, compares it block by block without
 * storing it. Also reads the unused bodies of
 * other answers, so the JDK can keep the connection alive.
 */
final class BodyReader {
    private static final int BLOCK_BYTES = BodyFingerprint.BLOCK_BYTES;
    private static final int MAX_UNUSED_BODY_BYTES = 64 * 1024;

    /** What reading a body came to. */
    sealed interface Outcome {}

    /** The fetch's result. */
    record Done(FetchResult result) implements Outcome {}

    /**
     * The body differed from the last one only after blocks that were compared and dropped: it must be fetched
     * again, and read whole this time.
     */
    record FetchAgain(long droppedBytes) implements Outcome {}

    private final long maxResponseBytes;
    private final ReceiveBuffers buffers;
    private final Clock clock;
    private final LongAdder bodyBytesReceived;

    /**
     * @param bodyBytesReceived counts the bytes received from the network (compressed bytes of a compressed answer)
     */
    BodyReader(long maxResponseBytes, ReceiveBuffers buffers, Clock clock, LongAdder bodyBytesReceived) {
        // A Java array holds a little under 2 GiB: a larger configured cap is that in practice.
        this.maxResponseBytes = Math.min(maxResponseBytes, Integer.MAX_VALUE - 9);
        this.buffers = buffers;
        this.clock = clock;
        this.bodyBytesReceived = bodyBytesReceived;
    }

    /**
     * Reads a 200 answer's body.
     *
     * @param lastBody    fingerprint of the last body processed, or null
     * @param expectation {@link BodyExpectation#SAME_COMPARED_ON_ARRIVAL} (with a {@code lastBody}) compares the body
     *                    with {@code lastBody} as it arrives instead of storing it; {@link BodyExpectation#CHANGED}
     *                    reads it whole without fingerprinting it
     */
    Outcome read(HttpURLConnection connection, BodyFingerprint lastBody, BodyExpectation expectation, long start)
            throws IOException {
        long transferLength = connection.getContentLengthLong();
        if (transferLength > maxResponseBytes) {
            connection.disconnect();
            throw new ResponseTooLargeException(maxResponseBytes);
        }
        CacheValidators validators =
                new CacheValidators(connection.getHeaderField("ETag"), connection.getHeaderField("Last-Modified"));
        ContentCoding coding = ContentCoding.of(connection.getContentEncoding());
        if (coding == ContentCoding.UNSUPPORTED) {
            drainUnused(connection, 200);
            return new Done(new FetchResult.Failure(
                    FailureCause.UNEXPECTED_STATUS,
                    "unsupported Content-Encoding '"
                            + ContentCoding.printable(connection.getContentEncoding())
                            + "' (the connector asks for gzip or "
                            + "identity; set http.compression.enabled=false if a proxy rewrites the answer)",
                    FailureClassifier.elapsed(start)));
        }
        // A compressed body's decoded length is unknown until its end: the cap is enforced while decoding.
        long declared = coding == ContentCoding.GZIP ? -1 : transferLength;
        InputStream received = new CountingInputStream(connection.getInputStream(), bodyBytesReceived);
        try (InputStream in = coding.decode(received)) {
            boolean compare = expectation == BodyExpectation.SAME_COMPARED_ON_ARRIVAL
                    && lastBody != null
                    && (declared < 0 || declared == lastBody.length());
            boolean fingerprint = expectation != BodyExpectation.CHANGED;
            Outcome outcome = compare
                    ? compareWithLast(connection, in, declared, validators, lastBody, start)
                    : new Done(readWhole(connection, in, declared, null, 0, validators, lastBody, fingerprint, start));
            if (coding == ContentCoding.GZIP) {
                // The decoder stops at the gzip trailer, and a chunked answer still holds its last, empty chunk.
                // Unread, the JDK would close the connection instead of keeping it for the next poll, which
                // through a proxy means a new tunnel and TLS handshake every time.
                readRestOrDisconnect(connection, received);
            }
            return outcome;
        }
    }

    /**
     * Reads the body one block at a time into one small buffer, checking each block against the same block of
     * {@code lastBody}: an unchanged body is never stored. A body that differs in its first block goes on to be read
     * whole; one that differs later is read to its end and dropped ({@link FetchAgain}), since its first blocks
     * are gone.
     */
    private Outcome compareWithLast(
            HttpURLConnection connection,
            InputStream in,
            long declared,
            CacheValidators validators,
            BodyFingerprint lastBody,
            long start)
            throws IOException {
        byte[] block = buffers.take(BLOCK_BYTES, BLOCK_BYTES);
        try {
            long length = 0;
            for (int index = 0; ; index++) {
                int filled = fill(in, block, declared, length);
                length += filled;
                if (filled == 0) {
                    if (index == lastBody.blockCount()) {
                        return new Done(new FetchResult.SameBody(
                                length, clock.millis(), System.nanoTime() - start, validators));
                    }
                    // Shorter than the last body: it ended before a block could differ.
                    return index == 0
                            ? new Done(readWhole(connection, in, declared, block, 0, validators, lastBody, true, start))
                            : new FetchAgain(length);
                }
                if (!lastBody.blockMatches(index, block, filled)) {
                    if (index == 0) {
                        return new Done(
                                readWhole(connection, in, declared, block, filled, validators, lastBody, true, start));
                    }
                    return new FetchAgain(drain(connection, in, block, declared, length));
                }
            }
        } finally {
            buffers.give(block);
        }
    }

    /**
     * Fills {@code block} from the body: up to its first {@value #BLOCK_BYTES} bytes, fewer only where the body
     * ends. Returns 0 at the end of the body.
     */
    private static int fill(InputStream in, byte[] block, long declared, long received) throws IOException {
        int wanted = declared >= 0 ? (int) Math.min(BLOCK_BYTES, declared - received) : BLOCK_BYTES;
        int filled = 0;
        while (filled < wanted) {
            int read = in.read(block, filled, wanted - filled);
            if (read < 0) {
                if (declared >= 0) {
                    throw truncated(received + filled, declared);
                }
                break;
            }
            filled += read;
        }
        return filled;
    }

    /**
     * Reads the rest of a body and drops it, so the connection can carry the next GET; refuses more than the cap.
     * Returns the body's length.
     */
    private long drain(HttpURLConnection connection, InputStream in, byte[] scratch, long declared, long received)
            throws IOException {
        for (int filled; (filled = fill(in, scratch, declared, received)) > 0; ) {
            received += filled;
            if (received > maxResponseBytes) {
                connection.disconnect();
                throw new ResponseTooLargeException(maxResponseBytes);
            }
        }
        return received;
    }

    private static IOException truncated(long received, long declared) {
        return new IOException("connection closed after " + received + " of " + declared + " bytes");
    }

    /**
     * Reads the whole body (after the {@code prefixLength} bytes of {@code prefix} already read) into a reused
     * buffer, refusing more than the cap, and (when {@code fingerprint}) fingerprints it block by block as it
     * arrives. A body that differs from {@code lastBody}, or was not fingerprinted, is handed over in that buffer,
     * which its result gives back when released.
     */
    private FetchResult readWhole(
            HttpURLConnection connection,
            InputStream in,
            long declared,
            byte[] prefix,
            int prefixLength,
            CacheValidators validators,
            BodyFingerprint lastBody,
            boolean fingerprint,
            long start)
            throws IOException {
        // Without a declared length (chunked or compressed), the last body's length is the best first guess.
        long expected = declared >= 0
                ? declared
                : Math.max(prefixLength, lastBody == null ? 0 : Math.min(lastBody.length(), maxResponseBytes + 1));
        byte[] buffer = buffers.take((int) expected, (int) maxResponseBytes + 1);
        BodyFingerprint.Accumulator hashes = fingerprint ? BodyFingerprint.accumulator() : null;
        try {
            int length = prefixLength;
            if (prefixLength > 0) {
                System.arraycopy(prefix, 0, buffer, 0, prefixLength);
                if (hashes != null) {
                    hashes.advance(buffer, length);
                }
            }
            while (declared < 0 || length < declared) {
                if (length == buffer.length) {
                    long grown = Math.min((long) buffer.length * 2, maxResponseBytes + 1);
                    if (grown <= buffer.length) {
                        connection.disconnect();
                        throw new ResponseTooLargeException(maxResponseBytes);
                    }
                    buffer = Arrays.copyOf(buffer, (int) grown);
                }
                // A declared length is read exactly, even into a larger reused buffer. A block at most per read, so
                // each block is hashed as soon as it is complete, while it is still in the CPU's cache.
                int room = declared >= 0
                        ? (int) Math.min(buffer.length - length, declared - length)
                        : buffer.length - length;
                int read = in.read(buffer, length, Math.min(room, BLOCK_BYTES));
                if (read < 0) {
                    if (declared >= 0) {
                        throw truncated(length, declared);
                    }
                    break;
                }
                length += read;
                if (length > maxResponseBytes) {
                    connection.disconnect();
                    throw new ResponseTooLargeException(maxResponseBytes);
                }
                if (hashes != null) {
                    hashes.advance(buffer, length);
                }
            }
            BodyFingerprint received = hashes == null ? null : hashes.finish(buffer, length);
            long receivedAtMs = clock.millis();
            if (received != null && received.matches(lastBody)) {
                return new FetchResult.SameBody(length, receivedAtMs, System.nanoTime() - start, validators);
            }
            FetchResult.Success success = new FetchResult.Success(
                    buffer, length, receivedAtMs, System.nanoTime() - start, validators, received, 0, buffers);
            buffer = null; // the result's to release once processed
            return success;
        } finally {
            if (buffer != null) {
                buffers.give(buffer);
            }
        }
    }

    /**
     * Reads (a bounded part of) a body we do not use, redirects included, so the JDK can keep the connection alive
     * for the next poll; one it cannot read is closed rather than left open until garbage collection.
     */
    static void drainUnused(HttpURLConnection connection, int code) {
        try (InputStream body = code >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (body != null) {
                readRestOrDisconnect(connection, body);
            }
        } catch (IOException e) {
            connection.disconnect();
        }
    }

    /**
     * Reads {@code body} to its end, so the JDK keeps the connection for the next poll; a rest of
     * {@value #MAX_UNUSED_BODY_BYTES} bytes or more is not worth reading, and the connection is closed instead.
     */
    private static void readRestOrDisconnect(HttpURLConnection connection, InputStream body) throws IOException {
        if (body.readNBytes(MAX_UNUSED_BODY_BYTES).length == MAX_UNUSED_BODY_BYTES) {
            connection.disconnect();
        }
    }

    static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long maxBytes) {
            super("response body exceeds " + maxBytes + " bytes (http.max.response.bytes)");
        }
    }
}
