package io.github.okastconnect.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's reference must be exactly what the ConfigDef says. To refresh it after changing a key:
 * {@code mvn -pl connector test -Dtest=ConfigurationReferenceTest -Dokast.docs.update=true}.
 */
class ConfigurationReferenceTest {
    private static final String START = "<!-- config-reference:start (generated from the ConfigDef; do not edit) -->\n";
    private static final String END = "<!-- config-reference:end -->";

    @Test
    void configurationReferenceMatchesTheConfigDef() throws Exception {
        Path page = Path.of("").toAbsolutePath().getParent().resolve("docs/configuration.md");
        String text = Files.readString(page);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, "docs/configuration.md lacks the config-reference markers");
        String current = text.substring(start + START.length(), end);
        String generated = ConfigReference.markdown();
        if (Boolean.getBoolean("okast.docs.update") && !current.equals(generated)) {
            Files.writeString(page, text.substring(0, start + START.length()) + generated + text.substring(end));
            return;
        }
        assertEquals(
                generated,
                current,
                "docs/configuration.md is stale: run mvn -pl connector test -Dtest=ConfigurationReferenceTest "
                        + "-Dokast.docs.update=true to regenerate it");
    }
}
