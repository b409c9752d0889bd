package io.github.okastconnect.config;

import io.github.okastconnect.tls.KeystoreSettings;
import io.github.okastconnect.tls.TlsContexts;
import io.github.okastconnect.tls.TruststoreSettings;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The connector's configuration. Instances are declared by id in {@value #INSTANCES}; each id then owns a family
 * of keys under {@code okast.instance.<id>.}, the same way MirrorMaker 2 names its clusters. Because those keys
 * depend on the ids, the full {@link ConfigDef} is built per configuration by {@link #definition(List)}: that is
 * what makes the per-instance secrets {@code PASSWORD}-typed, hence masked by Connect.
 *
 * <p>The key names are the constants below; each key is defined (type, default, validator, group, documentation) once,
 * with the other keys of its concern: {@link SourceKeys} (instances, output), {@link HttpKeys} (polling and HTTP, TLS,
 * proxy), {@link KafkaKeys} (crash read-back, state topic), and {@link PerInstanceKeys} for an instance's own keys.
 * Checks across keys are in {@link CrossFieldChecks}; an instance's keys are read by {@link InstanceSettings}.
 */
public final class OkastSourceConfig extends AbstractConfig {

    public static final String INSTANCES = "okast.instances";
    public static final String INSTANCE_PREFIX = "okast.instance.";
    public static final String URL_SUFFIX = ".url";
    public static final String AUTH_TYPE_SUFFIX = ".auth.type";
    public static final String AUTH_USERNAME_SUFFIX = ".auth.username";
    public static final String AUTH_PASSWORD_SUFFIX = ".auth.password";
    public static final String AUTH_TOKEN_SUFFIX = ".auth.token";
    public static final String AUTH_HEADER_NAME_SUFFIX = ".auth.header.name";
    public static final String AUTH_HEADER_VALUE_SUFFIX = ".auth.header.value";
    public static final String AUTH_OAUTH2_TOKEN_URL_SUFFIX = ".auth.oauth2.token.url";
    public static final String AUTH_OAUTH2_CLIENT_ID_SUFFIX = ".auth.oauth2.client.id";
    public static final String AUTH_OAUTH2_CLIENT_SECRET_SUFFIX = ".auth.oauth2.client.secret";
    public static final String AUTH_OAUTH2_SCOPE_SUFFIX = ".auth.oauth2.scope";
    public static final String AUTH_OAUTH2_AUDIENCE_SUFFIX = ".auth.oauth2.audience";
    public static final String AUTH_OAUTH2_CLIENT_AUTH_METHOD_SUFFIX = ".auth.oauth2.client.auth.method";
    public static final String SSL_KEYSTORE_LOCATION_SUFFIX = ".ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD_SUFFIX = ".ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE_SUFFIX = ".ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD_SUFFIX = ".ssl.key.password";
    public static final String PROXY_URL_SUFFIX = ".proxy.url";
    public static final String PROXY_USERNAME_SUFFIX = ".proxy.username";
    public static final String PROXY_PASSWORD_SUFFIX = ".proxy.password";

    public static final String STATUS_PATH = "okast.status.path";
    public static final String STATUS_PATH_DEFAULT =
            "/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php";
    public static final String TOPIC = "topic";
    public static final String TOPIC_DEFAULT = "okast.ingest.lifecycle";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String POLL_LINGER_MS = "poll.linger.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String HTTP_MAX_RESPONSE_BYTES = "http.max.response.bytes";
    public static final String HTTP_MAX_CONCURRENT_REQUESTS = "http.max.concurrent.requests";
    public static final String HTTP_CONDITIONAL_REQUESTS = "http.conditional.requests.enabled";
    public static final String HTTP_COMPARE_ON_ARRIVAL = "http.compare.on.arrival.enabled";
    public static final String HTTP_RECEIVE_BUFFER_POOL_BYTES = "http.receive.buffer.pool.bytes";
    public static final long HTTP_RECEIVE_BUFFER_POOL_BYTES_DEFAULT = 64L * 1024 * 1024;
    public static final String HTTP_COMPRESSION = "http.compression.enabled";
    public static final String HTTP_PROXY_URL = "http.proxy.url";
    public static final String HTTP_PROXY_USERNAME = "http.proxy.username";
    public static final String HTTP_PROXY_PASSWORD = "http.proxy.password";
    public static final String HTTP_PROXY_BYPASS_HOSTS = "http.proxy.bypass.hosts";
    public static final String TIMESTAMP_ZONE = "timestamp.zone";
    public static final String REMOVAL_MODE = "removal.mode";
    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String EMIT_CHANGE_TYPES = "emit.change.types";
    public static final String BACKOFF_INITIAL_MS = "backoff.initial.ms";
    public static final String BACKOFF_MAX_MS = "backoff.max.ms";
    public static final String SSL_TRUSTSTORE_LOCATION = "http.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "http.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "http.ssl.truststore.type";
    public static final String SSL_HOSTNAME_VERIFICATION = "http.ssl.hostname.verification.enabled";
    public static final String SSL_KEYSTORE_LOCATION = "http" + SSL_KEYSTORE_LOCATION_SUFFIX;
    public static final String SSL_KEYSTORE_PASSWORD = "http" + SSL_KEYSTORE_PASSWORD_SUFFIX;
    public static final String SSL_KEYSTORE_TYPE = "http" + SSL_KEYSTORE_TYPE_SUFFIX;
    public static final String SSL_KEY_PASSWORD = "http" + SSL_KEY_PASSWORD_SUFFIX;
    public static final String VALIDATION_PROBE_ENABLED = "validation.probe.enabled";
    public static final String RECOVERY_BOOTSTRAP_SERVERS = "recovery.bootstrap.servers";
    public static final String RECOVERY_TIMEOUT_MS = "recovery.timeout.ms";
    /** Consumer settings for the read-back (security, e.g. recovery.consumer.security.protocol); not in ConfigDef. */
    public static final String RECOVERY_CONSUMER_PREFIX = "recovery.consumer.";

    public static final String STATE_TOPIC = "state.topic";

    public static final String STATE_TOPIC_PARTITIONS = "state.topic.partitions";
    public static final String STATE_BOOTSTRAP_SERVERS = "state.bootstrap.servers";
    public static final String STATE_RESTORE_TIMEOUT_MS = "state.restore.timeout.ms";
    /** Admin and consumer settings for the state topic (security, e.g. state.client.security.protocol). */
    public static final String STATE_CLIENT_PREFIX = "state.client.";

    public static final String STATE_BOOTSTRAP_SERVERS_REQUIRED =
            "Required: the task keeps each entry's last emitted state "
                    + "in a compacted topic of the Kafka cluster the worker writes to, and reads it back when it starts. Set it "
                    + "to that cluster's bootstrap servers (and " + "state.client.* for its security settings).";
    /** Whether a config lacks state.bootstrap.servers, which has a default only so that old configs get this message. */
    public static final java.util.function.Predicate<Map<String, String>> STATE_BOOTSTRAP_SERVERS_MISSING =
            props -> props.get(STATE_BOOTSTRAP_SERVERS) == null
                    || props.get(STATE_BOOTSTRAP_SERVERS).isBlank();

    /** Set by the connector on each task: the ids of the instances that task owns. Not for users. */
    public static final String TASK_INSTANCES = "okast.task.instances";

    private final List<InstanceConfig> instances;

    public OkastSourceConfig(Map<String, String> props) {
        super(definition(instanceIds(props)), props);
        Map<String, String> problems = crossFieldProblems(this);
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), null, first.getValue());
        }
        List<InstanceConfig> parsed = new ArrayList<>();
        for (String id : getList(INSTANCES)) {
            parsed.add(InstanceSettings.parse(this, id));
        }
        this.instances = List.copyOf(parsed);
    }

    /** The definition without per-instance keys: what {@code Connector.config()} returns. */
    public static ConfigDef baseDefinition() {
        ConfigDef def = new ConfigDef();
        SourceKeys.define(def);
        HttpKeys.define(def);
        KafkaKeys.define(def);
        def.defineInternal(TASK_INSTANCES, Type.LIST, "", Importance.LOW);
        return def;
    }

    /**
     * Checks that involve more than one key, keyed by the config key to blame. Shared by the constructor and by
     * {@code Connector.validate} so that both report the same problem on the same key.
     */
    public static Map<String, String> crossFieldProblems(AbstractConfig config) {
        return CrossFieldChecks.problems(config);
    }

    /** The full definition for the given instance ids: the base keys plus every per-instance key. */
    public static ConfigDef definition(List<String> ids) {
        ConfigDef def = baseDefinition();
        for (String id : ids) {
            PerInstanceKeys.define(def, id);
        }
        return def;
    }

    /** The instance ids named in raw properties, tolerant of anything so that validation can report on them. */
    public static List<String> instanceIds(Map<String, ?> props) {
        Object raw = props.get(INSTANCES);
        if (raw == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String part : raw.toString().split(",")) {
            String id = part.trim();
            if (!id.isEmpty() && InstanceIdsValidator.isValidId(id) && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    public static String key(String id, String suffix) {
        return INSTANCE_PREFIX + id + suffix;
    }

    public static String urlKey(String id) {
        return key(id, URL_SUFFIX);
    }

    public boolean compression() {
        return getBoolean(HTTP_COMPRESSION);
    }

    /** Every configured instance, in the order of {@value #INSTANCES}. */
    public List<InstanceConfig> instances() {
        return instances;
    }

    /** The instances a task owns (set by the connector in {@value #TASK_INSTANCES}). */
    public List<InstanceConfig> taskInstances() {
        List<String> owned = getList(TASK_INSTANCES);
        return instances.stream().filter(i -> owned.contains(i.id())).toList();
    }

    public String topic() {
        return getString(TOPIC);
    }

    public Duration pollLinger() {
        return Duration.ofMillis(getLong(POLL_LINGER_MS));
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS));
    }

    public long maxResponseBytes() {
        return getLong(HTTP_MAX_RESPONSE_BYTES);
    }

    public int maxConcurrentRequests() {
        return getInt(HTTP_MAX_CONCURRENT_REQUESTS);
    }

    public boolean conditionalRequests() {
        return getBoolean(HTTP_CONDITIONAL_REQUESTS);
    }

    public boolean compareOnArrival() {
        return getBoolean(HTTP_COMPARE_ON_ARRIVAL);
    }

    public long receiveBufferPoolBytes() {
        return getLong(HTTP_RECEIVE_BUFFER_POOL_BYTES);
    }

    public ZoneId timestampZone() {
        return ZoneId.of(getString(TIMESTAMP_ZONE));
    }

    public RemovalMode removalMode() {
        return RemovalMode.parse(getString(REMOVAL_MODE));
    }

    /** The change types to emit events for, upper case, as listed (see {@value #EMIT_CHANGE_TYPES}). */
    public List<String> emitChangeTypes() {
        return getList(EMIT_CHANGE_TYPES).stream()
                .map(ChangeTypesValidator::normalize)
                .toList();
    }

    public SnapshotMode snapshotMode() {
        return SnapshotMode.parse(getString(SNAPSHOT_MODE));
    }

    /** The SSLContext for this connector's instances, or null when the JVM's defaults apply. */
    public javax.net.ssl.SSLContext sslContext() {
        return sslContext(InstanceSettings.keystore(this, "http"), SSL_KEYSTORE_LOCATION);
    }

    /**
     * The SSLContext of each instance with its own keystore (okast.instance.&lt;id&gt;.ssl.keystore.location), by
     * id; the others use {@link #sslContext()}.
     */
    public Map<String, javax.net.ssl.SSLContext> instanceSslContexts() {
        Map<String, javax.net.ssl.SSLContext> contexts = new LinkedHashMap<>();
        for (String id : getList(INSTANCES)) {
            KeystoreSettings own = InstanceSettings.keystore(this, INSTANCE_PREFIX + id);
            if (own != null) {
                contexts.put(id, sslContext(own, key(id, SSL_KEYSTORE_LOCATION_SUFFIX)));
            }
        }
        return contexts;
    }

    /** Whether instance {@code id} has a keystore of its own. */
    public boolean hasOwnKeystore(String id) {
        return InstanceSettings.keystore(this, INSTANCE_PREFIX + id) != null;
    }

    private javax.net.ssl.SSLContext sslContext(KeystoreSettings keystore, String keystoreKey) {
        String location = getString(SSL_TRUSTSTORE_LOCATION);
        TruststoreSettings truststore = location == null || location.isBlank()
                ? null
                : new TruststoreSettings(
                        location.trim(), getPassword(SSL_TRUSTSTORE_PASSWORD), getString(SSL_TRUSTSTORE_TYPE));
        try {
            TlsContexts.create(truststore, null, true);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(SSL_TRUSTSTORE_LOCATION, location, e.getMessage());
        }
        try {
            return TlsContexts.create(truststore, keystore, hostnameVerification());
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(keystoreKey, keystore == null ? null : keystore.location(), e.getMessage());
        }
    }

    public boolean hostnameVerification() {
        return getBoolean(SSL_HOSTNAME_VERIFICATION);
    }

    /** Empty when read-back is off. */
    public List<String> recoveryBootstrapServers() {
        return getList(RECOVERY_BOOTSTRAP_SERVERS);
    }

    public Duration recoveryTimeout() {
        return Duration.ofMillis(getLong(RECOVERY_TIMEOUT_MS));
    }

    /** User consumer settings for the read-back, prefix stripped; may hold secrets (never log the values). */
    public Map<String, Object> recoveryConsumerSettings() {
        return originalsWithPrefix(RECOVERY_CONSUMER_PREFIX);
    }

    /** The connector's name, as Connect gives it in the config. */
    public String connectorName() {
        String name = originalsStrings().get("name");
        return name == null ? "<connector>" : name;
    }

    /** The state topic: the configured one, or the default derived from the connector's name. */
    public String stateTopic() {
        String topic = getString(STATE_TOPIC);
        return topic == null || topic.isBlank()
                ? StateTopicName.defaultFor(originalsStrings().get("name"))
                : topic.trim();
    }

    public int stateTopicPartitions() {
        return getInt(STATE_TOPIC_PARTITIONS);
    }

    public List<String> stateBootstrapServers() {
        return getList(STATE_BOOTSTRAP_SERVERS);
    }

    /** Admin and consumer settings for the state topic, prefix stripped; may hold secrets (never log the values). */
    public Map<String, Object> stateClientSettings() {
        return originalsWithPrefix(STATE_CLIENT_PREFIX);
    }

    public Duration stateRestoreTimeout() {
        return Duration.ofMillis(getLong(STATE_RESTORE_TIMEOUT_MS));
    }

    public boolean validationProbeEnabled() {
        return getBoolean(VALIDATION_PROBE_ENABLED);
    }

    public Duration backoffInitial() {
        return Duration.ofMillis(getLong(BACKOFF_INITIAL_MS));
    }

    public Duration backoffMax() {
        return Duration.ofMillis(getLong(BACKOFF_MAX_MS));
    }
}
