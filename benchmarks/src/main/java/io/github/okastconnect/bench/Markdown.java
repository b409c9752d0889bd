package io.github.okastconnect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A markdown table that also prints nicely on a terminal (columns padded). */
public final class Markdown {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Markdown(String... header) {
        this.header = List.of(header);
    }

    public Markdown row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = Math.max(3, header.get(i).length());
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        out.append('|');
        for (int w : width) {
            out.append('-').append("-".repeat(w)).append("-|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, width);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        out.append('|');
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            out.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
        }
        out.append('\n');
    }

    public static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Microseconds as a readable duration. */
    public static String micros(double us) {
        if (us >= 10_000) {
            return f("%.1f ms", us / 1000);
        }
        if (us >= 1000) {
            return f("%.2f ms", us / 1000);
        }
        return f("%.0f µs", us);
    }

    public static String bytes(double b) {
        if (b >= 10 * 1024 * 1024) {
            return f("%.0f MB", b / 1024 / 1024);
        }
        if (b >= 1024 * 1024) {
            return f("%.1f MB", b / 1024 / 1024);
        }
        if (b >= 10 * 1024) {
            return f("%.0f kB", b / 1024);
        }
        return f("%.0f B", b);
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
