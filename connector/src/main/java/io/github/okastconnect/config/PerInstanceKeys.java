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
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_URL;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_URL_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.PROXY_USERNAME_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_LOCATION;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_LOCATION_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_TYPE_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEY_PASSWORD_SUFFIX;
import static io.github.okastconnect.config.OkastSourceConfig.STATUS_PATH;
import static io.github.okastconnect.config.OkastSourceConfig.key;
import static io.github.okastconnect.config.OkastSourceConfig.urlKey;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys of one instance, {@code okast.instance.<id>.*}, in a group of their own per instance: its URL, how to
 * authenticate to it, and its own keystore and proxy when they differ from the connector's.
 */
final class PerInstanceKeys {
    private PerInstanceKeys() {}

    static void define(ConfigDef def, String id) {
        KeyGroup keys = new KeyGroup(def, "Instance " + id);
        keys.define(
                urlKey(id),
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new HttpUrlValidator(),
                Importance.HIGH,
                "Base URL of instance '"
                        + id
                        + "', e.g. https://paris.example.com; http and https only. The status path ("
                        + STATUS_PATH
                        + ") is appended unless the URL already ends with it. Required.",
                Width.LONG,
                "URL");
        keys.define(
                key(id, AUTH_TYPE_SUFFIX),
                Type.STRING,
                AuthType.NONE.configValue(),
                new EnumValidator(AuthType.class),
                Importance.MEDIUM,
                "How to authenticate to instance '"
                        + id
                        + "': 'none' (the default), 'basic' (auth.username + auth.password), 'bearer' "
                        + "(auth.token), 'header' (auth.header.name + auth.header.value) or 'oauth2' (a token from "
                        + "an OAuth2 token endpoint by the client-credentials grant: auth.oauth2.token.url + "
                        + "auth.oauth2.client.id + auth.oauth2.client.secret). Set it to what the instance expects.",
                Width.SHORT,
                "Auth type");
        keys.define(
                key(id, AUTH_USERNAME_SUFFIX),
                Type.STRING,
                null,
                Importance.MEDIUM,
                "User name for basic authentication to instance '" + id + "'; required with auth.type=basic.",
                Width.MEDIUM,
                "User name");
        keys.define(
                key(id, AUTH_PASSWORD_SUFFIX),
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Password for basic authentication to instance '"
                        + id
                        + "'. Pass it through a config provider (${file:...} or ${env:...}) so Connect never "
                        + "stores or echoes the literal value.",
                Width.MEDIUM,
                "Password");
        keys.define(
                key(id, AUTH_TOKEN_SUFFIX),
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Bearer token for instance '"
                        + id
                        + "', sent as 'Authorization: Bearer <token>'; required with auth.type=bearer. Pass it "
                        + "through a config provider.",
                Width.MEDIUM,
                "Bearer token");
        keys.define(
                key(id, AUTH_HEADER_NAME_SUFFIX),
                Type.STRING,
                null,
                new HeaderNameValidator(),
                Importance.MEDIUM,
                "Name of the custom authentication header for instance '"
                        + id
                        + "', e.g. X-Api-Key; required with auth.type=header.",
                Width.MEDIUM,
                "Header name");
        keys.define(
                key(id, AUTH_HEADER_VALUE_SUFFIX),
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Value of the custom authentication header for instance '"
                        + id
                        + "'. Pass it through a config provider.",
                Width.MEDIUM,
                "Header value");
        keys.define(
                key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX),
                Type.STRING,
                null,
                Importance.MEDIUM,
                "OAuth2 token endpoint for instance '"
                        + id
                        + "', e.g. https://login.example.com/oauth2/token; required with auth.type=oauth2. Tokens "
                        + "are fetched by the client-credentials grant, cached until shortly before they expire (a "
                        + "tenth of their lifetime, at most 30 s), fetched once more when the instance answers "
                        + "401, and sent only to the instance (never to another origin). The request takes the "
                        + "instance's proxy route and TLS settings.",
                Width.LONG,
                "OAuth2 token URL");
        keys.define(
                key(id, AUTH_OAUTH2_CLIENT_ID_SUFFIX),
                Type.STRING,
                null,
                Importance.MEDIUM,
                "OAuth2 client id for instance '" + id + "'; required with auth.type=oauth2.",
                Width.MEDIUM,
                "OAuth2 client id");
        keys.define(
                key(id, AUTH_OAUTH2_CLIENT_SECRET_SUFFIX),
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "OAuth2 client secret for instance '"
                        + id
                        + "'; required with auth.type=oauth2. Pass it through a config provider.",
                Width.MEDIUM,
                "OAuth2 client secret");
        keys.define(
                key(id, AUTH_OAUTH2_SCOPE_SUFFIX),
                Type.STRING,
                null,
                Importance.LOW,
                "Scope(s) to request for instance '"
                        + id
                        + "', space-separated. Default empty: no scope parameter. Set it when the token endpoint "
                        + "requires one.",
                Width.MEDIUM,
                "OAuth2 scope");
        keys.define(
                key(id, AUTH_OAUTH2_AUDIENCE_SUFFIX),
                Type.STRING,
                null,
                Importance.LOW,
                "Audience parameter sent to the token endpoint for instance '"
                        + id
                        + "'. Default empty: none sent. Set it for providers that require one (e.g. Auth0).",
                Width.MEDIUM,
                "OAuth2 audience");
        keys.define(
                key(id, AUTH_OAUTH2_CLIENT_AUTH_METHOD_SUFFIX),
                Type.STRING,
                "basic",
                ConfigDef.CaseInsensitiveValidString.in("basic", "post"),
                Importance.LOW,
                "How instance '"
                        + id
                        + "''s client authenticates to the token endpoint: 'basic' (the default: an HTTP Basic "
                        + "header, client_secret_basic, the default of RFC 6749) or 'post' (client_id and "
                        + "client_secret form fields, client_secret_post). Change it when the token endpoint "
                        + "accepts only form fields.",
                Width.SHORT,
                "OAuth2 client authentication");
        keys.define(
                key(id, SSL_KEYSTORE_LOCATION_SUFFIX),
                Type.STRING,
                null,
                Importance.LOW,
                "Keystore with the client certificate for instance '"
                        + id
                        + "', instead of "
                        + SSL_KEYSTORE_LOCATION
                        + " (same formats). Default empty: the connector's keystore, if any. Set it when this "
                        + "instance wants another certificate than the others.",
                Width.LONG,
                "Keystore location");
        keys.define(
                key(id, SSL_KEYSTORE_PASSWORD_SUFFIX),
                Type.PASSWORD,
                null,
                Importance.LOW,
                "Password of instance '" + id + "''s keystore. Default empty. Pass it through a config provider.",
                Width.MEDIUM,
                "Keystore password");
        keys.define(
                key(id, SSL_KEYSTORE_TYPE_SUFFIX),
                Type.STRING,
                "PKCS12",
                ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", "PEM"),
                Importance.LOW,
                "Format of instance '"
                        + id
                        + "''s keystore: PKCS12 (the default), JKS, or PEM. Change it to match the file.",
                Width.SHORT,
                "Keystore type");
        keys.define(
                key(id, SSL_KEY_PASSWORD_SUFFIX),
                Type.PASSWORD,
                null,
                Importance.LOW,
                "Password of the private key in instance '"
                        + id
                        + "''s keystore. Default empty: the keystore's password is tried. Set it when they differ; "
                        + "pass it through a config provider.",
                Width.MEDIUM,
                "Key password");
        keys.define(
                key(id, PROXY_URL_SUFFIX),
                Type.STRING,
                "",
                new ProxyUrlValidator(true),
                Importance.LOW,
                "Proxy for instance '"
                        + id
                        + "' instead of "
                        + HTTP_PROXY_URL
                        + ": http://host:port for another proxy, 'none' to connect directly. Default empty: the "
                        + "connector's proxy (and "
                        + HTTP_PROXY_BYPASS_HOSTS
                        + "). Set it when this instance is reached by another route than the others.",
                Width.LONG,
                "Proxy URL");
        keys.define(
                key(id, PROXY_USERNAME_SUFFIX),
                Type.STRING,
                null,
                Importance.LOW,
                "User name for the proxy set in okast.instance."
                        + id
                        + ".proxy.url. Default empty: no proxy authentication.",
                Width.MEDIUM,
                "Proxy user name");
        keys.define(
                key(id, PROXY_PASSWORD_SUFFIX),
                Type.PASSWORD,
                null,
                Importance.LOW,
                "Password for the proxy set in okast.instance." + id + ".proxy.url. Pass it through a config provider.",
                Width.MEDIUM,
                "Proxy password");
    }
}
