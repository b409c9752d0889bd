package io.github.okastconnect.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The proxy's Basic authentication, shared by the CONNECT and the forward path so both accept and challenge alike.
 * Without credentials configured every request is accepted.
 */
final class ProxyAuth {
    private final String expected;
    private final String realm;

    private ProxyAuth(String expected, String realm) {
        this.expected = expected;
        this.realm = realm;
    }

    static ProxyAuth none() {
        return new ProxyAuth(null, null);
    }

    static ProxyAuth basic(String user, String password, String realm) {
        return new ProxyAuth(user + ":" + password, realm);
    }

    boolean accepts(Request request) {
        if (expected == null) {
            return true;
        }
        String header = request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION);
        if (header == null) {
            return false;
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Basic")) {
            return false;
        }
        try {
            byte[] decoded =
                    Base64.getDecoder().decode(header.substring(space + 1).trim());
            return expected.equals(new String(decoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Adds the challenge a client needs to retry with credentials; the caller answers 407. */
    void challenge(Response response) {
        response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
    }
}
