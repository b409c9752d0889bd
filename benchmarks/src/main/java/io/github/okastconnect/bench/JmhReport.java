package io.github.okastconnect.bench;

import static io.github.okastconnect.bench.Markdown.f;

import io.github.okastconnect.bench.JmhTrials.Cell;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code results/jmh.md} and the targets of {@link JmhMain}'s run: every case as a ratio to the baseline measured in
 * the same run ({@link JmhBaseline}).
 */
public final class JmhReport {
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

    private JmhReport() {}

    /** The first round's per-poll targets, against the composite baseline. */
    static List<Targets.Row> targets(Map<Integer, Map<String, Cell>> byEntries) {
        List<Targets.Row> rows = new ArrayList<>();
        byEntries.keySet().stream().sorted().forEach(n -> {
            Map<String, Cell> cells = byEntries.get(n);
            JmhBaseline.composite(cells).ifPresent(base -> {
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
            JmhBaseline.fastestName(cells, "get-")
                    .ifPresent(g -> JmhBaseline.fastestName(cells, "parse-")
                            .ifPresent(p -> notes.add(f("%s: %s + %s", label(n), g, p))));
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
