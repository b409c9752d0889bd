package io.github.okastconnect.http;

import io.github.okastconnect.config.OkastSourceConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Connection and TLS settings shared by every instance of a task. Built from the defaults with
 * {@link #defaults(Duration, Duration, long)} and the {@code with*} methods, so a caller names only what it changes.
 *
 * @param sslContext             the TLS context for https instances, or null for the JVM's default one
 * @param conditionalRequests    whether polls send the last processed response's validators (see
 *                               {@link CacheValidators})
 * @param receiveBufferPoolBytes most bytes of receive buffers kept between polls (see {@link ReceiveBuffers})
 * @param compression            whether to ask for gzip-compressed answers
 * @param instanceSslContexts    the TLS contexts of instances with a client certificate of their own, by id
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration readTimeout,
        long maxResponseBytes,
        SSLContext sslContext,
        boolean hostnameVerification,
        boolean conditionalRequests,
        long receiveBufferPoolBytes,
        boolean compression,
        Map<String, SSLContext> instanceSslContexts) {

    public HttpSettings {
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(readTimeout);
        instanceSslContexts = Map.copyOf(instanceSslContexts);
    }

    /**
     * The JVM's TLS context with host-name verification, no conditional requests, the default pool of receive
     * buffers, no compression, no client certificates.
     */
    public static HttpSettings defaults(Duration connectTimeout, Duration readTimeout, long maxResponseBytes) {
        return new HttpSettings(
                connectTimeout,
                readTimeout,
                maxResponseBytes,
                null,
                true,
                false,
                OkastSourceConfig.HTTP_RECEIVE_BUFFER_POOL_BYTES_DEFAULT,
                false,
                Map.of());
    }

    public HttpSettings withTls(SSLContext context, boolean verifyHostname) {
        return new HttpSettings(
                connectTimeout,
                readTimeout,
                maxResponseBytes,
                context,
                verifyHostname,
                conditionalRequests,
                receiveBufferPoolBytes,
                compression,
                instanceSslContexts);
    }

    public HttpSettings withConditionalRequests(boolean enabled) {
        return new HttpSettings(
                connectTimeout,
                readTimeout,
                maxResponseBytes,
                sslContext,
                hostnameVerification,
                enabled,
                receiveBufferPoolBytes,
                compression,
                instanceSslContexts);
    }

    public HttpSettings withReceiveBufferPoolBytes(long bytes) {
        return new HttpSettings(
                connectTimeout,
                readTimeout,
                maxResponseBytes,
                sslContext,
                hostnameVerification,
                conditionalRequests,
                bytes,
                compression,
                instanceSslContexts);
    }

    public HttpSettings withCompression(boolean enabled) {
        return new HttpSettings(
                connectTimeout,
                readTimeout,
                maxResponseBytes,
                sslContext,
                hostnameVerification,
                conditionalRequests,
                receiveBufferPoolBytes,
                enabled,
                instanceSslContexts);
    }

    public HttpSettings withInstanceSslContexts(Map<String, SSLContext> contexts) {
        return new HttpSettings(
                connectTimeout,
                readTimeout,
                maxResponseBytes,
                sslContext,
                hostnameVerification,
                conditionalRequests,
                receiveBufferPoolBytes,
                compression,
                contexts);
    }
}
