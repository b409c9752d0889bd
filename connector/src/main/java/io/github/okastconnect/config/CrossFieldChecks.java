package io.github.okastconnect.config;

import static io.github.okastconnect.config.OkastSourceConfig.AUTH_HEADER_NAME_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_HEADER_VALUE_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_CLIENT_ID_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_CLIENT_SECRET_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_OAUTH2_TOKEN_URL_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_TOKEN_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_TYPE_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.AUTH_USERNAME_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.BACKOFF_INITIAL_MS;
import static io.github.okastconnect.config.OkastSourceConfig.BACKOFF_MAX_MS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_BYPASS_HOSTS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_PASSWORD;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_URL;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_USERNAME;
import static io.github.okastconnect.config.OkastSourceConfig.INSTANCE_PREFIX;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_URL_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_USERNAME_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_LOCATION_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEY_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_TRUSTSTORE_LOCATION;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_TRUSTSTORE_PASSWORD;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_TRUSTSTORE_TYPE;
import static io.github.okastconnect.config.OkastSourceConfig.instanceIds;
import static io.github.okastconnect.config.OkastSourceConfig.key;
import static io.github.okastconnect.config.OkastSourceConfig.urlKey;

import io.github.okastconnect.tls.KeystoreSettings;
import io.github.okastconnect.tls.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The checks that involve more than one key (credentials an auth type requires, secrets a proxy would see in clear,
 * keystores and truststores that must load, backoff bounds), each problem keyed by the config key to fix.
 */
final class CrossFieldChecks {
    private CrossFieldChecks() {}

    /**
     * Checks that involve more than one key, keyed by the config key to blame. Shared by the constructor and by
     * {@code Connector.validate} so that both report the same problem on the same key.
     */
    static Map<String, String> problems(AbstractConfig config) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String id : instanceIds(config.originals())) {
            AuthType type = AuthType.parse(config.getString(key(id, AUTH_TYPE_SUFFIX)));
            switch (type) {
                case BASIC -> {
                    requireString(config, key(id, AUTH_USERNAME_SUFFIX), "auth.type is 'basic'", problems);
                    requirePassword(config, key(id, AUTH_PASSWORD_SUFFIX), "auth.type is 'basic'", problems);
                }
                case BEARER -> requirePassword(config, key(id, AUTH_TOKEN_SUFFIX), "auth.type is 'bearer'", problems);
                case HEADER -> {
                    requireString(config, key(id, AUTH_HEADER_NAME_SUFFIX), "auth.type is 'header'", problems);
                    requirePassword(config, key(id, AUTH_HEADER_VALUE_SUFFIX), "auth.type is 'header'", problems);
                }
                case OAUTH2 -> {
                    String because = "auth.type is 'oauth2'";
                    requireString(config, key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX), because, problems);
                    requireString(config, key(id, AUTH_OAUTH2_CLIENT_ID_SUFFIX), because, problems);
                    requirePassword(config, key(id, AUTH_OAUTH2_CLIENT_SECRET_SUFFIX), because, problems);
                    String tokenUrl = config.getString(key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX));
                    if (tokenUrl != null && !tokenUrl.isBlank()) {
                        try {
                            new HttpUrlValidator().ensureValid(key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX), tokenUrl);
                        } catch (ConfigException e) {
                            problems.put(key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX), e.getMessage());
                        }
                    }
                }
                case NONE -> {}
            }
        }
        proxyProblems(config, HTTP_PROXY_URL, HTTP_PROXY_USERNAME, HTTP_PROXY_PASSWORD, problems);
        for (String id : instanceIds(config.originals())) {
            cleartextSecretProblems(config, id, AuthType.parse(config.getString(key(id, AUTH_TYPE_SUFFIX))), problems);
        }
        for (String id : instanceIds(config.originals())) {
            proxyProblems(
                    config,
                    key(id, PROXY_URL_SUFFIX),
                    key(id, PROXY_USERNAME_SUFFIX),
                    key(id, PROXY_PASSWORD_SUFFIX),
                    problems);
        }
        keystoreProblems(config, "http", problems);
        for (String id : instanceIds(config.originals())) {
            keystoreProblems(config, INSTANCE_PREFIX + id, problems);
        }
        String truststore = config.getString(SSL_TRUSTSTORE_LOCATION);
        if (truststore != null && !truststore.isBlank()) {
            try {
                TlsContexts.create(
                        truststore,
                        config.getPassword(SSL_TRUSTSTORE_PASSWORD),
                        config.getString(SSL_TRUSTSTORE_TYPE),
                        true);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                String message = String.valueOf(e.getMessage());
                problems.put(
                        message.contains("truststore password") ? SSL_TRUSTSTORE_PASSWORD : SSL_TRUSTSTORE_LOCATION,
                        "cannot use the truststore: " + message);
            }
        }
        long initial = config.getLong(BACKOFF_INITIAL_MS);
        long max = config.getLong(BACKOFF_MAX_MS);
        if (max < initial) {
            problems.put(
                    BACKOFF_MAX_MS,
                    "backoff.max.ms (" + max + ") must be at least backoff.initial.ms (" + initial + ")");
        }
        return problems;
    }

    /**
     * Loads the keystore declared under {@code prefix} (the connector's or an instance's) and blames the key to fix:
     * a password the loader says is wrong, else the location.
     */
    private static void keystoreProblems(AbstractConfig config, String prefix, Map<String, String> problems) {
        KeystoreSettings keystore = InstanceSettings.keystore(config, prefix);
        if (keystore == null) {
            return;
        }
        try {
            TlsContexts.create(null, keystore, true);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            String blamed = message.contains("key password")
                    ? prefix + SSL_KEY_PASSWORD_SUFFIX
                    : message.contains("keystore password")
                            ? prefix + SSL_KEYSTORE_PASSWORD_SUFFIX
                            : prefix + SSL_KEYSTORE_LOCATION_SUFFIX;
            problems.put(blamed, "cannot use the keystore: " + message);
        }
    }

    /** Credentials for a proxy that is not set, or half of them, are a mistake the user should hear about. */
    private static void proxyProblems(
            AbstractConfig config, String urlKey, String userKey, String passwordKey, Map<String, String> problems) {
        String url = config.getString(urlKey);
        boolean proxySet = url != null && !url.isBlank() && !url.trim().equalsIgnoreCase(ProxyUrlValidator.NONE);
        String user = config.getString(userKey);
        Password password = config.getPassword(passwordKey);
        boolean hasUser = user != null && !user.isBlank();
        boolean hasPassword = password != null
                && password.value() != null
                && !password.value().isEmpty();
        if ((hasUser || hasPassword) && !proxySet) {
            problems.put(
                    hasUser ? userKey : passwordKey, "proxy credentials are set but " + urlKey + " names no proxy");
        } else if (hasPassword && !hasUser) {
            problems.put(userKey, userKey + " is required because " + passwordKey + " is set");
        }
    }

    private static void requireString(AbstractConfig config, String key, String because, Map<String, String> out) {
        String value = config.getString(key);
        if (value == null || value.isBlank()) {
            out.put(key, key + " is required because " + because);
        }
    }

    private static void requirePassword(AbstractConfig config, String key, String because, Map<String, String> out) {
        Password value = config.getPassword(key);
        if (value == null || value.value() == null || value.value().isEmpty()) {
            out.put(key, key + " is required because " + because);
        }
    }

    /**
     * A secret sent over plain HTTP through a proxy is readable by the proxy (and by anyone on its way): refused, on
     * the URL that would carry it. Connecting directly, or over https://, is the fix.
     */
    private static void cleartextSecretProblems(
            AbstractConfig config, String id, AuthType type, Map<String, String> problems) {
        ProxyPolicy policy;
        try {
            policy = InstanceSettings.proxyPolicy(config, id);
        } catch (ConfigException invalidProxyUrl) {
            return; // reported on its own key
        }
        String url = config.getString(urlKey(id));
        if (type != AuthType.NONE && type != AuthType.OAUTH2 && refusedInClear(policy, url)) {
            problems.put(
                    urlKey(id),
                    "instance '" + id + "' sends credentials (auth.type=" + type.configValue()
                            + ") over plain HTTP through "
                            + policy.forHost(URI.create(url.trim()).getHost()).orElseThrow()
                            + ", which would see them in clear: use an https:// URL, or reach the instance directly ("
                            + key(id, PROXY_URL_SUFFIX) + "=none, or its host in " + HTTP_PROXY_BYPASS_HOSTS + ")");
        }
        String tokenUrl = config.getString(key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX));
        if (type == AuthType.OAUTH2 && refusedInClear(policy, tokenUrl)) {
            problems.put(
                    key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX),
                    "the OAuth2 client secret would go over plain "
                            + "HTTP through "
                            + policy.forHost(URI.create(tokenUrl.trim()).getHost())
                                    .orElseThrow()
                            + ", which would see it in clear: use an https:// token URL, or reach it directly ("
                            + key(id, PROXY_URL_SUFFIX) + "=none, or its host in " + HTTP_PROXY_BYPASS_HOSTS + ")");
        }
        if (type == AuthType.OAUTH2 && refusedInClear(policy, url)) {
            problems.put(
                    urlKey(id),
                    "instance '" + id + "' would receive OAuth2 tokens over plain HTTP through "
                            + policy.forHost(URI.create(url.trim()).getHost()).orElseThrow() + ", which would see them "
                            + "in clear: use an https:// URL, or reach the instance directly ("
                            + key(id, PROXY_URL_SUFFIX)
                            + "=none, or its host in " + HTTP_PROXY_BYPASS_HOSTS + ")");
        }
    }

    private static boolean refusedInClear(ProxyPolicy policy, String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return false; // reported on its own key
        }
        return "http".equalsIgnoreCase(uri.getScheme())
                && policy.forHost(uri.getHost()).isPresent();
    }
}
