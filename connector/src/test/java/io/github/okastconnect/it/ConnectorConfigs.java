package io.github.okastconnect.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Loads the connector JSON that users POST, from the repository's config/ folder. */
final class ConnectorConfigs {
    private ConnectorConfigs() {}

    static Path repoFile(String relative) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + here);
    }

    /** The "config" object of config/okast-source-connector.json. */
    static Map<String, String> shipped() {
        try {
            JsonNode root = new ObjectMapper()
                    .readTree(repoFile("config/okast-source-connector.json").toFile());
            return new HashMap<>(
                    new ObjectMapper().convertValue(root.get("config"), new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
