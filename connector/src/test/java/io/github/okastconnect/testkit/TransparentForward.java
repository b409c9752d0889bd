package io.github.okastconnect.testkit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.proxy.ProxyHandler;

/**
 * {@code ProxyHandler.Forward} whose client adds no {@code User-Agent} of its own: Jetty's {@code HttpClient} would
 * send {@code Jetty/<version>} next to the client's, and an upstream assertion on the user agent would then see two.
 */
final class TransparentForward extends ProxyHandler.Forward {
    TransparentForward() {
        setViaHost(TestProxy.REALM);
    }

    @Override
    protected void configureHttpClient(HttpClient httpClient) {
        super.configureHttpClient(httpClient);
        httpClient.setUserAgentField(null);
    }
}
