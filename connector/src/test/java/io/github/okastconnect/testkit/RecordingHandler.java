package io.github.okastconnect.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler: records every exchange as the client sent it (before any handler strips a header) with the
 * status the proxy answered. The status is taken when the answer starts (first write, or the callback for a
 * CONNECT's 200, which has no body) rather than when the exchange ends, so a client holding the answer always finds
 * its record.
 */
final class RecordingHandler extends Handler.Wrapper {
    private final ProxyLog log;

    RecordingHandler(ProxyLog log, Handler next) {
        super(next);
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<TestProxy.Header> headers = headersOf(request);
        if (HttpMethod.CONNECT.is(request.getMethod())) {
            String target = request.getHttpURI().getAuthority();
            Once once = new Once(status -> log.connect(new TestProxy.ConnectRecord(target, headers, status)));
            return super.handle(
                    request, new StatusAtCommit(request, response, once), new StatusAtEnd(callback, response, once));
        }
        BodyTee body = new BodyTee(request);
        String method = request.getMethod();
        String uri = request.getHttpURI().toString();
        Once once = new Once(
                status -> log.forward(new TestProxy.ForwardRecord(method, uri, headers, body.bytes(), status)));
        return super.handle(body, new StatusAtCommit(body, response, once), new StatusAtEnd(callback, response, once));
    }

    private static List<TestProxy.Header> headersOf(Request request) {
        List<TestProxy.Header> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(new TestProxy.Header(field.getName(), field.getValue()));
        }
        return List.copyOf(headers);
    }

    /** Fires its action with the first status it is given, and ignores the rest. */
    private static final class Once {
        private final AtomicBoolean fired = new AtomicBoolean();
        private final IntConsumer action;

        Once(IntConsumer action) {
            this.action = action;
        }

        void fire(int status) {
            if (fired.compareAndSet(false, true)) {
                action.accept(status);
            }
        }
    }

    private static final class StatusAtCommit extends Response.Wrapper {
        private final Once once;

        StatusAtCommit(Request request, Response wrapped, Once once) {
            super(request, wrapped);
            this.once = once;
        }

        @Override
        public void write(boolean last, ByteBuffer byteBuffer, Callback callback) {
            once.fire(getStatus());
            super.write(last, byteBuffer, callback);
        }
    }

    /** Covers answers that never write: a CONNECT's 200, or a failure Jetty turns into a 500 itself. */
    private static final class StatusAtEnd implements Callback {
        private final Callback wrapped;
        private final Response response;
        private final Once once;

        StatusAtEnd(Callback wrapped, Response response, Once once) {
            this.wrapped = wrapped;
            this.response = response;
            this.once = once;
        }

        @Override
        public void succeeded() {
            once.fire(response.getStatus());
            wrapped.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            once.fire(response.isCommitted() ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500);
            wrapped.failed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
            return wrapped.getInvocationType();
        }
    }

    /** Keeps a copy of every request body chunk a handler reads, i.e. what the proxy saw of the body. */
    private static final class BodyTee extends Request.Wrapper {
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        BodyTee(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.hasRemaining()) {
                ByteBuffer copy = chunk.getByteBuffer().slice();
                byte[] bytes = new byte[copy.remaining()];
                copy.get(bytes);
                seen.writeBytes(bytes);
            }
            return chunk;
        }

        byte[] bytes() {
            return seen.toByteArray();
        }
    }
}
