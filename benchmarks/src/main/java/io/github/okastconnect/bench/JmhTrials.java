package io.github.okastconnect.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trials of a JMH JSON result file, each reduced to per-operation figures. Every figure is the median over the
 * measurement iterations: on a shared 2-core machine one iteration in a few can run at half speed (another VM, a GC
 * cycle of the JVM), and a mean would let that one decide a ratio.
 */
final class JmhTrials {
    private JmhTrials() {}

    /**
     * One trial's figures, per operation. {@code cpuUs} is every client-side thread, {@code jitUs} the JIT compiler
     * threads' part of it, {@code serverCpuUs} the in-process HTTP server's threads (not part of {@code cpuUs}),
     * {@code wireBytes} the body bytes received from the network.
     */
    record Cell(
            double timeUs,
            double timeSd,
            double cpuUs,
            double jitUs,
            double steadyCpuUs,
            double procCpuUs,
            double allocBytes,
            double gcAllocNorm,
            double others,
            double serverCpuUs,
            double wireBytes) {}

    record Trial(String benchmark, Map<String, String> params, Cell cell) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    static List<Trial> read(Path json) throws IOException {
        List<Trial> trials = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(json.toFile())) {
            Map<String, String> params = new HashMap<>();
            run.path("params")
                    .fields()
                    .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            double[] time = iterations(run.path("primaryMetric"));
            JsonNode secondary = run.path("secondaryMetrics");
            double[] cpu = iterations(secondary.path("cpu.client"));
            double[] jit = iterations(secondary.path("cpu.jit"));
            double[] steady = cpu.clone();
            if (jit.length == cpu.length) {
                for (int i = 0; i < cpu.length; i++) {
                    steady[i] = cpu[i] - jit[i];
                }
            }
            String benchmark = run.path("benchmark").asText();
            trials.add(new Trial(
                    benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
                    params,
                    new Cell(
                            median(time),
                            stdev(time),
                            median(cpu),
                            median(jit),
                            median(steady),
                            median(iterations(secondary.path("proc.cpu"))),
                            median(iterations(secondary.path("alloc.client"))),
                            median(iterations(secondary.path("gc.alloc.rate.norm"))),
                            median(iterations(secondary.path("machine.others"))),
                            median(iterations(secondary.path("cpu.server"))),
                            median(iterations(secondary.path("wire.bytes"))))));
        }
        return trials;
    }

    /** A metric's value in each measurement iteration (all forks), in order. */
    private static double[] iterations(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                values.add(v.asDouble());
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double stdev(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(values).average().orElse(0);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
