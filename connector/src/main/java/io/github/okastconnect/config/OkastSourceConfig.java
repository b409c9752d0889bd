package io.github.okastconnect.config;

import io.github.okastconnect.tls.KeystoreSettings;
import io.github.okastconnect.tls.TlsContexts;
import io.github.okastconnect.tls.TruststoreSettings;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration. Instances are declared by id in {@value #INSTANCES}; each id then owns a family
 * of keys under {@code okast.instance.<id>.}, the same way MirrorMaker 2 names its clusters. Because those keys
 * depend on the ids, the full {@link ConfigDef} is built per configuration by {@link #definition(List)}: that is
 * what makes the per-instance secrets {@code PASSWORD}-typed, hence masked by Connect.
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
    /** Set by the connector on each task: the ids of the instances that task owns. Not for users. */
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
            props -> props.get("state.bootstrap.servers") == null
                    || props.get("state.bootstrap.servers").isBlank();

    public static final String TASK_INSTANCES = "okast.task.instances";

    private static final String GROUP_INSTANCES = "Instances";
    private static final String GROUP_OUTPUT = "Output";
    private static final String GROUP_POLLING = "Polling and HTTP";
    private static final String GROUP_TLS = "TLS";
    private static final String GROUP_PROXY = "Proxy";
    private static final String GROUP_RECOVERY = "Crash recovery";
    private static final String GROUP_STATE = "State topic";

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
            parsed.add(instance(id));
        }
        this.instances = List.copyOf(parsed);
    }

    /** The definition without per-instance keys: what {@code Connector.config()} returns. */
    public static ConfigDef baseDefinition() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                INSTANCES,
                Type.LIST,
                ConfigDef.NO_DEFAULT_VALUE,
                new InstanceIdsValidator(),
                Importance.HIGH,
                "Comma-separated ids of the Okast Channels instances to poll, e.g. 'paris,lyon'. "
                        + "Required. Each id is your own name for an instance, unique, matching "
                        + "[A-Za-z0-9_-]{1,64}; it is part of every record key and of the stored state, so keep it "
                        + "stable: under a new id an instance's entries are all new. For each id set "
                        + "okast.instance.<id>.url and, if the instance needs credentials, "
                        + "okast.instance.<id>.auth.*. Add an id to poll one more instance; tasks.max spreads the "
                        + "instances over tasks.",
                GROUP_INSTANCES,
                ++order,
                Width.LONG,
                "Instance ids");
        def.define(
                STATUS_PATH,
                Type.STRING,
                STATUS_PATH_DEFAULT,
                new NonBlank(),
                Importance.LOW,
                "Path of the ingest status endpoint, appended to each instance URL unless the URL "
                        + "already ends with it. The default is the path Okast Channels serves; change it only "
                        + "when your instances serve the endpoint elsewhere, e.g. behind a reverse proxy that "
                        + "rewrites paths.",
                GROUP_INSTANCES,
                ++order,
                Width.LONG,
                "Status path");
        def.define(
                VALIDATION_PROBE_ENABLED,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether validating a config (PUT /connector-plugins/.../config/validate, and creating "
                        + "or updating the connector) calls each instance once to check that it is reachable, "
                        + "accepts the credentials and answers an Okast status list; problems are reported on the "
                        + "key to fix. Default true, so a wrong URL or password shows when the connector is "
                        + "created rather than later in a task's log. Turn it off when the instances are not "
                        + "reachable from the worker at configuration time.",
                GROUP_INSTANCES,
                ++order,
                Width.SHORT,
                "Probe instances on validation");
        order = 0;
        def.define(
                TOPIC,
                Type.STRING,
                TOPIC_DEFAULT,
                new TopicNameValidator(),
                Importance.HIGH,
                "Kafka topic the ingest lifecycle events are written to. The default, "
                        + "okast.ingest.lifecycle, suits one connector per Kafka cluster. Give each connector its "
                        + "own topic when several write to one cluster: the crash read-back ("
                        + RECOVERY_BOOTSTRAP_SERVERS
                        + ") needs one connector per topic.",
                GROUP_OUTPUT,
                ++order,
                Width.MEDIUM,
                "Topic");
        def.define(
                REMOVAL_MODE,
                Type.STRING,
                RemovalMode.EVENT.configValue(),
                new EnumValidator(RemovalMode.class),
                Importance.MEDIUM,
                "What to emit when an entry leaves an instance's queue: 'none' (nothing), 'event' (a "
                        + "REMOVED event with the entry's last known state) or 'event_and_tombstone' (a REMOVED "
                        + "event, then a null-valued record for the key, so a compacted topic drops the entry). "
                        + "The default, 'event', tells consumers that an entry is gone. Choose "
                        + "'event_and_tombstone' for a compacted topic, 'none' when only arrivals and status "
                        + "changes matter. The entry's stored state is released in every mode.",
                GROUP_OUTPUT,
                ++order,
                Width.SHORT,
                "On removal");
        def.define(
                EMIT_CHANGE_TYPES,
                Type.LIST,
                String.join(",", ChangeTypesValidator.NAMES),
                new ChangeTypesValidator(),
                Importance.MEDIUM,
                "The change types the connector writes events for, among NEW, STATUS_CHANGED, UPDATED and "
                        + "REMOVED. The default lists all four. A change of a type not listed emits no event, but the "
                        + "entry's state is recorded all the same, so that change is never emitted later (not even "
                        + "after a restart) and the next listed change of that entry is compared with it. REMOVED "
                        + "covers the tombstone of "
                        + REMOVAL_MODE
                        + "=event_and_tombstone, and nothing is emitted on removal with "
                        + REMOVAL_MODE
                        + "=none whatever this says. List fewer types when consumers want only some of them, e.g. "
                        + "'STATUS_CHANGED' or 'NEW,STATUS_CHANGED': use this rather than a Filter transform, "
                        + "which would also see the connector's state records (see docs/recipes.md).",
                GROUP_OUTPUT,
                ++order,
                Width.MEDIUM,
                "Change types emitted");
        def.define(
                SNAPSHOT_MODE,
                Type.STRING,
                SnapshotMode.ALL_AS_NEW.configValue(),
                new EnumValidator(SnapshotMode.class),
                Importance.MEDIUM,
                "What the first answer of an instance with no stored state emits: the first start of the connector, "
                        + "an instance added to okast.instances, or after its offsets were reset through Connect's "
                        + "REST API. 'all_as_new' (default): every entry in the queue as a NEW event, for consumers "
                        + "that need the whole queue (a fresh topic, a tracker that must know every ingest). 'none': "
                        + "no event for the entries already there, only their later changes and new entries; for "
                        + "a connector put on instances whose queues hold a long history nobody needs replayed. "
                        + "'active_as_new': NEW only for the entries not yet DONE or ERRORED, so consumers follow "
                        + "the ingests still under way and skip the finished ones. Entries not emitted are "
                        + "recorded all the same: a later change of one is emitted as STATUS_CHANGED or UPDATED.",
                GROUP_OUTPUT,
                ++order,
                Width.SHORT,
                "First snapshot");
        def.define(
                TIMESTAMP_ZONE,
                Type.STRING,
                "UTC",
                new ZoneValidator(),
                Importance.MEDIUM,
                "Time zone in which the instances write their zone-less timestamps (e.g. '2022-1018 "
                        + "14:20:00'), used to turn them into epoch milliseconds (requestTimeMs, "
                        + "lastStatusUpdateMs). Default UTC. Set the instances' own zone, e.g. Europe/Paris, or "
                        + "every *Ms field is off by the zone's offset. The raw strings are always kept as sent.",
                GROUP_OUTPUT,
                ++order,
                Width.SHORT,
                "Timestamp zone");
        order = 0;
        def.define(
                POLL_INTERVAL_MS,
                Type.LONG,
                5_000L,
                ConfigDef.Range.atLeast(100L),
                Importance.HIGH,
                "How often each instance is polled, in milliseconds; a change is seen at the next poll "
                        + "of its instance. Default 5000. Lower it for fresher events, at the price of one more "
                        + "GET of the whole queue per instance each time; raise it for very large queues or to "
                        + "spare the instances. A task spreads its instances' polls evenly over the interval and "
                        + "keeps each on its own schedule, so a late poll does not delay the others; when "
                        + HTTP_MAX_CONCURRENT_REQUESTS
                        + " is reached the most overdue instance goes first.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Poll interval (ms)");
        def.define(
                POLL_LINGER_MS,
                Type.LONG,
                20L,
                ConfigDef.Range.between(0L, 5_000L),
                Importance.LOW,
                "How long a task keeps collecting answers after the first one that brought changes, "
                        + "before handing their records to Connect, in milliseconds. Each hand-over costs the "
                        + "worker a pass of its task loop, which copies the offsets awaiting commit (see "
                        + "docs/architecture.md), so gathering several instances' changes into one hand-over saves "
                        + "CPU for a task with many instances and adds at most this much latency. Default 20. "
                        + "Raise it when a task with hundreds of instances keeps its thread busy; 0 hands every "
                        + "batch over at once, for tasks with few instances that want the least latency.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Poll linger (ms)");
        def.define(
                HTTP_CONNECT_TIMEOUT_MS,
                Type.INT,
                5_000,
                ConfigDef.Range.between(1, 600_000),
                Importance.LOW,
                "Timeout for opening a connection to an instance, in milliseconds. Default 5000. Raise "
                        + "it for instances behind slow or distant links; a timeout is a failed poll, retried with "
                        + "backoff.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Connect timeout (ms)");
        def.define(
                HTTP_READ_TIMEOUT_MS,
                Type.INT,
                30_000,
                ConfigDef.Range.between(1, 3_600_000),
                Importance.LOW,
                "Deadline for a whole response (headers and body) once the request is sent, in "
                        + "milliseconds. A body that trickles in slower than this is abandoned and counted as a "
                        + "failed poll (cause timeout). Default 30000. Raise it when large queues on slow links "
                        + "time out; lower it to notice a hung instance sooner.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Read timeout (ms)");
        def.define(
                HTTP_MAX_RESPONSE_BYTES,
                Type.LONG,
                64L * 1024 * 1024,
                ConfigDef.Range.atLeast(1024L),
                Importance.LOW,
                "Largest response body accepted, in bytes, whether received as is or decoded from gzip. "
                        + "A larger body is abandoned as soon as the cap is crossed and counted as a failed poll "
                        + "(cause too_large); the instance's state is left as it was. Default 64 MiB: far above a "
                        + "normal queue, it keeps a runaway or hostile answer from filling the worker's heap. "
                        + "Raise it only for an instance whose queue really is that large.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Max response bytes");
        def.define(
                HTTP_MAX_CONCURRENT_REQUESTS,
                Type.INT,
                32,
                ConfigDef.Range.between(1, 1024),
                Importance.LOW,
                "Most requests one task has in flight at once, over all its instances; each instance "
                        + "never has more than one. Default 32. Raise it when a task owns many slow instances and "
                        + "the poll-start-delay metrics show polls starting late; lower it to limit the "
                        + "connections and receive buffers a task holds.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Max concurrent requests");
        def.define(
                HTTP_CONDITIONAL_REQUESTS,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether polls send the ETag / Last-Modified of the last processed response back as "
                        + "If-None-Match / If-Modified-Since. An instance that supports them answers 304 to an "
                        + "unchanged queue and saves the transfer and the parsing; one that ignores them answers "
                        + "200 as usual. Default true. Turn it off only for a server or proxy that answers 304 "
                        + "wrongly.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Conditional requests");
        def.define(
                HTTP_COMPARE_ON_ARRIVAL,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether the body of an instance whose last poll brought an unchanged body is compared "
                        + "with that body block by block (128 KiB) as it arrives, instead of being read whole into "
                        + "memory first. Default true: a quiet queue is checked without holding its body in "
                        + "memory. The price: a body of the same length that differs only after its first block "
                        + "has its earlier blocks dropped by then, so the body is fetched a second time (counted "
                        + "by the refetches-total metric), at most once each time a quiet queue starts changing. "
                        + "Turn it off when a second GET costs the instance more than reading the body whole costs "
                        + "the worker; the trade-off is measured in benchmarks/README.md.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Compare on arrival");
        def.define(
                HTTP_COMPRESSION,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether polls ask for a gzip-compressed answer (Accept-Encoding: gzip). The answer is "
                        + "decoded as it arrives, and "
                        + HTTP_MAX_RESPONSE_BYTES
                        + " applies to the decoded bytes as well as to the bytes received. Default true: an ingest "
                        + "queue's JSON compresses well, and an instance that ignores the header answers "
                        + "uncompressed as before. Turn it off where CPU is scarcer than bandwidth, e.g. instances "
                        + "on the worker's own network: decoding costs CPU on every poll (see docs/networks.md).",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Compression (gzip)");
        def.define(
                HTTP_RECEIVE_BUFFER_POOL_BYTES,
                Type.LONG,
                HTTP_RECEIVE_BUFFER_POOL_BYTES_DEFAULT,
                ConfigDef.Range.between(0L, 1024L * 1024 * 1024),
                Importance.LOW,
                "Most bytes of response buffers one task keeps between polls for reuse, so that reading "
                        + "a changed body does not allocate a fresh array each time. Buffers are sized to the "
                        + "bodies (plus an eighth), one per request in flight. Default 64 MiB. Lower it to cap the "
                        + "memory of a task that owns many large queues; raise it when the bodies in flight at "
                        + "once add up to more, since a body that does not fit the budget is read into a fresh "
                        + "buffer every time. 0 keeps no buffer.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Receive buffer pool (bytes)");
        def.define(
                BACKOFF_INITIAL_MS,
                Type.LONG,
                1_000L,
                ConfigDef.Range.atLeast(1L),
                Importance.LOW,
                "First wait after a failed poll of an instance, in milliseconds. It doubles with each "
                        + "consecutive failure (with jitter) up to "
                        + BACKOFF_MAX_MS
                        + "; a Retry-After header is honoured. Default 1000. Raise it to go easier on instances "
                        + "that fail under load.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Initial backoff (ms)");
        def.define(
                BACKOFF_MAX_MS,
                Type.LONG,
                120_000L,
                ConfigDef.Range.atLeast(1L),
                Importance.LOW,
                "Longest wait between polls of a failing instance, in milliseconds. Default 120000 (two "
                        + "minutes), the longest a recovered instance waits for its next poll. Lower it to notice "
                        + "recoveries sooner; raise it to leave a long-failing instance alone.",
                GROUP_POLLING,
                ++order,
                Width.SHORT,
                "Max backoff (ms)");
        order = 0;
        def.define(
                SSL_TRUSTSTORE_LOCATION,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "Truststore used to verify the instances' HTTPS certificates instead of the JVM's "
                        + "default CAs: PKCS12, JKS or PEM (see "
                        + SSL_TRUSTSTORE_TYPE
                        + "). Default empty: the JVM's default trust, enough for instances with publicly trusted "
                        + "certificates. Set it for a private CA or a self-signed instance.",
                GROUP_TLS,
                ++order,
                Width.LONG,
                "Truststore location");
        def.define(
                SSL_TRUSTSTORE_PASSWORD,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Password of the truststore; a PEM file needs none. Default empty. Pass it through a "
                        + "config provider (${file:...} or ${env:...}).",
                GROUP_TLS,
                ++order,
                Width.MEDIUM,
                "Truststore password");
        def.define(
                SSL_TRUSTSTORE_TYPE,
                Type.STRING,
                "PKCS12",
                ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", "PEM"),
                Importance.LOW,
                "Format of the truststore: PKCS12 (the default), JKS, or PEM (a file of one or more "
                        + "X.509 certificates). Change it to match the file in "
                        + SSL_TRUSTSTORE_LOCATION
                        + ".",
                GROUP_TLS,
                ++order,
                Width.SHORT,
                "Truststore type");
        def.define(
                SSL_KEYSTORE_LOCATION,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "Keystore holding the client certificate and its private key, for instances that require "
                        + "mutual TLS. PKCS12, JKS, or PEM: one file with the PKCS#8 private key (plain or "
                        + "encrypted) and the certificate chain, client certificate first. Used for every https:// "
                        + "instance without its own okast.instance.<id>.ssl.keystore.location. Default empty: no "
                        + "client certificate. Set it when the instances ask for one.",
                GROUP_TLS,
                ++order,
                Width.LONG,
                "Keystore location");
        def.define(
                SSL_KEYSTORE_PASSWORD,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Password of the keystore; a PEM file needs none. Default empty. Pass it through a "
                        + "config provider.",
                GROUP_TLS,
                ++order,
                Width.MEDIUM,
                "Keystore password");
        def.define(
                SSL_KEYSTORE_TYPE,
                Type.STRING,
                "PKCS12",
                ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", "PEM"),
                Importance.LOW,
                "Format of the keystore: PKCS12 (the default), JKS, or PEM. Change it to match the file "
                        + "in "
                        + SSL_KEYSTORE_LOCATION
                        + ".",
                GROUP_TLS,
                ++order,
                Width.SHORT,
                "Keystore type");
        def.define(
                SSL_KEY_PASSWORD,
                Type.PASSWORD,
                null,
                Importance.LOW,
                "Password of the private key in the keystore (for PEM: the password of an encrypted "
                        + "PKCS#8 key). Default empty: the keystore password is tried. Set it when the key's "
                        + "password differs from the keystore's; pass it through a config provider.",
                GROUP_TLS,
                ++order,
                Width.MEDIUM,
                "Key password");
        def.define(
                SSL_HOSTNAME_VERIFICATION,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether the instance's certificate must match its host name. Default true. Turning it "
                        + "off exposes the connection (and its credentials) to anyone who can present a trusted "
                        + "certificate; do it only for a test instance whose certificate names another host. It "
                        + "affects only this connector.",
                GROUP_TLS,
                ++order,
                Width.SHORT,
                "Verify host names");
        order = 0;
        def.define(
                HTTP_PROXY_URL,
                Type.STRING,
                "",
                new ProxyUrlValidator(false),
                Importance.MEDIUM,
                "HTTP proxy every request goes through, as http://host:port, e.g. http://proxy.corp.example:3128. "
                        + "https:// instances are reached through a CONNECT tunnel, so their credentials and data "
                        + "travel inside TLS end to end; http:// instances through the proxy as a forward proxy, "
                        + "which sees those requests in clear, so validation refuses an http:// instance (or token "
                        + "URL) with credentials on a proxied route. The validation probe and OAuth2 "
                        + "token requests take the same route. Default empty: direct connections; set it when "
                        + "the workers reach the instances only through a proxy (see docs/networks.md). The JVM's proxy "
                        + "properties (http.proxyHost, https.proxyHost, http.nonProxyHosts, "
                        + "java.net.useSystemProxies) are never used by this connector, whatever the worker sets, "
                        + "so only these keys decide the route; a task logs at start if they are set and ignored.",
                GROUP_PROXY,
                ++order,
                Width.LONG,
                "Proxy URL");
        def.define(
                HTTP_PROXY_USERNAME,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "User name for Basic authentication to the proxy, sent as Proxy-Authorization (on the "
                        + "CONNECT request only, for https:// instances). Default empty: no proxy authentication. "
                        + "Set it when the proxy answers 407.",
                GROUP_PROXY,
                ++order,
                Width.MEDIUM,
                "Proxy user name");
        def.define(
                HTTP_PROXY_PASSWORD,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Password for Basic authentication to the proxy. Default empty. Pass it through a config "
                        + "provider.",
                GROUP_PROXY,
                ++order,
                Width.MEDIUM,
                "Proxy password");
        def.define(
                HTTP_PROXY_BYPASS_HOSTS,
                Type.LIST,
                "",
                Importance.LOW,
                "Hosts reached directly although "
                        + HTTP_PROXY_URL
                        + " is set, comma-separated: exact host names or IP addresses (e.g. localhost,10.1.2.3), "
                        + "and domains written .example.com or *.example.com (any sub-domain of example.com). "
                        + "Applies to instances and token endpoints; an instance's own "
                        + "okast.instance.<id>.proxy.url overrides it. Default empty: every host through the "
                        + "proxy. List the instances on the workers' own network.",
                GROUP_PROXY,
                ++order,
                Width.LONG,
                "Bypass proxy for");
        order = 0;
        def.define(
                RECOVERY_BOOTSTRAP_SERVERS,
                Type.LIST,
                "",
                new BootstrapServersValidator(),
                Importance.MEDIUM,
                "Bootstrap servers of the Kafka cluster this connector writes to (Connect does not tell tasks its "
                        + "own). When set, a starting task reads back the events its instances wrote after their "
                        + "last committed offsets and resumes from what really reached the topic, so a worker crash "
                        + "without exactly-once neither loses (e.g. the REMOVED of an entry seen and purged "
                        + "meanwhile) nor re-labels a transition, and repeats only records written but not yet "
                        + "acknowledged at the crash. Events then carry the headers okast.key "
                        + "and okast.state, which the read-back needs (SMTs must keep them and the topic name). "
                        + "Consumer settings such as security go under the prefix " + RECOVERY_CONSUMER_PREFIX
                        + " (e.g. " + RECOVERY_CONSUMER_PREFIX + "security.protocol). Not needed with "
                        + "exactly.once.support=required. Default empty: a task resumes from its offsets alone. "
                        + "Set it when running without exactly-once (see docs/operations.md).",
                GROUP_RECOVERY,
                ++order,
                Width.LONG,
                "Read-back bootstrap servers");
        def.define(
                RECOVERY_TIMEOUT_MS,
                Type.LONG,
                60_000L,
                ConfigDef.Range.between(1_000L, 3_600_000L),
                Importance.LOW,
                "Longest a starting task spends reading back its events, in milliseconds. On timeout or "
                        + "error it logs a WARN and starts from its offsets alone (as without read-back). Default "
                        + "60000. Raise it when the read-back of a busy topic times out at start.",
                GROUP_RECOVERY,
                ++order,
                Width.SHORT,
                "Read-back timeout (ms)");
        defineState(def);
        def.defineInternal(TASK_INSTANCES, Type.LIST, "", Importance.LOW);
        return def;
    }

    private static void defineState(ConfigDef def) {
        int order = 0;
        def.define(
                STATE_BOOTSTRAP_SERVERS,
                Type.LIST,
                "",
                new BootstrapServersValidator(),
                Importance.HIGH,
                "Bootstrap servers of the Kafka cluster the worker writes to (Connect does not tell tasks its own), "
                        + "e.g. 'broker1:9092,broker2:9092'. Required: a starting task reads its instances' state "
                        + "back from the state topic there, and the connector creates that topic. Client settings "
                        + "such as security go under the prefix " + STATE_CLIENT_PREFIX + " (e.g. "
                        + STATE_CLIENT_PREFIX + "security.protocol); they are used by the connector's own admin "
                        + "client and consumer, never by the worker's producer.",
                GROUP_STATE,
                ++order,
                Width.LONG,
                "State bootstrap servers");
        def.define(
                STATE_TOPIC,
                Type.STRING,
                "",
                new TopicNameValidator(true),
                Importance.MEDIUM,
                "Compacted topic holding the last emitted state of every tracked entry, one record per entry, "
                        + "written by the tasks with their events (in the same transaction under exactly-once). "
                        + "Empty (the default): '<connector name>.okast-state'. Created with cleanup.policy=compact "
                        + "when missing; an existing topic must be compacted. Each instance's records go to one "
                        + "partition, chosen by its id. Give each connector its own (two connectors sharing an "
                        + "instance id must not share it); changing it on a running connector starts every instance "
                        + "from an empty state.",
                GROUP_STATE,
                ++order,
                Width.LONG,
                "State topic");
        def.define(
                STATE_TOPIC_PARTITIONS,
                Type.INT,
                12,
                ConfigDef.Range.between(1, 10_000),
                Importance.LOW,
                "Partitions of the state topic when the connector creates it (an existing topic keeps its own). "
                        + "A starting task reads the partitions of its instances only, so more partitions than "
                        + "tasks keeps each task's restore to about its own instances' state. Replication factor "
                        + "and other settings are the broker's defaults; create the topic yourself to choose them.",
                GROUP_STATE,
                ++order,
                Width.SHORT,
                "State topic partitions");
        def.define(
                STATE_RESTORE_TIMEOUT_MS,
                Type.LONG,
                300_000L,
                ConfigDef.Range.between(1_000L, 3_600_000L),
                Importance.LOW,
                "Longest a starting task spends creating or checking the state topic and reading its instances' "
                        + "state from it, in milliseconds. On timeout the task fails (it cannot know what it emitted "
                        + "before) and can be restarted; raise it for very large states on a slow cluster.",
                GROUP_STATE,
                ++order,
                Width.SHORT,
                "State restore timeout (ms)");
    }

    /** The full definition for the given instance ids: the base keys plus every per-instance key. */
    public static ConfigDef definition(List<String> ids) {
        ConfigDef def = baseDefinition();
        for (String id : ids) {
            String group = "Instance " + id;
            int order = 0;
            def.define(
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
                    group,
                    ++order,
                    Width.LONG,
                    "URL");
            def.define(
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
                    group,
                    ++order,
                    Width.SHORT,
                    "Auth type");
            def.define(
                    key(id, AUTH_USERNAME_SUFFIX),
                    Type.STRING,
                    null,
                    Importance.MEDIUM,
                    "User name for basic authentication to instance '" + id + "'; required with auth.type=basic.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "User name");
            def.define(
                    key(id, AUTH_PASSWORD_SUFFIX),
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "Password for basic authentication to instance '"
                            + id
                            + "'. Pass it through a config provider (${file:...} or ${env:...}) so Connect never "
                            + "stores or echoes the literal value.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "Password");
            def.define(
                    key(id, AUTH_TOKEN_SUFFIX),
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "Bearer token for instance '"
                            + id
                            + "', sent as 'Authorization: Bearer <token>'; required with auth.type=bearer. Pass it "
                            + "through a config provider.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "Bearer token");
            def.define(
                    key(id, AUTH_HEADER_NAME_SUFFIX),
                    Type.STRING,
                    null,
                    new HeaderNameValidator(),
                    Importance.MEDIUM,
                    "Name of the custom authentication header for instance '"
                            + id
                            + "', e.g. X-Api-Key; required with auth.type=header.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "Header name");
            def.define(
                    key(id, AUTH_HEADER_VALUE_SUFFIX),
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "Value of the custom authentication header for instance '"
                            + id
                            + "'. Pass it through a config provider.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "Header value");
            def.define(
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
                    group,
                    ++order,
                    Width.LONG,
                    "OAuth2 token URL");
            def.define(
                    key(id, AUTH_OAUTH2_CLIENT_ID_SUFFIX),
                    Type.STRING,
                    null,
                    Importance.MEDIUM,
                    "OAuth2 client id for instance '" + id + "'; required with auth.type=oauth2.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "OAuth2 client id");
            def.define(
                    key(id, AUTH_OAUTH2_CLIENT_SECRET_SUFFIX),
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "OAuth2 client secret for instance '"
                            + id
                            + "'; required with auth.type=oauth2. Pass it through a config provider.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "OAuth2 client secret");
            def.define(
                    key(id, AUTH_OAUTH2_SCOPE_SUFFIX),
                    Type.STRING,
                    null,
                    Importance.LOW,
                    "Scope(s) to request for instance '"
                            + id
                            + "', space-separated. Default empty: no scope parameter. Set it when the token endpoint "
                            + "requires one.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "OAuth2 scope");
            def.define(
                    key(id, AUTH_OAUTH2_AUDIENCE_SUFFIX),
                    Type.STRING,
                    null,
                    Importance.LOW,
                    "Audience parameter sent to the token endpoint for instance '"
                            + id
                            + "'. Default empty: none sent. Set it for providers that require one (e.g. Auth0).",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "OAuth2 audience");
            def.define(
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
                    group,
                    ++order,
                    Width.SHORT,
                    "OAuth2 client authentication");
            def.define(
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
                    group,
                    ++order,
                    Width.LONG,
                    "Keystore location");
            def.define(
                    key(id, SSL_KEYSTORE_PASSWORD_SUFFIX),
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "Password of instance '" + id + "''s keystore. Default empty. Pass it through a config provider.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "Keystore password");
            def.define(
                    key(id, SSL_KEYSTORE_TYPE_SUFFIX),
                    Type.STRING,
                    "PKCS12",
                    ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", "PEM"),
                    Importance.LOW,
                    "Format of instance '"
                            + id
                            + "''s keystore: PKCS12 (the default), JKS, or PEM. Change it to match the file.",
                    group,
                    ++order,
                    Width.SHORT,
                    "Keystore type");
            def.define(
                    key(id, SSL_KEY_PASSWORD_SUFFIX),
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "Password of the private key in instance '"
                            + id
                            + "''s keystore. Default empty: the keystore's password is tried. Set it when they differ; "
                            + "pass it through a config provider.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "Key password");
            def.define(
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
                    group,
                    ++order,
                    Width.LONG,
                    "Proxy URL");
            def.define(
                    key(id, PROXY_USERNAME_SUFFIX),
                    Type.STRING,
                    null,
                    Importance.LOW,
                    "User name for the proxy set in okast.instance."
                            + id
                            + ".proxy.url. Default empty: no proxy authentication.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "Proxy user name");
            def.define(
                    key(id, PROXY_PASSWORD_SUFFIX),
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "Password for the proxy set in okast.instance."
                            + id
                            + ".proxy.url. Pass it through a config provider.",
                    group,
                    ++order,
                    Width.MEDIUM,
                    "Proxy password");
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

    /**
     * Checks that involve more than one key, keyed by the config key to blame. Shared by the constructor and by
     * {@code Connector.validate} so that both report the same problem on the same key.
     */
    public static Map<String, String> crossFieldProblems(AbstractConfig config) {
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
        KeystoreSettings keystore = keystore(config, prefix);
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

    /** The keystore declared under {@code prefix}, or null when its location is empty. */
    private static KeystoreSettings keystore(AbstractConfig config, String prefix) {
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

    public static String key(String id, String suffix) {
        return INSTANCE_PREFIX + id + suffix;
    }

    public static String urlKey(String id) {
        return key(id, URL_SUFFIX);
    }

    private InstanceConfig instance(String id) {
        URI uri = StatusUris.resolve(getString(urlKey(id)), getString(STATUS_PATH));
        Credentials credentials = switch (AuthType.parse(getString(key(id, AUTH_TYPE_SUFFIX)))) {
            case NONE -> new Credentials.None();
            case BASIC ->
                new Credentials.Basic(
                        getString(key(id, AUTH_USERNAME_SUFFIX)), getPassword(key(id, AUTH_PASSWORD_SUFFIX)));
            case BEARER -> new Credentials.Bearer(getPassword(key(id, AUTH_TOKEN_SUFFIX)));
            case HEADER ->
                new Credentials.CustomHeader(
                        getString(key(id, AUTH_HEADER_NAME_SUFFIX)).trim(),
                        getPassword(key(id, AUTH_HEADER_VALUE_SUFFIX)));
            case OAUTH2 ->
                new Credentials.OAuth2(
                        URI.create(
                                getString(key(id, AUTH_OAUTH2_TOKEN_URL_SUFFIX)).trim()),
                        getString(key(id, AUTH_OAUTH2_CLIENT_ID_SUFFIX)).trim(),
                        getPassword(key(id, AUTH_OAUTH2_CLIENT_SECRET_SUFFIX)),
                        optional(getString(key(id, AUTH_OAUTH2_SCOPE_SUFFIX))),
                        optional(getString(key(id, AUTH_OAUTH2_AUDIENCE_SUFFIX))),
                        getString(key(id, AUTH_OAUTH2_CLIENT_AUTH_METHOD_SUFFIX))
                                .trim()
                                .equalsIgnoreCase("post"));
        };
        return new InstanceConfig(id, uri, credentials, proxyPolicy(this, id));
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The route of an instance's requests: its own proxy override, else the connector's proxy and bypass list. */
    private static ProxyPolicy proxyPolicy(AbstractConfig config, String id) {
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

    /**
     * A secret sent over plain HTTP through a proxy is readable by the proxy (and by anyone on its way): refused, on
     * the URL that would carry it. Connecting directly, or over https://, is the fix.
     */
    private static void cleartextSecretProblems(
            AbstractConfig config, String id, AuthType type, Map<String, String> problems) {
        ProxyPolicy policy;
        try {
            policy = proxyPolicy(config, id);
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
        return sslContext(keystore(this, "http"), SSL_KEYSTORE_LOCATION);
    }

    /**
     * The SSLContext of each instance with its own keystore (okast.instance.&lt;id&gt;.ssl.keystore.location), by
     * id; the others use {@link #sslContext()}.
     */
    public Map<String, javax.net.ssl.SSLContext> instanceSslContexts() {
        Map<String, javax.net.ssl.SSLContext> contexts = new LinkedHashMap<>();
        for (String id : getList(INSTANCES)) {
            KeystoreSettings own = keystore(this, INSTANCE_PREFIX + id);
            if (own != null) {
                contexts.put(id, sslContext(own, key(id, SSL_KEYSTORE_LOCATION_SUFFIX)));
            }
        }
        return contexts;
    }

    /** Whether instance {@code id} has a keystore of its own. */
    public boolean hasOwnKeystore(String id) {
        return keystore(this, INSTANCE_PREFIX + id) != null;
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
