package io.github.okastconnect.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.io.EndPoint;

/** What the proxy saw, appended from Jetty's threads and read from the test's. */
final class ProxyLog {
    private final List<TestProxy.ConnectRecord> connects = new CopyOnWriteArrayList<>();
    private final List<TestProxy.ForwardRecord> forwards = new CopyOnWriteArrayList<>();
    private final List<TunnelTap> tunnels = new CopyOnWriteArrayList<>();

    void connect(TestProxy.ConnectRecord record) {
        connects.add(record);
    }

    void forward(TestProxy.ForwardRecord record) {
        forwards.add(record);
    }

    TunnelTap openTunnel(String target, EndPoint clientSide) {
        TunnelTap tap = new TunnelTap(target, clientSide);
        tunnels.add(tap);
        return tap;
    }

    List<TestProxy.ConnectRecord> connects() {
        return List.copyOf(connects);
    }

    List<TestProxy.ForwardRecord> forwards() {
        return List.copyOf(forwards);
    }

    List<TestProxy.TunnelRecord> tunnels() {
        return tunnels.stream().map(TunnelTap::snapshot).toList();
    }

    void clear() {
        connects.clear();
        forwards.clear();
        tunnels.clear();
    }
}
