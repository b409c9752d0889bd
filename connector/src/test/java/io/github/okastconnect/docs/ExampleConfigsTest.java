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

    static Stream<Path> shippedConfigs() throws Exception {
        Path config = Path.of("").toAbsolutePath().getParent().resolve("config");
        try (Stream<Path> files = Files.list(config)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
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
                    && !key.startsWith("transforms")
                    && !key.startsWith("exactly.once")
                    && !key.startsWith("offsets.")) {
                unknown.add(key);
            }
            if (known != null
                    && known.type == ConfigDef.Type.PASSWORD
                    && !config.path(key).asText().startsWith("${")) {
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
