package io.github.okastconnect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The targets a part of the run checked, each with its figure and verdict, kept in {@code results/targets-PART.tsv}
 * so that the summary ({@code latest.md}) can put every target of the run in one table.
 */
public final class Targets {
    /** Parts in the order the summary lists them. */
    public static final List<String> PARTS = List.of("worker", "jmh", "heap", "gzip");

    /** @param met null when the figure is reported against no limit */
    public record Row(String target, String figure, Boolean met) {}

    private Targets() {}

    public static void write(Path results, String part, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            out.append(clean(r.target()))
                    .append('\t')
                    .append(clean(r.figure()))
                    .append('\t')
                    .append(r.met() == null ? "-" : r.met() ? "met" : "not met")
                    .append('\n');
        }
        try {
            Files.writeString(results.resolve("targets-" + part + ".tsv"), out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every part's targets as one Markdown table, or null when no part wrote any. */
    public static String table(Path results) throws IOException {
        Markdown table = new Markdown("Target", "Figure", "Verdict", "Part");
        int rows = 0;
        List<String> parts = new ArrayList<>(PARTS);
        for (String part : parts) {
            Path file = results.resolve("targets-" + part + ".tsv");
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t", -1);
                if (f.length == 3) {
                    table.row(f[0], f[1], f[2].equals("not met") ? "**not met**" : f[2], part);
                    rows++;
                }
            }
        }
        return rows == 0 ? null : table.toString();
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
