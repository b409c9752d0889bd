package io.github.okastconnect.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.EndPoint;

/**
 * The bytes one CONNECT tunnel carried, as the proxy saw them, per direction. A chunk is taken before it is
 * written on, so by the time a client reads an answer every byte that led to it is already here.
 */
final class TunnelTap {
    private final String target;
    private final EndPoint clientSide;
    private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();

    TunnelTap(String target, EndPoint clientSide) {
        this.target = target;
        this.clientSide = clientSide;
    }

    /** A chunk about to be written to {@code destination}; the buffer's position is left alone. */
    void saw(EndPoint destination, ByteBuffer chunk) {
        ByteBuffer copy = chunk.slice();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        ByteArrayOutputStream direction = destination == clientSide ? fromServer : fromClient;
        direction.writeBytes(bytes);
    }

    TestProxy.TunnelRecord snapshot() {
        return new TestProxy.TunnelRecord(target, fromClient.toByteArray(), fromServer.toByteArray());
    }
}
