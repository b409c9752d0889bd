package io.github.okastconnect.http;

import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.config.ProxyEndpoint;
import java.io.IOException;

/**
 * The proxy, not the instance, failed the request: unreachable, rejected its credentials (407), or refused or could
 * not open the way to the instance. Carries the cause and a message naming the key to fix, never a credential.
 */
final class ProxyFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    private final FailureCause cause;

    ProxyFailureException(FailureCause cause, String message, Throwable origin) {
        super(message, origin);
        this.cause = cause;
    }

    FailureCause failureCause() {
        return cause;
    }

    static ProxyFailureException unreachable(ProxyEndpoint proxy, Throwable origin) {
        return new ProxyFailureException(
                FailureCause.PROXY_UNREACHABLE,
                "cannot connect to " + proxy.address() + " ("
                        + origin.getClass().getSimpleName() + "); check " + proxy.urlKey(),
                origin);
    }

    /** A status the proxy answered itself, to a CONNECT or to a forwarded request. */
    static ProxyFailureException status(ProxyEndpoint proxy, int code, String target) {
        if (code == 407) {
            return new ProxyFailureException(
                    FailureCause.PROXY_AUTH,
                    "HTTP 407 from proxy " + proxy.address()
                            + ": proxy authentication " + (proxy.authorization().isPresent() ? "rejected" : "required")
                            + "; check " + proxy.usernameKey() + " and " + proxy.passwordKey(),
                    null);
        }
        return new ProxyFailureException(
                FailureCause.PROXY_REFUSED,
                "proxy " + proxy.address() + " answered HTTP "
                        + code + " for " + target
                        + (code == 502 || code == 504
                                ? ": it could not reach the instance (is the instance's host reachable from the proxy?)"
                                : ": it refused the connection (does its policy allow this host and port?)")
                        + "; check " + proxy.urlKey() + ", or list the host in "
                        + OkastSourceConfig.HTTP_PROXY_BYPASS_HOSTS,
                null);
    }
}
