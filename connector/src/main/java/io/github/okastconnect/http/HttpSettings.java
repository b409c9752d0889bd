package io.github.okastconnect.http;

import io.github.okastconnect.config.OkastSourceConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
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
        return edit(b -> {
            b.sslContext = context;
            b.hostnameVerification = verifyHostname;
        });
    }

    public HttpSettings withConditionalRequests(boolean enabled) {
        return edit(b -> b.conditionalRequests = enabled);
    }

    public HttpSettings withReceiveBufferPoolBytes(long bytes) {
        return edit(b -> b.receiveBufferPoolBytes = bytes);
    }

    public HttpSettings withCompression(boolean enabled) {
        return edit(b -> b.compression = enabled);
    }

    public HttpSettings withInstanceSslContexts(Map<String, SSLContext> contexts) {
        return edit(b -> b.instanceSslContexts = contexts);
    }

    /** A copy of these settings with {@code change} applied: each {@code with*} method names only its own fields. */
    private HttpSettings edit(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return new HttpSettings(
                connectTimeout,
                readTimeout,
                maxResponseBytes,
                copy.sslContext,
                copy.hostnameVerification,
                copy.conditionalRequests,
                copy.receiveBufferPoolBytes,
                copy.compression,
                copy.instanceSslContexts);
    }

    /** The fields a {@code with*} method may change. */
    private static final class Copy {
        SSLContext sslContext;
        boolean hostnameVerification;
        boolean conditionalRequests;
        long receiveBufferPoolBytes;
        boolean compression;
        Map<String, SSLContext> instanceSslContexts;

        Copy(HttpSettings from) {
            sslContext = from.sslContext;
            hostnameVerification = from.hostnameVerification;
            conditionalRequests = from.conditionalRequests;
            receiveBufferPoolBytes = from.receiveBufferPoolBytes;
            compression = from.compression;
            instanceSslContexts = from.instanceSslContexts;
        }
    }
}
