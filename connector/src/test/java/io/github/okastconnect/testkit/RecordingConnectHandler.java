package io.github.okastconnect.testkit;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's CONNECT tunnel with the test proxy's authentication, faults and a tap on the tunneled bytes. Requests
 * other than CONNECT go on to the wrapped handler.
 */
final class RecordingConnectHandler extends ConnectHandler {
    private static final String TAP = TunnelTap.class.getName();

    private final ProxyAuth auth;
    private final ProxyFaults faults;
    private final ProxyLog log;

    RecordingConnectHandler(ProxyAuth auth, ProxyFaults faults, ProxyLog log, Handler next) {
        super(next);
        this.auth = auth;
        this.faults = faults;
        this.log = log;
    }

    /** A refusal comes after authentication, as a real proxy's access rules would. */
    @Override
    protected void handleConnect(Request request, Response response, Callback callback, String serverAddress) {
        Optional<Integer> refusal = faults.connectRefusal(serverAddress);
        if (refusal.isPresent() && auth.accepts(request)) {
            answerAndClose(request, response, callback, refusal.get());
            return;
        }
        super.handleConnect(request, response, callback, serverAddress);
    }

    @Override
    protected boolean handleAuthentication(Request request, Response response, String address) {
        if (auth.accepts(request)) {
            return true;
        }
        auth.challenge(response);
        return false;
    }

    /**
     * 502 where Jetty answers 500: an unreachable target is a gateway failure, which is what common proxies answer
     * and what {@code ProxyHandler} answers for forward requests.
     */
    @Override
    protected void onConnectFailure(Request request, Response response, Callback callback, Throwable failure) {
        answerAndClose(request, response, callback, HttpStatus.BAD_GATEWAY_502);
    }

    @Override
    protected void prepareContext(Request request, ConcurrentMap<String, Object> context) {
        String target = request.getHttpURI().getAuthority();
        context.put(TAP, log.openTunnel(target, request.getTunnelSupport().getEndPoint()));
    }

    /** Both directions pass here (the initial bytes a client sent with its CONNECT too), so the tap sees all. */
    @Override
    protected void write(
            EndPoint endPoint, ByteBuffer buffer, Callback callback, ConcurrentMap<String, Object> context) {
        if (context.get(TAP) instanceof TunnelTap tap) {
            tap.saw(endPoint, buffer);
        }
        super.write(endPoint, buffer, callback, context);
    }

    private static void answerAndClose(Request request, Response response, Callback callback, int status) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        Response.writeError(request, response, callback, status);
    }
}
