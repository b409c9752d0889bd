package io.github.okastconnect.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's package map must be what the main sources import. To refresh it after moving a type or
 * changing a package's imports: {@code mvn -pl connector test -Dtest=ArchitecturePackageMapTest
 * -Dokast.docs.update=true}.
 */
class ArchitecturePackageMapTest {
    private static final String START = "<!-- package-map:start (generated from connector/src/main; do not edit) -->\n";
    private static final String END = "<!-- package-map:end -->";

    @Test
    void architecturePackageMapMatchesTheSources() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path page = module.getParent().resolve("docs/architecture.md");
        String text = Files.readString(page);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, "docs/architecture.md lacks the package-map markers");
        String current = text.substring(start + START.length(), end);
        String generated = PackageMap.read(module.resolve("src/main/java")).markdown();
        if (Boolean.getBoolean("okast.docs.update") && !current.equals(generated)) {
            Files.writeString(page, text.substring(0, start + START.length()) + generated + text.substring(end));
            return;
        }
        assertEquals(
                generated,
                current,
                "docs/architecture.md's package map is stale: run mvn -pl connector test "
                        + "-Dtest=ArchitecturePackageMapTest -Dokast.docs.update=true to regenerate it");
    }
}
