package io.github.okastconnect.bench;

import static io.github.okastconnect.bench.Markdown.f;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.okastconnect.bench.JmhTrials.Cell;
import io.github.okastconnect.bench.JmhTrials.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What gzip changes per poll: {@link PollBenchmark} for the baseline, 1 % changed and the unchanged body, each
 * with and without compression in the same run (every case against the baseline of its own coding), then
 * {@link GzipStepsBenchmark} for the price of the inflate and of the fingerprint on an unchanged gzip body. Writes
 * {@code results/gzip.md} and {@code results/gzip.json} (both benchmarks' trials).
 *
 * <p>Arguments: {@code [--results DIR] [--entries 10000] [--warmups N] [--quick] [--report-only]}.
 */
public final class GzipMain {
    static final String[] VARIANTS = {"baseline", "changed1", "unchanged"};
    static final String[] CODINGS = {"identity", "gzip"};
    static final String[] STEPS = {"inflate", "xxh3-decoded", "xxh3-compressed"};

    private GzipMain() {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of("results");
        String entries = "10000";
        int warmups = -1;
        boolean quick = false;
        boolean reportOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--entries" -> entries = args[++i];
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--report-only" -> reportOnly = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(results);
        Path json = results.resolve("gzip.json");
        if (!reportOnly) {
            Path polls = results.resolve("gzip-polls.json.tmp");
            Path steps = results.resolve("gzip-steps.json.tmp");
            // Pre-touched heap: the first use of fresh heap pages must not decide the baseline (see forkedOptions).
            new Runner(JmhMain.pollOptions(quick, warmups, true)
                            .param("entries", entries.split(","))
                            .param("variant", VARIANTS)
                            .param("compression", CODINGS)
                            .result(polls.toString())
                            .build())
                    .run();
            // In-memory steps of a few ms each: 1 s iterations give hundreds of operations.
            new Runner(JmhMain.forkedOptions(true)
                            .include(GzipStepsBenchmark.class.getName() + ".run")
                            .param("entries", entries.split(","))
                            .param("step", STEPS)
                            .warmupIterations(quick ? 1 : 3)
                            .warmupTime(TimeValue.seconds(1))
                            .measurementIterations(quick ? 2 : 5)
                            .measurementTime(TimeValue.seconds(1))
                            .result(steps.toString())
                            .build())
                    .run();
            merge(json, polls, steps);
        }
        String report = report(
                JmhTrials.read(json),
                LocalDateTime.ofInstant(Files.getLastModifiedTime(json).toInstant(), ZoneId.systemDefault()));
        System.out.println();
        System.out.println(report);
        Markdown.write(results.resolve("gzip.md"), report);
    }

    /** One JSON array of every trial, as JMH writes them, so the raw iterations stay in one file. */
    private static void merge(Path into, Path... parts) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (Path part : parts) {
            all.addAll((ArrayNode) mapper.readTree(part.toFile()));
            Files.delete(part);
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(into.toFile(), all);
    }

    static String report(List<Trial> trials, LocalDateTime measuredAt) {
        StringBuilder out = new StringBuilder();
        out.append("## Gzip: one poll with and without compression (JMH, ")
                .append(measuredAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(")\n\n");
        out.append("Machine: ")
                .append(MachineCpu.describe())
                .append(". Measured: ")
                .append(ConnectorBuild.describe())
                .append(".\n\n");
        out.append("Both sides of each pair ask for the same coding: identity sends no Accept-Encoding, gzip sends"
                + " `Accept-Encoding: gzip` and the simulator compresses every answer as it sends it (JDK"
                + " GZIPOutputStream, default level, chunked). Baseline = JDK HttpClient GET + Jackson readTree; with"
                + " gzip the received bytes are decoded by a GZIPInputStream streamed into readTree. Connector = the"
                + " poll path of the main table (StatusClient.fetch + InstanceTracker.onResult), with"
                + " `http.compression.enabled` true or false; with gzip it decodes the answer as a stream and"
                + " fingerprints the decoded bytes. Wire = body bytes received per poll (compressed with gzip; counted"
                + " by the client and checked before measuring against the bytes the simulator sent). CPU, JIT, steady"
                + " CPU, processing (readTree, with gzip inflate + readTree, for the baseline; onResult for the"
                + " connector), alloc and other processes as in the main poll table (1 fork per case, 5 × 2 s warm-up,"
                + " 5 × 2 s measured), each the median over the measurement iterations, here with the fork's heap"
                + " pre-touched (-XX:+AlwaysPreTouch) so that no poll pays the kernel for first touching heap pages;"
                + " ratios use steady CPU. Server = the simulator's threads per poll"
                + " (with gzip, compressing each answer): their CPU is not part of any CPU figure, shown to see what"
                + " was left out; what they allocate (all threads' allocation minus the client's) is collected by GC"
                + " threads, which are counted.\n\n");
        Markdown table = new Markdown(
                "Entries",
                "Case",
                "Coding",
                "Wire/poll",
                "Steady CPU/poll",
                "Steady CPU × baseline (same coding)",
                "CPU/poll",
                "JIT/poll",
                "Processing CPU",
                "Time/poll",
                "Alloc/poll",
                "Server CPU, alloc/poll (not counted)",
                "Other processes");
        Markdown versus = new Markdown(
                "Entries",
                "Case",
                "Wire bytes gzip ÷ identity",
                "Steady CPU gzip ÷ identity",
                "CPU incl. JIT gzip ÷ identity",
                "Time gzip ÷ identity");
        List<String> lines = new ArrayList<>();
        for (int n : sizes(trials)) {
            for (String variant : VARIANTS) {
                for (String coding : CODINGS) {
                    Cell c = poll(trials, n, variant, coding);
                    if (c == null) {
                        continue;
                    }
                    Cell base = poll(trials, n, "baseline", coding);
                    table.row(
                            JmhReport.label(n),
                            JmhReport.describe(variant),
                            coding,
                            Markdown.bytes(c.wireBytes()),
                            Markdown.micros(c.steadyCpuUs()),
                            ratio(c.steadyCpuUs(), base, Cell::steadyCpuUs),
                            Markdown.micros(c.cpuUs()),
                            Markdown.micros(c.jitUs()),
                            Markdown.micros(c.procCpuUs()),
                            Markdown.micros(c.timeUs()) + f(" ± %.0f%%", 100 * c.timeSd() / c.timeUs()),
                            Markdown.bytes(c.allocBytes()),
                            Markdown.micros(c.serverCpuUs()) + ", "
                                    + Markdown.bytes(Math.max(0, c.gcAllocNorm() - c.allocBytes())),
                            f("%.2f cores", c.others()));
                    if (base != null && !variant.equals("baseline")) {
                        lines.add(f(
                                "%s entries, %s, %s: %.3f x the %s baseline (steady CPU)",
                                JmhReport.label(n),
                                JmhReport.describe(variant),
                                coding,
                                c.steadyCpuUs() / base.steadyCpuUs(),
                                coding));
                    }
                }
                Cell identity = poll(trials, n, variant, "identity");
                Cell gzip = poll(trials, n, variant, "gzip");
                if (identity != null && gzip != null) {
                    versus.row(
                            JmhReport.label(n),
                            JmhReport.describe(variant),
                            ratio(gzip.wireBytes(), identity, Cell::wireBytes),
                            ratio(gzip.steadyCpuUs(), identity, Cell::steadyCpuUs),
                            ratio(gzip.cpuUs(), identity, Cell::cpuUs),
                            ratio(gzip.timeUs(), identity, Cell::timeUs));
                    lines.add(f(
                            "%s entries, %s, gzip / identity: %.3f x wire bytes, %.3f x steady CPU",
                            JmhReport.label(n),
                            JmhReport.describe(variant),
                            gzip.wireBytes() / identity.wireBytes(),
                            gzip.steadyCpuUs() / identity.steadyCpuUs()));
                }
            }
        }
        out.append(table).append('\n');
        out.append("Gzip against identity, case by case:\n\n").append(versus).append('\n');
        out.append("```\n");
        lines.forEach(l -> out.append(l).append('\n'));
        out.append("```\n\n");
        steps(trials, out);
        return out.toString();
    }

    /** The fingerprint choice: what an unchanged gzip poll spends inflating, and what hashing either form costs. */
    private static void steps(List<Trial> trials, StringBuilder out) {
        out.append("### Unchanged gzip body: inflate vs fingerprint\n\n");
        out.append("Each step alone on one body held in memory (the simulator's gzip answer, fetched once): inflate ="
                + " GZIPInputStream (64 KiB input buffer) read into one 128 KiB block at a time, as the connector"
                + " reads; XXH3 = the connector's BodyFingerprint (XXH3-64 per 128 KiB block) over the decoded or the"
                + " compressed bytes. Steady CPU as above (1 fork, 3 × 1 s warm-up, 5 × 1 s measured).\n\n");
        Markdown table = new Markdown("Entries", "Step", "Bytes in", "Steady CPU/op", "Time/op", "Other processes");
        List<String> verdicts = new ArrayList<>();
        for (int n : sizes(trials)) {
            Cell wire = poll(trials, n, "unchanged", "gzip");
            Cell identity = poll(trials, n, "unchanged", "identity");
            for (String step : STEPS) {
                Cell c = step(trials, n, step);
                if (c == null) {
                    continue;
                }
                String in = step.equals("xxh3-decoded")
                        ? (identity == null ? "?" : Markdown.bytes(identity.wireBytes()))
                        : (wire == null ? "?" : Markdown.bytes(wire.wireBytes()));
                table.row(
                        JmhReport.label(n),
                        describeStep(step),
                        in,
                        Markdown.micros(c.steadyCpuUs()),
                        Markdown.micros(c.timeUs()),
                        f("%.2f cores", c.others()));
            }
            Cell poll = poll(trials, n, "unchanged", "gzip");
            Cell base = poll(trials, n, "baseline", "gzip");
            Cell inflate = step(trials, n, "inflate");
            Cell decoded = step(trials, n, "xxh3-decoded");
            Cell compressed = step(trials, n, "xxh3-compressed");
            if (poll == null || base == null || inflate == null || decoded == null || compressed == null) {
                continue;
            }
            double saved = inflate.steadyCpuUs() + decoded.steadyCpuUs() - compressed.steadyCpuUs();
            verdicts.add(f(
                    "- %s entries: an unchanged gzip poll costs **%s** steady CPU (%.3f × the gzip baseline)."
                            + " Inflating its body alone takes %s (%.0f %% of that poll), XXH3 over the decoded"
                            + " bytes %s, XXH3 over the compressed bytes %s. Fingerprinting the compressed bytes"
                            + " would skip the inflate and the decoded-byte hashing for the compressed-byte hashing:"
                            + " ≈ **%s less per poll (%.0f %%)**, ≈ %s, **≈ %.3f × the gzip baseline** (an estimate:"
                            + " the poll minus steps measured apart)%n",
                    JmhReport.label(n),
                    Markdown.micros(poll.steadyCpuUs()),
                    poll.steadyCpuUs() / base.steadyCpuUs(),
                    Markdown.micros(inflate.steadyCpuUs()),
                    100 * inflate.steadyCpuUs() / poll.steadyCpuUs(),
                    Markdown.micros(decoded.steadyCpuUs()),
                    Markdown.micros(compressed.steadyCpuUs()),
                    Markdown.micros(saved),
                    100 * saved / poll.steadyCpuUs(),
                    Markdown.micros(poll.steadyCpuUs() - saved),
                    (poll.steadyCpuUs() - saved) / base.steadyCpuUs()));
        }
        out.append(table).append('\n');
        verdicts.forEach(out::append);
    }

    private static List<Integer> sizes(List<Trial> trials) {
        return trials.stream()
                .map(t -> t.param("entries"))
                .filter(s -> !s.isEmpty())
                .map(Integer::parseInt)
                .distinct()
                .sorted()
                .toList();
    }

    private static Cell poll(List<Trial> trials, int n, String variant, String coding) {
        return find(trials, "PollBenchmark.poll", n, "variant", variant, "compression", coding);
    }

    private static Cell step(List<Trial> trials, int n, String step) {
        return find(trials, "GzipStepsBenchmark.run", n, "step", step, null, null);
    }

    private static Cell find(
            List<Trial> trials, String benchmark, int n, String key, String value, String key2, String value2) {
        return trials.stream()
                .filter(t -> t.benchmark().equals(benchmark)
                        && t.param("entries").equals(Integer.toString(n))
                        && t.param(key).equals(value)
                        && (key2 == null || t.param(key2).equals(value2)))
                .map(Trial::cell)
                .findFirst()
                .orElse(null);
    }

    private static String ratio(double value, Cell of, java.util.function.ToDoubleFunction<Cell> figure) {
        return Objects.isNull(of) ? "?" : f("%.3f ×", value / figure.applyAsDouble(of));
    }

    private static String describeStep(String step) {
        return switch (step) {
            case "inflate" -> "inflate the gzip answer";
            case "xxh3-decoded" -> "XXH3 fingerprint of the decoded body (today)";
            case "xxh3-compressed" -> "XXH3 fingerprint of the compressed bytes";
            default -> step;
        };
    }
}
