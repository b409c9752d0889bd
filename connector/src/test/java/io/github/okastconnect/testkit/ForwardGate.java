package io.github.okastconnect.testkit;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * What stands in front of {@code ProxyHandler.Forward}: the proxy's authentication, the forward faults, and a guard
 * against a request naming the proxy itself, which the forward proxy would otherwise send to itself without end.
 */
final class ForwardGate extends Handler.Wrapper {
    private final ProxyAuth auth;
    private final ProxyFaults faults;

    ForwardGate(ProxyAuth auth, ProxyFaults faults, Handler forward) {
        super(forward);
        this.auth = auth;
        this.faults = faults;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!auth.accepts(request)) {
            auth.challenge(response);
            Response.writeError(request, response, callback, HttpStatus.PROXY_AUTHENTICATION_REQUIRED_407);
            return true;
        }
        HttpURI uri = request.getHttpURI();
        int port = uri.getPort() > 0 ? uri.getPort() : URIUtil.getDefaultPortForScheme(uri.getScheme());
        if (namesProxyItself(request, uri.getHost(), port)) {
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.BAD_REQUEST_400,
                    "not a proxy request: the target is this proxy");
            return true;
        }
        Integer failure = faults.forwardFailure(uri.getHost() + ":" + port).orElse(null);
        if (failure != null) {
            Response.writeError(request, response, callback, failure);
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static boolean namesProxyItself(Request request, String host, int port) {
        SocketAddress local = request.getConnectionMetaData().getLocalSocketAddress();
        return local instanceof InetSocketAddress address
                && address.getPort() == port
                && (host.equals(address.getHostString()) || host.equalsIgnoreCase("localhost"));
    }
}
