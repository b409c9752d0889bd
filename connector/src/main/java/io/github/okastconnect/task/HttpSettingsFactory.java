package io.github.okastconnect.task;

import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.http.HttpSettings;

/** Reads the HTTP settings of a task from its configuration. */
final class HttpSettingsFactory {
    private HttpSettingsFactory() {}

    static HttpSettings from(OkastSourceConfig config) {
        return new HttpSettings(
                config.connectTimeout(),
                config.readTimeout(),
                config.maxResponseBytes(),
                config.sslContext(),
                config.hostnameVerification(),
                config.conditionalRequests(),
                config.receiveBufferPoolBytes(),
                config.compression(),
                config.instanceSslContexts());
    }
}
