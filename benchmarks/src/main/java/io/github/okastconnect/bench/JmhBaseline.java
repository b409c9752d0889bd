package io.github.okastconnect.bench;

import io.github.okastconnect.bench.JmhTrials.Cell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one {@link PollBenchmark} run, read from JMH's JSON result file, and the baseline every ratio uses:
 * the fastest GET plus the fastest parse of the same body, each measured alone in the same run.
 */
public final class JmhBaseline {
    private JmhBaseline() {}

    /** entries → variant → figures of the identity trials (the main run), from JMH's JSON result file. */
    static Map<Integer, Map<String, Cell>> cells(Path json) throws IOException {
        Map<Integer, Map<String, Cell>> byEntries = new HashMap<>();
        for (JmhTrials.Trial t : JmhTrials.read(json)) {
            if (t.param("compression").equals("gzip")) {
                continue;
            }
            byEntries
                    .computeIfAbsent(Integer.parseInt(t.param("entries")), k -> new HashMap<>())
                    .put(t.param("variant"), t.cell());
        }
        byEntries.values().forEach(cells -> composite(cells).ifPresent(c -> cells.put(JmhReport.COMPOSITE, c)));
        return byEntries;
    }

    /**
     * The baseline of one body size: the fastest GET (by steady CPU) plus the fastest parse, as one cell (times, CPU
     * and allocation added; the processing figure is the parse's). Empty when a part was not measured.
     */
    static Optional<Cell> composite(Map<String, Cell> cells) {
        Optional<Cell> get = fastest(cells, "get-");
        Optional<Cell> parse = fastest(cells, "parse-");
        if (get.isEmpty() || parse.isEmpty()) {
            return Optional.empty();
        }
        Cell g = get.get();
        Cell p = parse.get();
        return Optional.of(new Cell(
                g.timeUs() + p.timeUs(),
                Math.sqrt(g.timeSd() * g.timeSd() + p.timeSd() * p.timeSd()),
                g.cpuUs() + p.cpuUs(),
                g.jitUs() + p.jitUs(),
                g.steadyCpuUs() + p.steadyCpuUs(),
                p.procCpuUs(),
                g.allocBytes() + p.allocBytes(),
                g.gcAllocNorm() + p.gcAllocNorm(),
                Math.max(g.others(), p.others()),
                g.serverCpuUs(),
                g.wireBytes()));
    }

    /** The variant with this prefix that had the lowest steady CPU, named. */
    static Optional<String> fastestName(Map<String, Cell> cells, String prefix) {
        return cells.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .min(Comparator.comparingDouble(e -> e.getValue().steadyCpuUs()))
                .map(Map.Entry::getKey);
    }

    private static Optional<Cell> fastest(Map<String, Cell> cells, String prefix) {
        return fastestName(cells, prefix).map(cells::get);
    }

    /** entries → the composite baseline, from a JMH result file of this run (for the worker's ratios). */
    public static Optional<double[]> baselineSteadyCpuUs(Path json, int entries) {
        try {
            Map<String, Cell> cells = cells(json).get(entries);
            return cells == null
                    ? Optional.empty()
                    : composite(cells).map(c -> new double[] {c.steadyCpuUs(), c.timeUs()});
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
