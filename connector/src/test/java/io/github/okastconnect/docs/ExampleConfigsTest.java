package io.github.okastconnect.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.config.OkastSourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connector configs shipped under config/ are what users copy: every key in them must be one the connector (or
 * Connect itself) knows, and every secret must come through a config provider, never as a literal.
 */
class ExampleConfigsTest {
    private static final Set<String> CONNECT_KEYS = Set.of(
            "connector.class",
            "tasks.max",
            "key.converter",
            "key.converter.schemas.enable",
            "value.converter",
            "value.converter.schemas.enable");

    /** Apicurio's converter settings that hold secrets (registry credentials). */
    private static final Set<String> APICURIO_SECRETS = Set.of("apicurio.auth.password", "apicurio.auth.client.secret");

    /**
     * Whether {@code key} is a setting of an Apicurio converter named by the config (key.converter.X or
     * value.converter.X), X being one of the keys Apicurio's serdes define (SerdeConfig's constants).
     */
    private static boolean isApicurioConverterSetting(JsonNode config, String key) {
        for (String side : List.of("key.converter", "value.converter")) {
            if (key.startsWith(side + ".")
                    && config.path(side).asText().startsWith("io.apicurio.registry.utils.converter.")) {
                return APICURIO_KEYS.contains(key.substring(side.length() + 1));
            }
        }
        return false;
    }

    private static final Set<String> APICURIO_KEYS = apicurioKeys();

    private static Set<String> apicurioKeys() {
        Set<String> keys = new java.util.HashSet<>();
        for (java.lang.reflect.Field f : io.apicurio.registry.serde.SerdeConfig.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())
                    && f.getType() == String.class
                    && !f.getName().endsWith("_DEFAULT")) {
                try {
                    keys.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    static Stream<Path> shippedConfigs() throws Exception {
        Path config = Path.of("").toAbsolutePath().getParent().resolve("config");
        try (Stream<Path> files = Files.list(config)) {
            // Grafana dashboards (docs/monitoring.md) are JSON too, but not connector configs.
            return files
                    .filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith("-dashboard.json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void everyKeyIsKnownAndEverySecretComesFromAConfigProvider(Path file) throws Exception {
        JsonNode config = new ObjectMapper().readTree(file.toFile()).path("config");
        assertTrue(config.size() > 0, file + " has a config object");
        List<String> ids = OkastSourceConfig.instanceIds(java.util.Map.of(
                OkastSourceConfig.INSTANCES,
                config.path(OkastSourceConfig.INSTANCES).asText()));
        ConfigDef definition = OkastSourceConfig.definition(ids);
        List<String> unknown = new ArrayList<>();
        List<String> literalSecrets = new ArrayList<>();
        config.fieldNames().forEachRemaining(key -> {
            ConfigDef.ConfigKey known = definition.configKeys().get(key);
            if (known == null
                    && !CONNECT_KEYS.contains(key)
                    && !isApicurioConverterSetting(config, key)
                    && !key.startsWith("transforms")
                    && !key.startsWith("exactly.once")
                    && !key.startsWith("offsets.")) {
                unknown.add(key);
            }
            boolean secret = (known != null && known.type == ConfigDef.Type.PASSWORD)
                    || APICURIO_SECRETS.stream().anyMatch(key::endsWith);
            if (secret && !config.path(key).asText().startsWith("${")) {
                literalSecrets.add(key);
            }
        });
        assertEquals(List.of(), unknown, file + ": keys the connector does not define");
        // The quickstart's template holds the local simulator's demo password, which protects nothing.
        if (!file.getFileName().toString().startsWith("quickstart-")) {
            assertEquals(List.of(), literalSecrets, file + ": secrets not taken from a config provider");
        }
    }
}
