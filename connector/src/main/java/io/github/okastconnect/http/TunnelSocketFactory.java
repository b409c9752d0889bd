package io.github.okastconnect.http;

import io.github.okastconnect.config.ProxyEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of HTTPS connections that go through a proxy. The JDK's HTTPS client asks the factory for an
 * unconnected socket, connects it to the instance, then layers TLS over it; this factory hands out a
 * {@link TunnelSocket}, whose connect opens the tunnel through the proxy, and layers TLS with the task's own factory.
 * One factory per proxy and TLS setting, kept for the task's lifetime: the JDK keeps idle connections per factory, so
 * a stable factory is what lets polls reuse their tunnels.
 */
final class TunnelSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory tls;
    private final ProxyEndpoint proxy;

    TunnelSocketFactory(SSLSocketFactory tls, ProxyEndpoint proxy) {
        this.tls = tls;
        this.proxy = proxy;
    }

    @Override
    public Socket createSocket() {
        return new TunnelSocket(proxy);
    }

    @Override
    public Socket createSocket(Socket tunnel, String host, int port, boolean autoClose) throws IOException {
        return tls.createSocket(tunnel, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket tunnel = createSocket();
        tunnel.connect(new java.net.InetSocketAddress(host, port));
        return tls.createSocket(tunnel, host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address.getHostAddress(), port);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }
}
