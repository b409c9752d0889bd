package io.github.okastconnect.bench;

import static io.github.okastconnect.bench.Markdown.f;

import io.github.okastconnect.bench.JmhTrials.Cell;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PollBenchmark} (1 fork, 5×2 s warm-up, 5×2 s measurement, GC and client-CPU profilers) and prints
 * every case as a ratio to the baseline measured in the same run. Writes {@code results/jmh.md} and
 * {@code results/jmh.json}.
 *
 * <p>Arguments: {@code [--results DIR] [--entries 1000,10000,100000] [--quick] [--report-only]}
 * ({@code --report-only}: rewrite {@code jmh.md} from an existing {@code jmh.json} without running anything).
 */
public final class JmhMain {
    /** The baseline every ratio uses: the fastest GET plus the fastest parse, each measured alone in this run. */
    static final String COMPOSITE = "baseline-composite";

    /** Every variant, in the order the report lists them. */
    static final String[] VARIANTS = {
        "get-urlconnection",
        "get-httpclient",
        "parse-readtree",
        "parse-streaming",
        COMPOSITE,
        "baseline",
        "changed0",
        "changed1",
        "changed100",
        "unchanged",
        "notmodified",
        "quietchange",
        "quietchange-stored"
    };

    /** What the default run measures: the baseline's parts and the first round's target cases. */
    static final String[] DEFAULT_VARIANTS = {
        "get-urlconnection", "get-httpclient", "parse-readtree", "parse-streaming", "changed1", "unchanged"
    };

    private JmhMain() {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of("results");
        String entries = "10000";
        String[] variants = DEFAULT_VARIANTS;
        int warmups = -1;
        boolean quick = false;
        boolean reportOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--entries" -> entries = args[++i];
                case "--variants" -> {
                    String given = args[++i];
                    variants = given.equals("all")
                            ? java.util.Arrays.stream(VARIANTS)
                                    .filter(v -> !v.equals(COMPOSITE))
                                    .toArray(String[]::new)
                            : given.split(",");
                }
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--report-only" -> reportOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        java.nio.file.Files.createDirectories(results);
        ChainedOptionsBuilder options = pollOptions(quick, warmups)
                .param("entries", entries.split(","))
                .param("variant", variants)
                // The main table measures answers as they are; GzipMain measures both codings side by side.
                .param("compression", "identity")
                .result(results.resolve("jmh.json").toString());
        if (!reportOnly) {
            new Runner(options.build()).run();
        }
        Path json = results.resolve("jmh.json");
        String report = report(
                cells(json),
                LocalDateTime.ofInstant(
                        java.nio.file.Files.getLastModifiedTime(json).toInstant(), java.time.ZoneId.systemDefault()));
        System.out.println();
        System.out.println(report);
        Markdown.write(results.resolve("jmh.md"), report);
        Targets.write(results, "jmh", targets(cells(json)));
    }

    /**
     * The baseline of one body size: the fastest GET (by steady CPU) plus the fastest parse, as one cell (times, CPU
     * and allocation added; the processing figure is the parse's). Empty when a part was not measured.
     */
    static java.util.Optional<Cell> composite(Map<String, Cell> cells) {
        java.util.Optional<Cell> get = fastest(cells, "get-");
        java.util.Optional<Cell> parse = fastest(cells, "parse-");
        if (get.isEmpty() || parse.isEmpty()) {
            return java.util.Optional.empty();
        }
        Cell g = get.get();
        Cell p = parse.get();
        return java.util.Optional.of(new Cell(
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
    static java.util.Optional<String> fastestName(Map<String, Cell> cells, String prefix) {
        return cells.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .min(java.util.Comparator.comparingDouble(e -> e.getValue().steadyCpuUs()))
                .map(Map.Entry::getKey);
    }

    private static java.util.Optional<Cell> fastest(Map<String, Cell> cells, String prefix) {
        return fastestName(cells, prefix).map(cells::get);
    }

    /** entries → the composite baseline, from a JMH result file of this run (for the worker's ratios). */
    public static java.util.Optional<double[]> baselineSteadyCpuUs(Path json, int entries) {
        try {
            Map<String, Cell> cells = cells(json).get(entries);
            return cells == null
                    ? java.util.Optional.empty()
                    : composite(cells).map(c -> new double[] {c.steadyCpuUs(), c.timeUs()});
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The first round's per-poll targets, against the composite baseline. */
    static List<Targets.Row> targets(Map<Integer, Map<String, Cell>> byEntries) {
        List<Targets.Row> rows = new ArrayList<>();
        byEntries.keySet().stream().sorted().forEach(n -> {
            Map<String, Cell> cells = byEntries.get(n);
            composite(cells).ifPresent(base -> {
                Cell one = cells.get("changed1");
                if (one != null) {
                    double r = one.steadyCpuUs() / base.steadyCpuUs();
                    rows.add(new Targets.Row(
                            f("JMH one poll, %s entries, 1 %% changed ≤ 1.3 × baseline (steady CPU)", label(n)),
                            f(
                                    "%.2f × (%s vs %s)",
                                    r, Markdown.micros(one.steadyCpuUs()), Markdown.micros(base.steadyCpuUs())),
                            r <= 1.3));
                }
                Cell same = cells.get("unchanged");
                if (same != null) {
                    double r = same.steadyCpuUs() / base.steadyCpuUs();
                    rows.add(new Targets.Row(
                            f("JMH one poll, %s entries, unchanged body ≤ 0.1 × baseline (steady CPU)", label(n)),
                            f("%.3f × (%s)", r, Markdown.micros(same.steadyCpuUs())),
                            r <= 0.1));
                }
            });
        });
        return rows;
    }

    /**
     * {@link PollBenchmark#poll} as every poll table measures it: 1 fork, 5 × 2 s warm-up and 5 × 2 s measurement
     * (quick: 1 × 1 s and 2 × 1 s), the GC and client-CPU profilers, JSON results. {@code warmups} ≥ 0 overrides the
     * warm-up iterations.
     */
    static ChainedOptionsBuilder pollOptions(boolean quick, int warmups) {
        return pollOptions(quick, warmups, false);
    }

    /** @param preTouch whether the fork touches its whole heap at start-up (see {@link #forkedOptions(boolean)}) */
    static ChainedOptionsBuilder pollOptions(boolean quick, int warmups, boolean preTouch) {
        return forkedOptions(preTouch)
                .include(PollBenchmark.class.getName() + ".poll")
                // 5 × 2 s: with 2 × 2 s the baseline was still compiling Jackson's tree building while measured
                // (readTree 25.6 → 16.5 ms over the iterations), flattering every ratio by up to a third.
                .warmupIterations(warmups >= 0 ? warmups : quick ? 1 : 5)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .addProfiler(GCProfiler.class);
    }

    /**
     * One fork with this JVM's logging configuration and a fixed heap, the client-CPU profiler, JSON results.
     *
     * @param preTouch {@code -XX:+AlwaysPreTouch}: the kernel maps and zeroes a heap page the first time the JVM
     *                 writes it, in the writing thread's system CPU time. Without pre-touch, a poll that allocates
     *                 into young regions not used before pays those page faults: the 10k baseline's readTree
     *                 (21 MB allocated per poll) measured 45-70 ms instead of 10-12 ms in such phases, which came and
     *                 went over a trial as G1 grew the young generation, so the iterations that met one were
     *                 measuring the kernel. With it, every fork starts with all 4 GB mapped (a second or two).
     */
    static ChainedOptionsBuilder forkedOptions(boolean preTouch) {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xms4g", "-Xmx4g", "-Dsun.net.httpserver.nodelay=true"));
        if (preTouch) {
            jvmArgs.add("-XX:+AlwaysPreTouch");
        }
        String log4j = System.getProperty("log4j2.configurationFile");
        if (log4j != null) {
            jvmArgs.add("-Dlog4j2.configurationFile=" + log4j);
        }
        return new OptionsBuilder()
                .forks(1)
                .addProfiler(ClientCpuProfiler.class)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON);
    }

    /** entries → variant → figures of the identity trials (the main run), from JMH's JSON result file. */
    static Map<Integer, Map<String, Cell>> cells(Path json) throws java.io.IOException {
        Map<Integer, Map<String, Cell>> byEntries = new HashMap<>();
        for (JmhTrials.Trial t : JmhTrials.read(json)) {
            if (t.param("compression").equals("gzip")) {
                continue;
            }
            byEntries
                    .computeIfAbsent(Integer.parseInt(t.param("entries")), k -> new HashMap<>())
                    .put(t.param("variant"), t.cell());
        }
        byEntries.values().forEach(cells -> composite(cells).ifPresent(c -> cells.put(COMPOSITE, c)));
        return byEntries;
    }

    static String report(Map<Integer, Map<String, Cell>> byEntries, LocalDateTime measuredAt) {
        StringBuilder out = new StringBuilder();
        out.append("## One poll: connector vs baseline (JMH, ")
                .append(measuredAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(")\n\n");
        out.append(
                "Baseline = the fastest GET plus the fastest parse of the same body, each measured alone in this run:"
                        + " the GET through HttpURLConnection (the connector's transport) and through java.net.http, the body"
                        + " read through one reused 64 KiB buffer; the parse of the body in memory by Jackson's readTree and by"
                        + " a streaming pass reading only the fields the connector needs. Every ratio uses it"
                        + baselineNote(byEntries)
                        + ". Every figure is the median"
                        + " over the measurement iterations (one slow iteration on a shared machine cannot decide a ratio)."
                        + " Time = JMH average time per poll in an iteration (± standard deviation over the iterations); CPU = process CPU per poll minus the"
                        + " in-process HTTP server's threads (benchmark thread, HTTP client threads, GC, JIT); JIT = the part"
                        + " of it spent by the JIT compiler threads, a warm-up cost (code that runs once per poll is compiled"
                        + " by C2 only after ~10,000 polls, far beyond a JMH warm-up of seconds, so it still compiles while"
                        + " measured); steady CPU = CPU − JIT, what a poll costs once compiled, the figure the ratios and"
                        + " targets use for every case, the baseline included;"
                        + " processing = CPU of the benchmark thread inside readTree (baseline)"
                        + " or tracker.onResult (connector) alone; alloc = bytes allocated per poll by non-server threads;"
                        + " other processes = cores the rest of the machine kept busy meanwhile (0 = undisturbed run)."
                        + " Bodies are the simulator's, pretty-printed like the vendor's example (~470 B/entry). Measured: "
                        + ConnectorBuild.describe() + ".\n\n");
        Markdown table = new Markdown(
                "Entries",
                "Case",
                "Time/poll",
                "Time × baseline",
                "CPU/poll",
                "JIT/poll",
                "Steady CPU/poll",
                "Steady CPU × baseline",
                "Processing CPU",
                "Alloc/poll",
                "Other processes");
        List<String> lines = new ArrayList<>();
        byEntries.keySet().stream().sorted().forEach(n -> {
            Map<String, Cell> cells = byEntries.get(n);
            Cell base = cells.getOrDefault(COMPOSITE, cells.get("baseline"));
            for (String variant : VARIANTS) {
                Cell c = cells.get(variant);
                if (c == null) {
                    continue;
                }
                String timeRatio = base == null ? "?" : f("%.2f ×", c.timeUs() / base.timeUs());
                String cpuRatio = base == null ? "?" : f("%.2f ×", c.steadyCpuUs() / base.steadyCpuUs());
                table.row(
                        label(n),
                        describe(variant),
                        Markdown.micros(c.timeUs()) + f(" ± %.0f%%", 100 * c.timeSd() / c.timeUs()),
                        timeRatio,
                        Markdown.micros(c.cpuUs()),
                        Double.isNaN(c.jitUs()) ? "?" : Markdown.micros(c.jitUs()),
                        Markdown.micros(c.steadyCpuUs()),
                        cpuRatio,
                        Markdown.micros(c.procCpuUs()),
                        Markdown.bytes(c.allocBytes()),
                        f("%.2f cores", c.others()));
                if (base != null
                        && !variant.startsWith("baseline")
                        && !variant.startsWith("get-")
                        && !variant.startsWith("parse-")) {
                    lines.add(f(
                            "%s entries, %s: %.2f x baseline (time), %.2f x baseline (steady CPU),"
                                    + " %.2f x baseline (CPU incl. JIT)",
                            label(n),
                            describe(variant),
                            c.timeUs() / base.timeUs(),
                            c.steadyCpuUs() / base.steadyCpuUs(),
                            c.cpuUs() / base.cpuUs()));
                }
            }
        });
        out.append(table).append('\n');
        out.append("```\n");
        lines.forEach(l -> out.append(l).append('\n'));
        out.append("```\n\n");
        Map<String, Cell> tenK = byEntries.get(10_000);
        if (tenK != null && tenK.getOrDefault(COMPOSITE, tenK.get("baseline")) != null) {
            Cell base = tenK.getOrDefault(COMPOSITE, tenK.get("baseline"));
            out.append("Targets (10k entries):\n\n");
            Cell one = tenK.get("changed1");
            if (one != null) {
                double r = one.steadyCpuUs() / base.steadyCpuUs();
                out.append(f(
                        "- per-poll CPU, 1%% changed: **%.2f × baseline** steady CPU (target ≤ 1.3 ×): %s"
                                + " (incl. JIT %.2f ×, wall time %.2f ×)%n",
                        r, r <= 1.3 ? "met" : "**not met**", one.cpuUs() / base.cpuUs(), one.timeUs() / base.timeUs()));
            }
            Cell same = tenK.get("unchanged");
            if (same != null) {
                double r = same.steadyCpuUs() / base.steadyCpuUs();
                out.append(f(
                        "- unchanged body: **%.3f × baseline** steady CPU (target ≤ 0.1 ×): %s (incl. JIT"
                                + " %.3f ×, wall time %.2f ×; its processing step alone is %.2f × the baseline's"
                                + " readTree)%n",
                        r,
                        r <= 0.1 ? "met" : "**not met**",
                        same.cpuUs() / base.cpuUs(),
                        same.timeUs() / base.timeUs(),
                        same.procCpuUs() / base.procCpuUs()));
                // The target names no size: the other sizes are reported against it too.
                byEntries.keySet().stream().sorted().filter(n -> n != 10_000).forEach(n -> {
                    Cell b = byEntries
                            .get(n)
                            .getOrDefault(COMPOSITE, byEntries.get(n).get("baseline"));
                    Cell u = byEntries.get(n).get("unchanged");
                    if (b != null && u != null) {
                        double q = u.steadyCpuUs() / b.steadyCpuUs();
                        out.append(f(
                                "  - %s entries: **%.3f ×** steady CPU: %s (incl. JIT %.3f ×)%n",
                                label(n), q, q <= 0.1 ? "met" : "**not met**", u.cpuUs() / b.cpuUs()));
                    }
                });
            }
            Cell notModified = tenK.get("notmodified");
            if (notModified != null) {
                double r = notModified.steadyCpuUs() / base.steadyCpuUs();
                out.append(f(
                        "- unchanged body from a server that supports ETags (304, no body): **%.2f × baseline**"
                                + " steady CPU: %s for such servers (incl. JIT %.2f ×, wall time %.2f ×)%n",
                        r,
                        r <= 0.1 ? "met" : "**not met**",
                        notModified.cpuUs() / base.cpuUs(),
                        notModified.timeUs() / base.timeUs()));
            }
        }
        return out.toString();
    }

    private static String baselineNote(Map<Integer, Map<String, Cell>> byEntries) {
        List<String> notes = new ArrayList<>();
        byEntries.keySet().stream().sorted().forEach(n -> {
            Map<String, Cell> cells = byEntries.get(n);
            fastestName(cells, "get-")
                    .ifPresent(g ->
                            fastestName(cells, "parse-").ifPresent(p -> notes.add(f("%s: %s + %s", label(n), g, p))));
        });
        return notes.isEmpty() ? "" : " (fastest parts — " + String.join("; ", notes) + ")";
    }

    public static String label(int n) {
        return n % 1000 == 0 ? (n / 1000) + "k" : Integer.toString(n);
    }

    static String describe(String variant) {
        return switch (variant) {
            case "get-urlconnection" -> "baseline part: GET, HttpURLConnection";
            case "get-httpclient" -> "baseline part: GET, java.net.http";
            case "parse-readtree" -> "baseline part: parse, readTree";
            case "parse-streaming" -> "baseline part: parse, streaming (needed fields)";
            case COMPOSITE -> "**baseline = fastest GET + fastest parse**";
            case "baseline" -> "first-round baseline (java.net.http GET + readTree)";
            case "changed0" -> "0% changed (reordered body)";
            case "changed1" -> "1% changed";
            case "changed100" -> "100% changed";
            case "unchanged" -> "unchanged body (shortcut)";
            case "notmodified" -> "unchanged, server sends 304";
            case "quietchange" -> "quiet queue changes late: 2 polls, 3 GETs";
            case "quietchange-stored" -> "same 2 polls, not compared on arrival";
            default -> variant;
        };
    }
}
