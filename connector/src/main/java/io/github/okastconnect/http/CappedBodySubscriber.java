package io.github.okastconnect.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a body into a byte array but gives up (and cancels the download) as soon as it exceeds a cap, so a
 * runaway or hostile endpoint cannot exhaust the worker's heap.
 *
 * <p>The body is copied once: each network buffer straight into one array sized from Content-Length, which is
 * handed over as is when the server sent what it announced (a megabytes-long body copied twice costs as much CPU
 * as parsing a good part of it).
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] buffer;
    private int size;
    private Flow.Subscription subscription;
    private long received;

    CappedBodySubscriber(long maxBytes, long expectedLength) {
        this.maxBytes = maxBytes;
        int initial = expectedLength > 0 && expectedLength <= maxBytes ? (int) Math.min(expectedLength, 1 << 30) : 8192;
        this.buffer = new byte[initial];
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
            if (received > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new ResponseTooLargeException(maxBytes));
                return;
            }
            int n = item.remaining();
            ensure(n);
            item.get(buffer, size, n);
            size += n;
        }
    }

    /** Grows like ByteArrayOutputStream did, for a body sent without (or beyond) its Content-Length. */
    private void ensure(int n) {
        if (size + n > buffer.length) {
            int grown = (int) Math.min(Math.max((long) buffer.length * 2, (long) size + n), Integer.MAX_VALUE - 8);
            buffer = Arrays.copyOf(buffer, Math.max(grown, size + n));
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
    }

    static final class ResponseTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long maxBytes) {
            super("response body exceeds " + maxBytes + " bytes (http.max.response.bytes)");
        }
    }
}
