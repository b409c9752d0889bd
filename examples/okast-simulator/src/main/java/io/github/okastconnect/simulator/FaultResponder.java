package io.github.okastconnect.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Answers a status request, normally or through the active faults (see {@link Fault} for how they combine). */
final class FaultResponder {

    /** "café" in Latin-1, as a PHP backend fed with a Latin-1 database would send it. */
    private static final byte[] INVALID_UTF8_BODY = concat(
            ("[{\"request\":{\"filePath\":\"https://storage.example.com/media/caf").getBytes(StandardCharsets.US_ASCII),
            new byte[] {(byte) 0xE9},
            (".mp4\"},\"requestTime\":\"2022-1018 14:20:00\",\"lastStatusUpdate\":\"2022-1018 14:20:02\","
                            + "\"status\":\"DONE\"}]")
                    .getBytes(StandardCharsets.US_ASCII));

    private FaultResponder() {}

    /** How a list of active faults combines: all latencies added, the first trickle, the first answer fault. */
    record Plan(Duration latency, Fault.Trickle trickle, Fault answer) {

        static Plan of(List<Fault> faults) {
            Duration latency = Duration.ZERO;
            Fault.Trickle trickle = null;
            Fault answer = null;
            for (Fault fault : faults) {
                if (fault instanceof Fault.Latency l) {
                    latency = latency.plus(l.delay());
                } else if (fault instanceof Fault.Trickle t) {
                    trickle = trickle == null ? t : trickle;
                } else if (answer == null) {
                    answer = fault;
                }
            }
            return new Plan(latency, trickle, answer);
        }

        /** Waits out the latency; interrupted (the simulator closing) it ends the exchange. */
        void sleep() throws IOException {
            FaultResponder.sleep(latency);
        }
    }

    static void respond(HttpExchange exchange, SimulatedInstance instance, List<Fault> faults) throws IOException {
        Plan plan = Plan.of(faults);
        plan.sleep();
        if (plan.answer() == null) {
            respondNormally(exchange, instance, plan.trickle());
            return;
        }
        answer(exchange, instance, plan.answer(), plan.trickle());
    }

    /** Whether the fault's answer is the same whatever the endpoint serves normally (all but three are). */
    static boolean standsAlone(Fault fault) {
        return !(fault instanceof Fault.TruncatedJson
                || fault instanceof Fault.PhpWarning
                || fault instanceof Fault.DisconnectMidBody);
    }

    /**
     * The queue (or raw body), gzip-compressed when the instance allows it and the client accepts it. Only this
     * answer is ever compressed on request; the answer faults send their bytes as they are (see {@link Fault}).
     */
    private static void respondNormally(HttpExchange exchange, SimulatedInstance instance, Fault.Trickle trickle)
            throws IOException {
        SimulatedInstance.Body body = instance.normalBody(true);
        Headers request = exchange.getRequestHeaders();
        boolean gzip = instance.gzipEnabled() && ContentCoding.acceptsGzip(request.get("Accept-Encoding"));
        if (instance.gzipEnabled()) {
            exchange.getResponseHeaders().set("Vary", "Accept-Encoding"); // the same URL answers two ways
        }
        if (instance.settings().etags()) {
            String identityTag = Responses.etag(body.bytes());
            exchange.getResponseHeaders().set("ETag", gzip ? EntityTags.gzipVariant(identityTag) : identityTag);
            if (EntityTags.noneMatchHits(request.get("If-None-Match"), identityTag)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
        }
        if (gzip) {
            instance.countGzipResponse(); // before any byte, so a client that got the answer sees it counted
            Responses.sendGzip(exchange, 200, body.contentType(), body.bytes(), trickle);
        } else {
            Responses.send(exchange, 200, body.contentType(), body.bytes(), body.bytes().length, trickle);
        }
    }

    private static void answer(HttpExchange exchange, SimulatedInstance instance, Fault fault, Fault.Trickle trickle)
            throws IOException {
        String json = instance.settings().contentType();
        if (fault instanceof Fault.TruncatedJson t) {
            byte[] body = instance.normalBody(false).bytes();
            int keep = (int) Math.max(1, Math.min(body.length - 1L, (long) Math.floor(body.length * t.keepFraction())));
            Responses.send(exchange, 200, json, body, keep, trickle);
        } else if (fault instanceof Fault.PhpWarning w) {
            // The whole normal JSON goes out, so a client that strips the warning did see this state.
            byte[] body = concat(
                    w.warning().getBytes(StandardCharsets.UTF_8),
                    instance.normalBody(true).bytes());
            Responses.send(exchange, 200, json, body, body.length, trickle);
        } else if (fault instanceof Fault.DisconnectMidBody) {
            byte[] body = instance.normalBody(false).bytes();
            exchange.getResponseHeaders().set("Content-Type", json);
            exchange.sendResponseHeaders(200, Math.max(2, body.length));
            OutputStream out = ThrottledOutputStream.wrap(exchange.getResponseBody(), trickle);
            out.write(body, 0, body.length / 2);
            out.flush();
            // Escaping the handler with an IOException is what makes the JDK server close the socket.
            throw new SimulatedDisconnect("closed mid-body");
        } else {
            if (fault instanceof Fault.GzipBomb) {
                instance.countGzipResponse(); // before any byte, like the normal gzip answer
            }
            answerAlone(exchange, fault, json, trickle);
        }
    }

    /**
     * Answers a fault that {@link #standsAlone}; {@code json} is the Content-Type of the endpoint's JSON.
     * Shared by the status endpoint and the OAuth2 token endpoint.
     */
    static void answerAlone(HttpExchange exchange, Fault fault, String json, Fault.Trickle trickle) throws IOException {
        if (fault instanceof Fault.HttpStatus s) {
            if (s.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", s.retryAfter());
            }
            byte[] body = s.body() == null ? new byte[0] : s.body().getBytes(StandardCharsets.UTF_8);
            Responses.send(exchange, s.status(), s.contentType(), body, body.length, trickle);
        } else if (fault instanceof Fault.HtmlPage h) {
            byte[] body = h.html().getBytes(StandardCharsets.UTF_8);
            Responses.send(exchange, 200, h.contentType(), body, body.length, trickle);
        } else if (fault instanceof Fault.EmptyBody) {
            Responses.send(exchange, 200, json, new byte[0], 0, trickle);
        } else if (fault instanceof Fault.JsonObject o) {
            byte[] body = o.json().getBytes(StandardCharsets.UTF_8);
            Responses.send(exchange, 200, json, body, body.length, trickle);
        } else if (fault instanceof Fault.InvalidUtf8) {
            Responses.send(exchange, 200, json, INVALID_UTF8_BODY, INVALID_UTF8_BODY.length, trickle);
        } else if (fault instanceof Fault.HugeBody h) {
            exchange.getResponseHeaders().set("Content-Type", json);
            exchange.sendResponseHeaders(200, h.bytes());
            try (OutputStream out = ThrottledOutputStream.wrap(exchange.getResponseBody(), trickle)) {
                HugeBodyWriter.write(out, h.bytes());
            }
        } else if (fault instanceof Fault.GzipBomb b) {
            exchange.getResponseHeaders().set("Content-Type", json);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            if (Responses.isHead(exchange)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = ThrottledOutputStream.wrap(exchange.getResponseBody(), trickle)) {
                GzipBombWriter.write(out, b);
            }
        } else if (fault instanceof Fault.Redirect r) {
            exchange.getResponseHeaders().set("Location", r.location());
            Responses.send(exchange, r.status(), null, new byte[0], 0, null);
        } else if (fault instanceof Fault.CloseConnection) {
            // An exchange closed before its headers makes the JDK drop the connection; the exception makes sure.
            throw new SimulatedDisconnect("closed without response");
        } else {
            throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private static void sleep(Duration latency) throws IOException {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("latency interrupted");
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    /** Thrown on purpose to make the JDK server drop the connection. */
    static final class SimulatedDisconnect extends IOException {
        SimulatedDisconnect(String message) {
            super(message);
        }
    }
}
