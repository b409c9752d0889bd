package io.github.okastconnect.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PollBenchmark} (1 fork, 5×2 s warm-up, 5×2 s measurement, GC and client-CPU profilers) and prints
 * every case as a ratio to the baseline measured in the same run ({@link JmhReport}). Writes {@code results/jmh.md} and
 * {@code results/jmh.json}.
 *
 * <p>Arguments: {@code [--results DIR] [--entries 1000,10000,100000] [--quick] [--report-only]}
 * ({@code --report-only}: rewrite {@code jmh.md} from an existing {@code jmh.json} without running anything).
 */
public final class JmhMain {
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
                            ? java.util.Arrays.stream(JmhReport.VARIANTS)
                                    .filter(v -> !v.equals(JmhReport.COMPOSITE))
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
        String report = JmhReport.report(
                JmhBaseline.cells(json),
                LocalDateTime.ofInstant(
                        java.nio.file.Files.getLastModifiedTime(json).toInstant(), java.time.ZoneId.systemDefault()));
        System.out.println();
        System.out.println(report);
        Markdown.write(results.resolve("jmh.md"), report);
        Targets.write(results, "jmh", JmhReport.targets(JmhBaseline.cells(json)));
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
}
