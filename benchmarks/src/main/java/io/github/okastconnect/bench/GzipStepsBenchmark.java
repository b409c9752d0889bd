package io.github.okastconnect.bench;

import io.github.okastconnect.http.BodyFingerprint;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.SimulatedInstance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The steps of an unchanged gzip poll that a different fingerprint would change, alone, on one body held in memory
 * (no socket, no server), so the fingerprint choice can be priced:
 *
 * <ul>
 *   <li>{@code inflate}: decoding the gzip answer as the connector does (a {@code GZIPInputStream} with a 64 KiB
 *       input buffer, read into one {@value BodyFingerprint#BLOCK_BYTES}-byte block at a time) and dropping it;</li>
 *   <li>{@code xxh3-decoded}: the connector's fingerprint over the decoded bytes (XXH3 per block), what it compares
 *       today;</li>
 *   <li>{@code xxh3-compressed}: the same fingerprint over the compressed bytes, what it would compare if it
 *       fingerprinted the answer as received, skipping the inflate of an unchanged body.</li>
 * </ul>
 *
 * The compressed bytes are the simulator's own gzip answer for the body, fetched once in set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GzipStepsBenchmark {
    /** The connector's inflater input buffer (its ContentCoding). */
    private static final int GZIP_BUFFER = 64 * 1024;

    @Param({"10000"})
    public int entries;

    @Param({"inflate", "xxh3-decoded", "xxh3-compressed"})
    public String step;

    private byte[] decoded;
    private byte[] compressed;
    private byte[] block;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        try (OkastSimulator sim = OkastSimulator.builder().threads(1).build().start()) {
            SimulatedInstance instance = Bodies.host(sim, "a", Bodies.generate(sim, entries, 7));
            decoded = instance.currentBody().clone();
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(instance.statusUri())
                            .header("Accept-Encoding", "gzip")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            check(response.headers().firstValue("Content-Encoding").orElse("").equals("gzip"), "answer not gzip");
            compressed = response.body();
        }
        block = new byte[BodyFingerprint.BLOCK_BYTES];
        check(
                Arrays.equals(new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes(), decoded),
                "the gzip answer does not decode to the body");
        check(inflate() == decoded.length, "inflate read " + inflate() + " bytes");
        PollCounters.reset();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    @Benchmark
    public Object run() throws IOException {
        PollCounters.countOp(); // ClientCpuProfiler's per-op figures
        return switch (step) {
            case "inflate" -> inflate();
            case "xxh3-decoded" -> BodyFingerprint.of(decoded);
            case "xxh3-compressed" -> BodyFingerprint.of(compressed);
            default -> throw new IllegalStateException("unknown step " + step);
        };
    }

    /** Decodes the whole answer block by block, as the connector's comparing read does; returns the bytes read. */
    private long inflate() throws IOException {
        long total = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), GZIP_BUFFER)) {
            for (int read; (read = in.readNBytes(block, 0, block.length)) > 0; ) {
                total += read;
            }
        }
        return total;
    }
}
