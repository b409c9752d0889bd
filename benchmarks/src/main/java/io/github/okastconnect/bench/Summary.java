package io.github.okastconnect.bench;

import static io.github.okastconnect.bench.Markdown.f;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes {@code results/latest.md}: the build measured, the machine and its load, every target of the run with its
 * figure and verdict, then each part's tables as that part last wrote them (each dated). Run by {@code run.sh} at
 * the end. Arguments: {@code --results DIR --started "TEXT"} (when and under what load the run began).
 */
public final class Summary {
    /** Part files in the order latest.md shows them, with the chart each one draws. */
    static final List<String> PARTS = List.of("worker.md", "jmh.md", "heap.md", "gzip.md", "harness.md");

    private Summary() {}

    public static void main(String[] args) throws IOException {
        Path results = Path.of("results");
        String started = "?";
        String mode = "full";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--started" -> started = args[++i];
                case "--mode" -> mode = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        StringBuilder out = new StringBuilder("# Latest benchmark results\n\n");
        out.append(f(
                "Written by `benchmarks/run.sh` (%s run) at %s. Build measured: %s (commit %s). Machine: %s. Run began"
                        + " %s; ended with load average %s. The machine is shared: every table says how many cores"
                        + " other processes kept busy while it was measured. See benchmarks/README.md for what is"
                        + " measured and how.%n%n",
                mode,
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                ConnectorBuild.describe(),
                System.getProperty("bench.commit", "unknown"),
                MachineCpu.describe(),
                started,
                loadAverage()));
        String targets = Targets.table(results);
        if (targets != null) {
            out.append("## Targets\n\n").append(targets).append('\n');
        }
        for (String part : PARTS) {
            Path file = results.resolve(part);
            if (Files.exists(file)) {
                out.append(Files.readString(file)).append('\n');
            }
        }
        Markdown.write(results.resolve("latest.md"), out.toString());
        System.out.println("Wrote " + results.resolve("latest.md"));
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
