package io.github.okastconnect.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The connector's package map, read from its main sources: each package under {@code io.github.okastconnect}, the
 * types it holds and the packages it uses (imports, static imports and fully qualified names outside string literals), rendered as a Mermaid
 * graph and a table for docs/architecture.md. Packages are listed dependencies first; package cycles, if any, are
 * named.
 */
record PackageMap(Map<String, Set<String>> types, Map<String, Set<String>> uses) {
    static final String BASE = "io.github.okastconnect";
    static final String ROOT = "(root)";
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern REFERENCE =
            Pattern.compile("\\bio\\.github\\.okastconnect\\.([a-z][a-z0-9_]*|[A-Z]\\w*)");

    static PackageMap read(Path sourceRoot) throws IOException {
        Path base = sourceRoot.resolve(BASE.replace('.', '/'));
        Map<String, Set<String>> types = new TreeMap<>();
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(base)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".java", "");
            Path dir = base.relativize(file.getParent());
            String pkg = dir.toString().isEmpty() ? ROOT : dir.toString().replace('/', '.');
            Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
            if (!name.equals("package-info")) {
                types.computeIfAbsent(pkg, p -> new TreeSet<>()).add(name);
            }
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("package ")) {
                    continue;
                }
                Matcher m = REFERENCE.matcher(STRING_LITERAL.matcher(line).replaceAll("\"\""));
                while (m.find()) {
                    String target = Character.isUpperCase(m.group(1).charAt(0)) ? ROOT : m.group(1);
                    if (!target.equals(pkg)) {
                        used.add(target);
                    }
                }
            }
        }
        return new PackageMap(types, uses);
    }

    /** Packages with their dependencies first; ties, and packages caught in a cycle, in alphabetical order. */
    List<String> order() {
        List<String> out = new ArrayList<>();
        Set<String> left = new TreeSet<>(types.keySet());
        while (!left.isEmpty()) {
            String next = left.stream()
                    .filter(p -> out.containsAll(uses.getOrDefault(p, Set.of()).stream()
                            .filter(types::containsKey)
                            .toList()))
                    .findFirst()
                    .orElse(left.iterator().next());
            out.add(next);
            left.remove(next);
        }
        return out;
    }

    /** Groups of packages that use each other, directly or not (strongly connected, more than one package). */
    List<Set<String>> cycles() {
        List<Set<String>> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String p : types.keySet()) {
            if (seen.contains(p)) {
                continue;
            }
            Set<String> group = new TreeSet<>();
            for (String q : types.keySet()) {
                if (reaches(p, q) && reaches(q, p)) {
                    group.add(q);
                }
            }
            seen.addAll(group);
            if (group.size() > 1) {
                out.add(group);
            }
        }
        return out;
    }

    private boolean reaches(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        Set<String> visited = new TreeSet<>();
        List<String> stack = new ArrayList<>(List.of(from));
        while (!stack.isEmpty()) {
            String p = stack.remove(stack.size() - 1);
            for (String q : uses.getOrDefault(p, Set.of())) {
                if (q.equals(to)) {
                    return true;
                }
                if (visited.add(q)) {
                    stack.add(q);
                }
            }
        }
        return false;
    }

    String markdown() {
        List<String> order = order();
        StringBuilder out = new StringBuilder("```mermaid\nflowchart TD\n");
        for (String p : order) {
            for (String q : uses.getOrDefault(p, Set.of())) {
                out.append("  ").append(node(p)).append(" --> ").append(node(q)).append('\n');
            }
        }
        out.append("```\n\n| Package | Types | Uses |\n|---|---|---|\n");
        for (String p : order) {
            out.append("| `")
                    .append(p)
                    .append("` | ")
                    .append(String.join(", ", types.get(p)))
                    .append(" | ")
                    .append(uses.getOrDefault(p, Set.of()).stream()
                            .map(q -> "`" + q + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        List<Set<String>> cycles = cycles();
        out.append("\nPackage cycles: ")
                .append(
                        cycles.isEmpty()
                                ? "none"
                                : cycles.stream()
                                        .map(c -> String.join(" ↔ ", c))
                                        .collect(Collectors.joining("; ")))
                .append(".\n");
        return out.toString();
    }

    private static String node(String pkg) {
        return pkg.equals(ROOT) ? "root[\"(root)\"]" : pkg.replace('.', '_') + "[" + pkg + "]";
    }
}
