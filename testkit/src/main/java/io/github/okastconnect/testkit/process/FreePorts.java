package io.github.okastconnect.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ephemeral ports on 127.0.0.1, the only interface the stack listens on. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * Returns {@code count} distinct free ports. All sockets are held open until every port is picked so that the
     * kernel cannot hand the same port out twice; another program may still grab one before Kafka binds it, which
     * a start-up failure then reports.
     */
    public static List<Integer> allocate(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate a free port", e);
        } finally {
            held.forEach(FreePorts::closeQuietly);
        }
    }

    /** True when nothing listens on the port any more, i.e. it can be bound again. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing listens on it any more either way
        }
    }
}
