package io.github.okastconnect.it.ecosystem;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/recipes.md, read the way a user reads it: the fenced code blocks under each "###" heading. The recipes IT
 * runs the ```json blocks as connector config, so the page cannot drift from what is tested.
 */
final class RecipesPage {
    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** A fenced block: the heading it sits under, its language tag, its text. */
    record Block(String heading, String language, String text) {
        /** The block as a connector config fragment; every value must be a JSON string. */
        Map<String, String> config() {
            try {
                return STRICT.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {});
            } catch (IOException e) {
                throw new IllegalStateException("recipe '" + heading + "' is not a JSON object of strings", e);
            }
        }
    }

    private final List<Block> blocks;

    private RecipesPage(List<Block> blocks) {
        this.blocks = blocks;
    }

    static Path repoFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }

    static RecipesPage load() {
        try {
            return parse(Files.readAllLines(repoFile("docs/recipes.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecipesPage parse(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String heading = null;
        String language = null;
        StringBuilder text = null;
        for (String line : lines) {
            if (text != null) {
                if (line.equals("```")) {
                    blocks.add(new Block(heading, language, text.toString()));
                    text = null;
                } else {
                    text.append(line).append('\n');
                }
            } else if (line.startsWith("```")) {
                language = line.substring(3).trim();
                text = new StringBuilder();
            } else if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "");
            }
        }
        if (text != null) {
            throw new IllegalStateException("unclosed code block under '" + heading + "'");
        }
        return new RecipesPage(blocks);
    }

    List<Block> blocks() {
        return blocks;
    }

    List<Block> blocks(String language) {
        return blocks.stream().filter(b -> b.language().equals(language)).toList();
    }
}
