package io.github.okastconnect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.OkastSourceConnector;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class OkastSourceConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("okast.instances", "paris,lyon");
        props.put("validation.probe.enabled", "false");
        props.put("state.bootstrap.servers", "127.0.0.1:9092");
        props.put("okast.instance.paris.url", "https://paris.example.com");
        props.put(
                "okast.instance.lyon.url",
                "http://lyon.example.com:8080/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php");
        return props;
    }

    /** Errors reported by Connector.validate, by key. */
    private static Map<String, List<String>> errors(Map<String, String> props) {
        return new OkastSourceConnector()
                .validate(props).configValues().stream()
                        .filter(v -> !v.errorMessages().isEmpty())
                        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void defaultsAndStatusPathResolution() {
        OkastSourceConfig config = new OkastSourceConfig(minimal());
        assertEquals(2, config.instances().size());
        assertEquals(
                URI.create("https://paris.example.com/synthesia/okast-channels/playlist/manager/php/"
                        + "_getIngestStatus.php"),
                config.instances().get(0).statusUri());
        assertEquals(
                URI.create("http://lyon.example.com:8080/synthesia/okast-channels/playlist/manager/php/"
                        + "_getIngestStatus.php"),
                config.instances().get(1).statusUri());
        assertInstanceOf(Credentials.None.class, config.instances().get(0).credentials());
        assertEquals("okast.ingest.lifecycle", config.topic());
        assertEquals(5000, config.pollInterval().toMillis());
        assertEquals(RemovalMode.EVENT, config.removalMode());
        assertEquals("UTC", config.timestampZone().getId());
        assertTrue(config.conditionalRequests());
        assertTrue(config.compareOnArrival());
    }

    @Test
    void compareOnArrivalCanBeTurnedOffAndANonBooleanIsRefusedOnItsKey() {
        Map<String, String> props = minimal();
        props.put(OkastSourceConfig.HTTP_COMPARE_ON_ARRIVAL, "false");
        assertFalse(new OkastSourceConfig(props).compareOnArrival());
        props.put(OkastSourceConfig.HTTP_COMPARE_ON_ARRIVAL, "sometimes");
        org.apache.kafka.common.config.ConfigException e =
                assertThrows(org.apache.kafka.common.config.ConfigException.class, () -> new OkastSourceConfig(props));
        assertTrue(e.getMessage().contains(OkastSourceConfig.HTTP_COMPARE_ON_ARRIVAL), e.getMessage());
    }

    @Test
    void pollLingerDefaultsTo20MsAndANegativeValueIsRefusedOnItsKey() {
        Map<String, String> props = minimal();
        assertEquals(java.time.Duration.ofMillis(20), new OkastSourceConfig(props).pollLinger());
        props.put(OkastSourceConfig.POLL_LINGER_MS, "0");
        assertEquals(java.time.Duration.ZERO, new OkastSourceConfig(props).pollLinger());
        props.put(OkastSourceConfig.POLL_LINGER_MS, "-1");
        assertTrue(
                errors(props).containsKey(OkastSourceConfig.POLL_LINGER_MS),
                errors(props).toString());
    }

    @Test
    void aConnectorProxyAppliesToEveryInstanceExceptBypassedHostsAndInstanceOverrides() {
        Map<String, String> props = minimal();
        props.put("okast.instances", "paris,lyon,nice,lille");
        props.put("okast.instance.nice.url", "https://nice.internal.example.com");
        props.put("okast.instance.lille.url", "https://lille.example.com");
        props.put(OkastSourceConfig.HTTP_PROXY_URL, "http://proxy.corp.example:3128");
        props.put(OkastSourceConfig.HTTP_PROXY_USERNAME, "connect");
        props.put(OkastSourceConfig.HTTP_PROXY_PASSWORD, "pr0xy-s3cret");
        props.put(OkastSourceConfig.HTTP_PROXY_BYPASS_HOSTS, "*.internal.example.com, localhost");
        props.put("okast.instance.lyon.proxy.url", "none");
        props.put("okast.instance.lille.proxy.url", "http://other-proxy:8080");
        OkastSourceConfig config = new OkastSourceConfig(props);
        Map<String, InstanceConfig> byId =
                config.instances().stream().collect(Collectors.toMap(InstanceConfig::id, i -> i));
        ProxyEndpoint paris =
                byId.get("paris").proxy().forHost("paris.example.com").orElseThrow();
        assertEquals("proxy.corp.example:3128", paris.address());
        assertEquals(OkastSourceConfig.HTTP_PROXY_URL, paris.urlKey());
        assertEquals(
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        "connect:pr0xy-s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                paris.authorization().orElseThrow().value());
        assertTrue(byId.get("lyon").proxy().forHost("lyon.example.com").isEmpty(), "'none' connects directly");
        assertTrue(byId.get("nice").proxy().forHost("nice.internal.example.com").isEmpty(), "bypassed domain");
        assertTrue(byId.get("paris").proxy().forHost("localhost").isEmpty(), "bypassed host");
        assertTrue(
                byId.get("paris").proxy().forHost("internal.example.com").isPresent(),
                "*.domain matches sub-domains only");
        ProxyEndpoint lille =
                byId.get("lille").proxy().forHost("lille.example.com").orElseThrow();
        assertEquals("other-proxy:8080", lille.address());
        assertEquals("okast.instance.lille.proxy.url", lille.urlKey());
        assertTrue(lille.authorization().isEmpty(), "an instance's proxy does not inherit the connector's password");
        assertFalse(config.instances().toString().contains("pr0xy-s3cret"));
        List<ConfigValue> values = new OkastSourceConnector().validate(props).configValues();
        assertFalse(values.toString().contains("pr0xy-s3cret"), "validate output");
        assertEquals(
                ConfigDef.Type.PASSWORD,
                OkastSourceConfig.definition(List.of("lille"))
                        .configKeys()
                        .get("okast.instance.lille.proxy.password")
                        .type);
    }

    @Test
    void proxyMistakesAreRefusedOnTheKeyToFix() {
        Map<String, String> props = minimal();
        props.put(OkastSourceConfig.HTTP_PROXY_URL, "https://proxy:3128");
        assertTrue(
                errors(props).get(OkastSourceConfig.HTTP_PROXY_URL).get(0).contains("TLS to the proxy"),
                errors(props).toString());
        props.put(OkastSourceConfig.HTTP_PROXY_URL, "http://user:pw-in-url@proxy:3128");
        String message = errors(props).get(OkastSourceConfig.HTTP_PROXY_URL).get(0);
        assertTrue(message.contains("credentials in the proxy URL"), message);
        assertFalse(message.contains("pw-in-url"), message);
        props.put(OkastSourceConfig.HTTP_PROXY_URL, "socks5://proxy:1080");
        assertTrue(errors(props).containsKey(OkastSourceConfig.HTTP_PROXY_URL));
        props.put(OkastSourceConfig.HTTP_PROXY_URL, "none");
        assertTrue(errors(props).containsKey(OkastSourceConfig.HTTP_PROXY_URL), "'none' is for instances only");
        props.remove(OkastSourceConfig.HTTP_PROXY_URL);
        props.put(OkastSourceConfig.HTTP_PROXY_PASSWORD, "pw");
        assertTrue(
                errors(props).get(OkastSourceConfig.HTTP_PROXY_PASSWORD).get(0).contains("names no proxy"),
                errors(props).toString());
        props.put(OkastSourceConfig.HTTP_PROXY_URL, "http://proxy:3128");
        assertTrue(
                errors(props).get(OkastSourceConfig.HTTP_PROXY_USERNAME).get(0).contains("is required"),
                errors(props).toString());
        props.put("okast.instance.paris.proxy.url", "http://proxy2/some/path");
        assertTrue(
                errors(props).containsKey("okast.instance.paris.proxy.url"),
                errors(props).toString());
    }

    @Test
    void secretsThatWouldCrossAProxyInClearAreRefusedOnTheUrlThatCarriesThem() {
        Map<String, String> props = minimal(); // lyon is http://, paris https://
        props.put(OkastSourceConfig.HTTP_PROXY_URL, "http://proxy:3128");
        props.put("okast.instance.lyon.auth.type", "bearer");
        props.put("okast.instance.lyon.auth.token", "t0ken-in-clear");
        String message = errors(props).get("okast.instance.lyon.url").get(0);
        assertTrue(message.contains("in clear") && message.contains("proxy.url=none"), message);
        assertFalse(message.contains("t0ken-in-clear"), message);

        props.put(OkastSourceConfig.HTTP_PROXY_BYPASS_HOSTS, "lyon.example.com");
        assertEquals(Map.of(), errors(props), "a bypassed host is reached directly");
        props.remove(OkastSourceConfig.HTTP_PROXY_BYPASS_HOSTS);
        props.put("okast.instance.lyon.proxy.url", "none");
        assertEquals(Map.of(), errors(props), "so is an instance set to 'none'");

        props.put("okast.instance.paris.auth.type", "oauth2");
        props.put("okast.instance.paris.auth.oauth2.token.url", "http://login.example.com/token");
        props.put("okast.instance.paris.auth.oauth2.client.id", "connect");
        props.put("okast.instance.paris.auth.oauth2.client.secret", "cl1ent-s3cret");
        message =
                errors(props).get("okast.instance.paris.auth.oauth2.token.url").get(0);
        assertTrue(message.contains("client secret") && message.contains("in clear"), message);
        props.put("okast.instance.paris.auth.oauth2.token.url", "https://login.example.com/token");
        assertEquals(Map.of(), errors(props));
        Credentials.OAuth2 oauth = assertInstanceOf(
                Credentials.OAuth2.class,
                new OkastSourceConfig(props).instances().get(0).credentials());
        assertEquals("connect", oauth.clientId());
        assertFalse(oauth.postClientSecret());
        assertFalse(oauth.toString().contains("cl1ent-s3cret"), oauth.toString());
    }

    @Test
    void oauth2NeedsItsTokenUrlClientIdAndSecret() {
        Map<String, String> props = minimal();
        props.put("okast.instance.paris.auth.type", "oauth2");
        Map<String, List<String>> errors = errors(props);
        assertTrue(errors.containsKey("okast.instance.paris.auth.oauth2.token.url"), errors.toString());
        assertTrue(errors.containsKey("okast.instance.paris.auth.oauth2.client.id"), errors.toString());
        assertTrue(errors.containsKey("okast.instance.paris.auth.oauth2.client.secret"), errors.toString());
        props.put("okast.instance.paris.auth.oauth2.token.url", "ftp://login.example.com/token");
        assertTrue(errors(props).containsKey("okast.instance.paris.auth.oauth2.token.url"));
        props.put("okast.instance.paris.auth.oauth2.client.auth.method", "jwt");
        assertTrue(errors(props).containsKey("okast.instance.paris.auth.oauth2.client.auth.method"));
    }

    @Test
    void compressionIsOnByDefault() {
        Map<String, String> props = minimal();
        assertTrue(new OkastSourceConfig(props).compression());
        props.put(OkastSourceConfig.HTTP_COMPRESSION, "false");
        assertFalse(new OkastSourceConfig(props).compression());
    }

    @Test
    void everyKeyIsDocumented() {
        ConfigDef def = OkastSourceConfig.definition(List.of("paris"));
        def.configKeys().values().stream()
                .filter(k -> !k.internalConfig)
                .forEach(k -> assertTrue(
                        k.documentation != null && k.documentation.length() > 20, k.name + " has no documentation"));
    }

    @Test
    void secretsArePasswordTypedAndHiddenInValidateOutput() {
        Map<String, String> props = minimal();
        props.put("okast.instance.paris.auth.type", "basic");
        props.put("okast.instance.paris.auth.username", "ops");
        props.put("okast.instance.paris.auth.password", "s3cr3t-basic");
        props.put("okast.instance.lyon.auth.type", "bearer");
        props.put("okast.instance.lyon.auth.token", "s3cr3t-token");
        props.put("recovery.bootstrap.servers", "broker:9093");
        props.put(
                "recovery.consumer.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"okast\" password=\"s3cr3t-sasl\";");
        List<ConfigValue> values = new OkastSourceConnector().validate(props).configValues();
        assertTrue(values.stream().allMatch(v -> v.errorMessages().isEmpty()), values.toString());
        String rendered = values.toString();
        assertFalse(rendered.contains("s3cr3t"), rendered);
        OkastSourceConfig config = new OkastSourceConfig(props);
        Credentials.Basic basic = assertInstanceOf(
                Credentials.Basic.class, config.instances().get(0).credentials());
        assertEquals("s3cr3t-basic", basic.password().value());
        assertFalse(basic.toString().contains("s3cr3t"));
        assertFalse(config.instances().toString().contains("s3cr3t"));
        assertFalse(basic.header().orElseThrow().toString().contains("s3cr3t"));
        assertFalse(config.toString().contains("s3cr3t"), "the read-back's consumer settings are not rendered");
    }

    @Test
    void validationNamesTheFaultyKey() {
        Map<String, String> props = minimal();
        props.put("okast.instance.paris.url", "ftp://paris.example.com");
        props.put("okast.instance.lyon.auth.type", "kerberos");
        props.put("poll.interval.ms", "10");
        props.put("timestamp.zone", "Mars/Olympus");
        props.put("topic", "bad topic!");
        props.put("recovery.bootstrap.servers", "localhost:9092,broker-without-port");
        Map<String, List<String>> errors = errors(props);
        assertTrue(errors.get("recovery.bootstrap.servers").get(0).contains("host:port"), errors.toString());
        assertTrue(errors.get("okast.instance.paris.url").get(0).contains("http"), errors.toString());
        assertTrue(errors.containsKey("okast.instance.lyon.auth.type"));
        assertTrue(errors.containsKey("poll.interval.ms"));
        assertTrue(errors.containsKey("timestamp.zone"));
        assertTrue(errors.containsKey("topic"));
    }

    @Test
    void readBackIsOffByDefaultAndTakesConsumerSettingsUnderItsPrefix() {
        assertEquals(List.of(), new OkastSourceConfig(minimal()).recoveryBootstrapServers());
        Map<String, String> props = minimal();
        props.put("recovery.bootstrap.servers", "broker1:9092, broker2:9093");
        props.put("recovery.consumer.security.protocol", "SSL");
        OkastSourceConfig config = new OkastSourceConfig(props);
        assertEquals(List.of("broker1:9092", "broker2:9093"), config.recoveryBootstrapServers());
        assertEquals(Map.of("security.protocol", "SSL"), config.recoveryConsumerSettings());
        assertTrue(errors(props).isEmpty(), errors(props).toString());
    }

    @Test
    void missingUrlAndMissingCredentialsAreReportedOnTheirKeys() {
        Map<String, String> props = minimal();
        props.remove("okast.instance.lyon.url");
        assertTrue(errors(props).containsKey("okast.instance.lyon.url"));

        Map<String, String> basicWithoutPassword = minimal();
        basicWithoutPassword.put("okast.instance.paris.auth.type", "basic");
        basicWithoutPassword.put("okast.instance.paris.auth.username", "ops");
        Map<String, List<String>> errors = errors(basicWithoutPassword);
        assertEquals(List.of("okast.instance.paris.auth.password"), List.copyOf(errors.keySet()));
        ConfigException e = assertThrows(ConfigException.class, () -> new OkastSourceConfig(basicWithoutPassword));
        assertTrue(e.getMessage().contains("okast.instance.paris.auth.password"), e.getMessage());
    }

    @Test
    void instanceIdsMustBeValidAndUnique() {
        Map<String, String> dup = minimal();
        dup.put("okast.instances", "paris,paris");
        assertTrue(errors(dup).get("okast.instances").get(0).contains("twice"));
        Map<String, String> bad = minimal();
        bad.put("okast.instances", "paris,ly on");
        assertTrue(errors(bad).containsKey("okast.instances"));
        Map<String, String> none = minimal();
        none.put("okast.instances", "");
        assertTrue(errors(none).containsKey("okast.instances"));
    }

    @Test
    void urlsWithCredentialsAreRefusedWithoutEchoingThem() {
        Map<String, String> props = minimal();
        props.put("okast.instance.paris.url", "https://ops:hunter2@paris.example.com");
        List<String> messages = errors(props).get("okast.instance.paris.url");
        assertTrue(messages.get(0).contains("credentials in the URL"), messages.toString());
        assertFalse(messages.toString().contains("hunter2"));
    }

    @Test
    void backoffMaxMustNotBeBelowInitial() {
        Map<String, String> props = minimal();
        props.put("backoff.initial.ms", "5000");
        props.put("backoff.max.ms", "1000");
        assertTrue(errors(props).containsKey("backoff.max.ms"));
    }

    @Test
    void tasksSplitInstancesSoEachHasExactlyOneOwner() {
        Map<String, String> props = minimal();
        props.put("okast.instances", "a,b,c,d,e");
        for (String id : List.of("a", "b", "c", "d", "e")) {
            props.put("okast.instance." + id + ".url", "http://" + id + ".example.com");
        }
        OkastSourceConnector connector = new OkastSourceConnector();
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(3);
        assertEquals(3, configs.size());
        List<String> owned = configs.stream()
                .flatMap(c -> new OkastSourceConfig(c).taskInstances().stream().map(InstanceConfig::id))
                .sorted()
                .toList();
        assertEquals(List.of("a", "b", "c", "d", "e"), owned);
        assertEquals(5, connector.taskConfigs(10).size());
    }
}
