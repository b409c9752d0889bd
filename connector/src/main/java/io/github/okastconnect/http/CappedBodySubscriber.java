package io.github.okastconnect.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a body into a byte array but gives up (and cancels the download) as soon as it exceeds a cap, so a
 * runaway or hostile endpoint cannot exhaust the worker's heap.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer;
    private Flow.Subscription subscription;
    private long received;

    CappedBodySubscriber(long maxBytes, long expectedLength) {
        this.maxBytes = maxBytes;
        int initial = expectedLength > 0 && expectedLength <= maxBytes ? (int) Math.min(expectedLength, 1 << 30) : 8192;
        this.buffer = new ByteArrayOutputStream(initial);
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
            if (item.hasArray()) {
                buffer.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
            } else {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    static final class ResponseTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long maxBytes) {
            super("response body exceeds " + maxBytes + " bytes (http.max.response.bytes)");
        }
    }
}
