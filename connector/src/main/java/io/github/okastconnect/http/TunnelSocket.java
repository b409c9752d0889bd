package io.github.okastconnect.http;

import io.github.okastconnect.config.ProxyEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain socket that, asked to connect to an instance, connects to the proxy instead and opens a {@code CONNECT}
 * tunnel to the instance; TLS is then layered over it by {@link TunnelSocketFactory}. Doing the CONNECT here, rather
 * than through the JDK's proxy support, is what lets the connector send Basic proxy credentials on the tunnel (the
 * JDK refuses Basic for tunnels unless a JVM-wide property is changed) and tell a proxy failure from an instance
 * failure. Only the CONNECT line and the proxy's credentials are sent in clear; the instance's credentials travel
 * inside TLS.
 */
final class TunnelSocket extends Socket {
    private static final int MAX_RESPONSE_HEAD_BYTES = 16 * 1024;

    private final ProxyEndpoint proxy;

    TunnelSocket(ProxyEndpoint proxy) {
        this.proxy = proxy;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeoutMs) throws IOException {
        InetSocketAddress target = (InetSocketAddress) endpoint;
        // The instance's name goes to the proxy unresolved: it may resolve only on the proxy's side.
        String authority = hostForRequest(target.getHostString()) + ":" + target.getPort();
        try {
            super.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeoutMs);
        } catch (IOException e) {
            close();
            throw ProxyFailureException.unreachable(proxy, e);
        }
        int savedTimeout = getSoTimeout();
        try {
            setSoTimeout(timeoutMs);
            sendConnect(authority);
            int code = readStatus();
            if (code < 200 || code > 299) {
                throw ProxyFailureException.status(proxy, code, "CONNECT " + authority);
            }
            setSoTimeout(savedTimeout);
        } catch (SocketTimeoutException e) {
            close();
            throw new ProxyFailureException(
                    FailureCause.PROXY_UNREACHABLE,
                    "proxy " + proxy.address()
                            + " did not answer the CONNECT to " + authority + " within http.connect.timeout.ms; check "
                            + proxy.urlKey(),
                    e);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private static String hostForRequest(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private void sendConnect(String authority) throws IOException {
        StringBuilder request = new StringBuilder(128)
                .append("CONNECT ")
                .append(authority)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(authority)
                .append("\r\n");
        proxy.authorization()
                .ifPresent(value -> request.append("Proxy-Authorization: ")
                        .append(value.value())
                        .append("\r\n"));
        request.append("\r\n");
        OutputStream out = getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Reads the proxy's answer up to the blank line that ends its head, one byte at a time: after a 2xx the tunnel
     * is open, and nothing past the head may be consumed from it. Any body of a refusal is left unread.
     */
    private int readStatus() throws IOException {
        InputStream in = getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int lastFour = 0;
        while (lastFour != 0x0D0A0D0A && (lastFour & 0xFFFF) != 0x0A0A) {
            int b = in.read();
            if (b < 0) {
                throw new ProxyFailureException(
                        FailureCause.PROXY_REFUSED,
                        "proxy " + proxy.address() + " closed the connection during CONNECT; check " + proxy.urlKey(),
                        null);
            }
            head.write(b);
            if (head.size() > MAX_RESPONSE_HEAD_BYTES) {
                throw new ProxyFailureException(
                        FailureCause.PROXY_REFUSED,
                        "proxy " + proxy.address() + " sent an over-long answer to CONNECT",
                        null);
            }
            lastFour = (lastFour << 8) | b;
        }
        String statusLine =
                head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new ProxyFailureException(
                    FailureCause.PROXY_REFUSED,
                    "proxy " + proxy.address() + " did not answer CONNECT with HTTP; is " + proxy.urlKey()
                            + " an HTTP proxy?",
                    null);
        }
        try {
            return Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new ProxyFailureException(
                    FailureCause.PROXY_REFUSED,
                    "proxy " + proxy.address() + " sent an unreadable status to CONNECT",
                    e);
        }
    }
}
