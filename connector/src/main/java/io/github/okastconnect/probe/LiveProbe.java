package io.github.okastconnect.probe;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.http.FailureCause;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.http.HttpSettings;
import io.github.okastconnect.http.StatusClient;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.MalformedResponseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls every configured instance once, the way a task would, so that {@code validate} can tell a user about a
 * wrong URL, rejected credentials or an endpoint that is not an Okast status list before the connector is created.
 * Each problem is reported on the key the user has to change.
 */
public final class LiveProbe {
    /** Validation is interactive: never keep a REST call waiting longer than this for one instance. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final StatusClient client;
    private final OkastSourceConfig config;
    private final IngestStatusParser parser = new IngestStatusParser();

    public LiveProbe(OkastSourceConfig config) {
        Duration read = config.readTimeout().compareTo(MAX_WAIT) > 0 ? MAX_WAIT : config.readTimeout();
        Duration connect = config.connectTimeout().compareTo(MAX_WAIT) > 0 ? MAX_WAIT : config.connectTimeout();
        // One request per instance: no buffer would ever be reused, so none is kept.
        this.client = new StatusClient(
                HttpSettings.defaults(connect, read, config.maxResponseBytes())
                        .withTls(config.sslContext(), config.hostnameVerification())
                        .withReceiveBufferPoolBytes(0)
                        .withCompression(config.compression())
                        .withInstanceSslContexts(config.instanceSslContexts()),
                Clock.systemUTC());
        this.config = config;
    }

    /** Config key → problem, for every instance that did not answer with a readable status list. Call once. */
    public Map<String, String> probe(List<InstanceConfig> instances) {
        Map<String, CompletableFuture<FetchResult>> calls = new LinkedHashMap<>();
        for (InstanceConfig instance : instances) {
            calls.put(instance.id(), client.fetch(instance));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        try {
            collect(instances, calls, problems);
        } finally {
            client.close();
        }
        return problems;
    }

    private void collect(
            List<InstanceConfig> instances,
            Map<String, CompletableFuture<FetchResult>> calls,
            Map<String, String> problems) {
        for (InstanceConfig instance : instances) {
            FetchResult result;
            try {
                result = calls.get(instance.id()).get(MAX_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                problems.put(
                        OkastSourceConfig.urlKey(instance.id()),
                        "Probe of instance '" + instance.id() + "' did not complete in time");
                continue;
            }
            if (result instanceof FetchResult.Failure failure) {
                problems.put(keyFor(instance, failure.cause()), message(instance, failure));
            } else if (result instanceof FetchResult.Success success) {
                try {
                    parser.parse(success.body());
                } catch (MalformedResponseException e) {
                    problems.put(
                            OkastSourceConfig.urlKey(instance.id()),
                            "Instance '" + instance.id()
                                    + "' answered HTTP 200 at " + instance.statusUri()
                                    + " but not with an Okast ingest "
                                    + "status list: " + e.getMessage());
                } finally {
                    success.release();
                }
            }
        }
    }

    private static String message(InstanceConfig instance, FetchResult.Failure failure) {
        String advice = switch (failure.cause()) {
            case UNAUTHORIZED ->
                instance.credentials() instanceof Credentials.None
                        ? " The instance requires authentication: set okast.instance." + instance.id() + ".auth.type."
                        : " 401 Unauthorized: the instance rejected these credentials.";
            case FORBIDDEN -> " 403 Forbidden: these credentials may not read the ingest status.";
            default -> "";
        };
        return "Probe of instance '" + instance.id() + "' (" + instance.statusUri() + ") failed: "
                + failure.message().replace("<id>", instance.id()) + "." + advice
                + " (Set validation.probe.enabled=false to skip this check.)";
    }

    /** The key a user must change for this cause. */
    private String keyFor(InstanceConfig instance, FailureCause cause) {
        String id = instance.id();
        if (cause == FailureCause.UNAUTHORIZED || cause == FailureCause.FORBIDDEN) {
            return OkastSourceConfig.key(id, instance.credentials().keySuffix());
        }
        if (cause == FailureCause.TOKEN_REJECTED) {
            return OkastSourceConfig.key(id, OkastSourceConfig.AUTH_OAUTH2_CLIENT_SECRET_SUFFIX);
        }
        if (cause == FailureCause.TOKEN_ENDPOINT) {
            return OkastSourceConfig.key(id, OkastSourceConfig.AUTH_OAUTH2_TOKEN_URL_SUFFIX);
        }
        if (cause == FailureCause.CLIENT_CERTIFICATE) {
            return config.hasOwnKeystore(id)
                    ? OkastSourceConfig.key(id, OkastSourceConfig.SSL_KEYSTORE_LOCATION_SUFFIX)
                    : OkastSourceConfig.SSL_KEYSTORE_LOCATION;
        }
        if (cause == FailureCause.TOO_LARGE) {
            return OkastSourceConfig.HTTP_MAX_RESPONSE_BYTES;
        }
        if (cause == FailureCause.PROXY_UNREACHABLE
                || cause == FailureCause.PROXY_AUTH
                || cause == FailureCause.PROXY_REFUSED) {
            return instance.proxy()
                    .forHost(instance.statusUri().getHost())
                    .map(p -> cause == FailureCause.PROXY_AUTH ? p.passwordKey() : p.urlKey())
                    .orElse(OkastSourceConfig.HTTP_PROXY_URL);
        }
        return OkastSourceConfig.urlKey(id);
    }
}
