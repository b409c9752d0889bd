package io.github.okastconnect.config;

import static io.github.okastconnect.config.OkastSourceConfig.BACKOFF_INITIAL_MS;
import static io.github.okastconnect.config.OkastSourceConfig.BACKOFF_MAX_MS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_COMPARE_ON_ARRIVAL;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_COMPRESSION;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_CONDITIONAL_REQUESTS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_CONNECT_TIMEOUT_MS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_MAX_CONCURRENT_REQUESTS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_MAX_RESPONSE_BYTES;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_BYPASS_HOSTS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_PASSWORD;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_URL;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_PROXY_USERNAME;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_READ_TIMEOUT_MS;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_RECEIVE_BUFFER_POOL_BYTES;
import static io.github.okastconnect.config.OkastSourceConfig.HTTP_RECEIVE_BUFFER_POOL_BYTES_DEFAULT;
import static io.github.okastconnect.config.OkastSourceConfig.POLL_INTERVAL_MS;
import static io.github.okastconnect.config.OkastSourceConfig.POLL_LINGER_MS;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_HOSTNAME_VERIFICATION;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_LOCATION;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_PASSWORD;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEYSTORE_TYPE;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_KEY_PASSWORD;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_TRUSTSTORE_LOCATION;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_TRUSTSTORE_PASSWORD;
import static io.github.okastconnect.config.OkastSourceConfig.SSL_TRUSTSTORE_TYPE;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The connector-wide keys of its HTTP requests: polling, timeouts and limits, TLS, and the proxy. Groups are shown in
 * the order they are defined here.
 */
final class HttpKeys {
    private HttpKeys() {}

    static void define(ConfigDef def) {
        polling(def);
        tls(def);
        proxy(def);
    }

    /** The keys of polling and of the HTTP requests: intervals, timeouts, limits, backoff and request features. */
    private static void polling(ConfigDef def) {
        KeyGroup keys = new KeyGroup(def, "Polling and HTTP");
        keys.define(
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
                Width.SHORT,
                "Poll interval (ms)");
        keys.define(
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
                Width.SHORT,
                "Poll linger (ms)");
        keys.define(
                HTTP_CONNECT_TIMEOUT_MS,
                Type.INT,
                5_000,
                ConfigDef.Range.between(1, 600_000),
                Importance.LOW,
                "Timeout for opening a connection to an instance, in milliseconds. Default 5000. Raise "
                        + "it for instances behind slow or distant links; a timeout is a failed poll, retried with "
                        + "backoff.",
                Width.SHORT,
                "Connect timeout (ms)");
        keys.define(
                HTTP_READ_TIMEOUT_MS,
                Type.INT,
                30_000,
                ConfigDef.Range.between(1, 3_600_000),
                Importance.LOW,
                "Deadline for a whole response (headers and body) once the request is sent, in "
                        + "milliseconds. A body that trickles in slower than this is abandoned and counted as a "
                        + "failed poll (cause timeout). Default 30000. Raise it when large queues on slow links "
                        + "time out; lower it to notice a hung instance sooner.",
                Width.SHORT,
                "Read timeout (ms)");
        keys.define(
                HTTP_MAX_RESPONSE_BYTES,
                Type.LONG,
                HTTP_RECEIVE_BUFFER_POOL_BYTES_DEFAULT,
                ConfigDef.Range.atLeast(1024L),
                Importance.LOW,
                "Largest response body accepted, in bytes, whether received as is or decoded from gzip. "
                        + "A larger body is abandoned as soon as the cap is crossed and counted as a failed poll "
                        + "(cause too_large); the instance's state is left as it was. Default 64 MiB: far above a "
                        + "normal queue, it keeps a runaway or hostile answer from filling the worker's heap. "
                        + "Raise it only for an instance whose queue really is that large.",
                Width.SHORT,
                "Max response bytes");
        keys.define(
                HTTP_MAX_CONCURRENT_REQUESTS,
                Type.INT,
                32,
                ConfigDef.Range.between(1, 1024),
                Importance.LOW,
                "Most requests one task has in flight at once, over all its instances; each instance "
                        + "never has more than one. Default 32. Raise it when a task owns many slow instances and "
                        + "the poll-start-delay metrics show polls starting late; lower it to limit the "
                        + "connections and receive buffers a task holds.",
                Width.SHORT,
                "Max concurrent requests");
        keys.define(
                HTTP_CONDITIONAL_REQUESTS,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether polls send the ETag / Last-Modified of the last processed response back as "
                        + "If-None-Match / If-Modified-Since. An instance that supports them answers 304 to an "
                        + "unchanged queue and saves the transfer and the parsing; one that ignores them answers "
                        + "200 as usual. Default true. Turn it off only for a server or proxy that answers 304 "
                        + "wrongly.",
                Width.SHORT,
                "Conditional requests");
        keys.define(
                HTTP_COMPARE_ON_ARRIVAL,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether the body of an instance whose last poll changed nothing is compared "
                        + "with that body block by block (128 KiB) as it arrives, instead of being read whole into "
                        + "memory first. Default true: a quiet queue is checked without holding its body in "
                        + "memory. The price: a body of the same length that differs only after its first block "
                        + "has its earlier blocks dropped by then, so the body is fetched a second time (counted "
                        + "by the refetches-total metric), at most once each time a quiet queue starts changing. "
                        + "Turn it off when a second GET costs the instance more than reading the body whole costs "
                        + "the worker; the trade-off is measured in benchmarks/README.md.",
                Width.SHORT,
                "Compare on arrival");
        keys.define(
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
                Width.SHORT,
                "Compression (gzip)");
        keys.define(
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
                Width.SHORT,
                "Receive buffer pool (bytes)");
        keys.define(
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
                Width.SHORT,
                "Initial backoff (ms)");
        keys.define(
                BACKOFF_MAX_MS,
                Type.LONG,
                120_000L,
                ConfigDef.Range.atLeast(1L),
                Importance.LOW,
                "Longest wait between polls of a failing instance, in milliseconds. Default 120000 (two "
                        + "minutes), the longest a recovered instance waits for its next poll. Lower it to notice "
                        + "recoveries sooner; raise it to leave a long-failing instance alone.",
                Width.SHORT,
                "Max backoff (ms)");
    }

    /** The connector-wide TLS keys: the truststore, the client keystore and host-name verification. */
    private static void tls(ConfigDef def) {
        KeyGroup keys = new KeyGroup(def, "TLS");
        keys.define(
                SSL_TRUSTSTORE_LOCATION,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "Truststore used to verify the instances' HTTPS certificates instead of the JVM's "
                        + "default CAs: PKCS12, JKS or PEM (see "
                        + SSL_TRUSTSTORE_TYPE
                        + "). Default empty: the JVM's default trust, enough for instances with publicly trusted "
                        + "certificates. Set it for a private CA or a self-signed instance.",
                Width.LONG,
                "Truststore location");
        keys.define(
                SSL_TRUSTSTORE_PASSWORD,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Password of the truststore; a PEM file needs none. Default empty. Pass it through a "
                        + "config provider (${file:...} or ${env:...}).",
                Width.MEDIUM,
                "Truststore password");
        keys.define(
                SSL_TRUSTSTORE_TYPE,
                Type.STRING,
                "PKCS12",
                ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", "PEM"),
                Importance.LOW,
                "Format of the truststore: PKCS12 (the default), JKS, or PEM (a file of one or more "
                        + "X.509 certificates). Change it to match the file in "
                        + SSL_TRUSTSTORE_LOCATION
                        + ".",
                Width.SHORT,
                "Truststore type");
        keys.define(
                SSL_KEYSTORE_LOCATION,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "Keystore holding the client certificate and its private key, for instances that require "
                        + "mutual TLS. PKCS12, JKS, or PEM: one file with the PKCS#8 private key (plain or "
                        + "encrypted) and the certificate chain, client certificate first. Used for every https:// "
                        + "instance without its own okast.instance.<id>.ssl.keystore.location. Default empty: no "
                        + "client certificate. Set it when the instances ask for one.",
                Width.LONG,
                "Keystore location");
        keys.define(
                SSL_KEYSTORE_PASSWORD,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Password of the keystore; a PEM file needs none. Default empty. Pass it through a "
                        + "config provider.",
                Width.MEDIUM,
                "Keystore password");
        keys.define(
                SSL_KEYSTORE_TYPE,
                Type.STRING,
                "PKCS12",
                ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", "PEM"),
                Importance.LOW,
                "Format of the keystore: PKCS12 (the default), JKS, or PEM. Change it to match the file "
                        + "in "
                        + SSL_KEYSTORE_LOCATION
                        + ".",
                Width.SHORT,
                "Keystore type");
        keys.define(
                SSL_KEY_PASSWORD,
                Type.PASSWORD,
                null,
                Importance.LOW,
                "Password of the private key in the keystore (for PEM: the password of an encrypted "
                        + "PKCS#8 key). Default empty: the keystore password is tried. Set it when the key's "
                        + "password differs from the keystore's; pass it through a config provider.",
                Width.MEDIUM,
                "Key password");
        keys.define(
                SSL_HOSTNAME_VERIFICATION,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether the instance's certificate must match its host name. Default true. Turning it "
                        + "off exposes the connection (and its credentials) to anyone who can present a trusted "
                        + "certificate; do it only for a test instance whose certificate names another host. It "
                        + "affects only this connector.",
                Width.SHORT,
                "Verify host names");
    }

    /** The connector-wide HTTP proxy keys. */
    private static void proxy(ConfigDef def) {
        KeyGroup keys = new KeyGroup(def, "Proxy");
        keys.define(
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
                Width.LONG,
                "Proxy URL");
        keys.define(
                HTTP_PROXY_USERNAME,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "User name for Basic authentication to the proxy, sent as Proxy-Authorization (on the "
                        + "CONNECT request only, for https:// instances). Default empty: no proxy authentication. "
                        + "Set it when the proxy answers 407.",
                Width.MEDIUM,
                "Proxy user name");
        keys.define(
                HTTP_PROXY_PASSWORD,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Password for Basic authentication to the proxy. Default empty. Pass it through a config "
                        + "provider.",
                Width.MEDIUM,
                "Proxy password");
        keys.define(
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
                Width.LONG,
                "Bypass proxy for");
    }
}
