package io.github.okastconnect.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageMapTest {
    @TempDir
    Path src;

    private void write(String path, String text) throws Exception {
        Path file = src.resolve("io/github/okastconnect").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsImportsStaticImportsAndQualifiedNamesAndOrdersDependenciesFirst() throws Exception {
        write("Main.java", "package io.github.okastconnect;\nimport io.github.okastconnect.b.B;\nclass Main {}\n");
        write(
                "b/B.java",
                "package io.github.okastconnect.b;\nimport static io.github.okastconnect.a.A.X;\nclass B {}\n");
        write("a/A.java", "package io.github.okastconnect.a;\nclass A { io.github.okastconnect.c.C c; }\n");
        write(
                "c/C.java",
                "package io.github.okastconnect.c;\nclass C { String s = \"io.github.okastconnect.Name\"; }\n");
        PackageMap map = PackageMap.read(src);
        assertEquals(Set.of("b"), map.uses().get(PackageMap.ROOT));
        assertEquals(Set.of("a"), map.uses().get("b"));
        assertEquals(Set.of("c"), map.uses().get("a"));
        assertEquals(Set.of(), map.uses().get("c"), "a name in a string literal is no use of a package");
        assertEquals(List.of("c", "a", "b", PackageMap.ROOT), map.order());
        assertEquals(List.of(), map.cycles());
        assertTrue(map.markdown().contains("Package cycles: none."), map.markdown());
    }

    @Test
    void namesPackagesThatUseEachOther() throws Exception {
        write("a/A.java", "package io.github.okastconnect.a;\nimport io.github.okastconnect.b.B;\nclass A {}\n");
        write("b/B.java", "package io.github.okastconnect.b;\nimport io.github.okastconnect.c.C;\nclass B {}\n");
        write("c/C.java", "package io.github.okastconnect.c;\nimport io.github.okastconnect.a.A;\nclass C {}\n");
        write("d/D.java", "package io.github.okastconnect.d;\nimport io.github.okastconnect.a.A;\nclass D {}\n");
        PackageMap map = PackageMap.read(src);
        assertEquals(List.of(Set.of("a", "b", "c")), map.cycles());
        assertTrue(map.markdown().contains("Package cycles: a ↔ b ↔ c."), map.markdown());
    }
}
