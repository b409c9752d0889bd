package io.github.okastconnect.config;

import static io.github.okastconnect.config.OkastSourceConfig.AUTH_HEADER_NAME_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_HEADER_VALUE_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_AUDIENCE_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_CLIENT_AUTH_METHOD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_CLIENT_ID_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_CLIENT_SECRET_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_SCOPE_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_TOKEN_URL_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_TOKEN_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_TYPE_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_USERNAME_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_BYPASS_HOSTS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_PASSWORD;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_URL;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_USERNAME;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_URL_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_USERNAME_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_LOCATION_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_TYPE_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEY_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.STATUS_PATH;
import static io.github.okastconnect.config.OkastSourceConfig.key;
import static io.github.okastconnect.config.OkastSourceConfig.urlKey;

import io.github.okastconnect.tls.KeystoreSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;

/** Reads one instance's keys into its {@link InstanceConfig}: its status URI, credentials and proxy route. */
final class InstanceSettings {
    private InstanceSettings() {}

    /** Instance {@code id} as its keys describe it. */
    static InstanceConfig parse(AbstractConfig config, String id) {
        URI uri = StatusUris.resolve(config.getString(urlKey(id)), config.getString(STATUS_PATH));
        Credentials credentials = switch (AuthType.parse(config.getString(key(id, AUTH_TYPE_SUFFIX)))) {
            case NONE -> new Credentials.None();
            case BASIC ->
                new Credentials.Basic(
                        config.getString(key(id, AUTH_USERNAME_SUFFIX)),
                        config.getPassword(key(id, AUTH_PASSWORD_SUFFIX)));
            case BEARER -> new Credentials.Bearer(config.getPassword(key(id, AUTH_TOKEN_SUFFIX)));
            case HEADER ->
                new Credentials.CustomHeader(
                        config.getString(key(id, AUTH_HEADER_NAME_SUFFIX)).trim(),
                        config.getPassword(key(id, AUTH_HEADER_VALUE_SUFFIX)));
            case OAUTH2 ->
                new Credentials.OAuth2(
                        URI.create(config.getString(key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX))
                                .trim()),
                        config.getString(key(id, AUTH_OAUTH2_CLIENT_ID_SUFFIX)).trim(),
                        config.getPassword(key(id, AUTH_OAUTH2_CLIENT_SECRET_SUFFIX)),
                        optional(config.getString(key(id, AUTH_OAUTH2_SCOPE_SUFFIX))),
                        optional(config.getString(key(id, AUTH_OAUTH2_AUDIENCE_SUFFIX))),
                        config.getString(key(id, AUTH_OAUTH2_CLIENT_AUTH_METHOD_SUFFIX))
                                .trim()
                                .equalsIgnoreCase("post"));
        };
        return new InstanceConfig(id, uri, credentials, proxyPolicy(config, id));
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The route of an instance's requests: its own proxy override, else the connector's proxy and bypass list. */
    static ProxyPolicy proxyPolicy(AbstractConfig config, String id) {
        String override = config.getString(key(id, PROXY_URL_SUFFIX));
        if (override != null && override.trim().equalsIgnoreCase(ProxyUrlValidator.NONE)) {
            return ProxyPolicy.DIRECT;
        }
        if (override != null && !override.isBlank()) {
            return new ProxyPolicy(
                    Optional.of(endpoint(
                            config,
                            key(id, PROXY_URL_SUFFIX),
                            key(id, PROXY_USERNAME_SUFFIX),
                            key(id, PROXY_PASSWORD_SUFFIX))),
                    List.of());
        }
        String url = config.getString(HTTP_PROXY_URL);
        if (url == null || url.isBlank()) {
            return ProxyPolicy.DIRECT;
        }
        return new ProxyPolicy(
                Optional.of(endpoint(config, HTTP_PROXY_URL, HTTP_PROXY_USERNAME, HTTP_PROXY_PASSWORD)),
                config.getList(HTTP_PROXY_BYPASS_HOSTS));
    }

    private static ProxyEndpoint endpoint(AbstractConfig config, String urlKey, String userKey, String passwordKey) {
        URI proxy = ProxyUrlValidator.parse(urlKey, config.getString(urlKey).trim());
        String user = config.getString(userKey);
        return new ProxyEndpoint(
                proxy.getHost(),
                proxy.getPort() == -1 ? 80 : proxy.getPort(),
                user == null || user.isBlank() ? null : user,
                config.getPassword(passwordKey),
                urlKey,
                userKey,
                passwordKey);
    }

    /** The keystore declared under {@code prefix}, or null when its location is empty. */
    static KeystoreSettings keystore(AbstractConfig config, String prefix) {
        String location = config.getString(prefix + SSL_KEYSTORE_LOCATION_SUFFIX);
        if (location == null || location.isBlank()) {
            return null;
        }
        return new KeystoreSettings(
                location.trim(),
                config.getPassword(prefix + SSL_KEYSTORE_PASSWORD_SUFFIX),
                config.getString(prefix + SSL_KEYSTORE_TYPE_SUFFIX),
                config.getPassword(prefix + SSL_KEY_PASSWORD_SUFFIX));
    }
}
