package io.github.okastconnect.bench;

import static io.github.okastconnect.bench.PollChecks.check;
import static io.github.okastconnect.bench.PollChecks.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.http.BodyExpectation;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.http.StatusClient;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.simulator.StatusEntry;
import io.github.okastconnect.task.InstanceTracker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One poll of one instance over loopback HTTP, served by the simulator.
 *
 * <ul>
 *   <li>The baseline's parts, each measured alone, so that a report can add the fastest GET to the fastest parse
 *       (the least a JVM client that reads the body can do, as closely as it can be stated):
 *       {@code get-urlconnection} and {@code get-httpclient}, the same GET through the JDK's two HTTP clients
 *       ({@code HttpURLConnection}, which the connector uses, and {@code java.net.http}), the body read through one
 *       reused 64 KiB buffer and dropped; {@code parse-readtree} and {@code parse-streaming}, the same body already
 *       in memory, parsed by Jackson's {@code readTree} or by a streaming pass that reads the text of only the fields
 *       the connector needs (requestTime, lastStatusUpdate, status, statusError, request.filePath) and skips the
 *       rest.</li>
 *   <li>{@code baseline}: JDK HttpClient GET into a byte[] + Jackson {@code ObjectMapper.readTree} in one operation
 *       (the first round's baseline; the gzip part still compares against it, decoding included).</li>
 *   <li>{@code changed0}/{@code changed1}/{@code changed100}: the connector's per-poll path
 *       ({@code StatusClient.fetch(...).join()} then {@code InstanceTracker.onResult(...)}), alternating between two
 *       pre-built bodies that differ in 0 % (same entries, reversed order, so the body's bytes differ), 1 % or 100 %
 *       of the entries, so every poll sees exactly that change fraction.</li>
 *   <li>{@code unchanged}: the connector's path on a byte-identical body (the fingerprint shortcut).</li>
 *   <li>{@code notmodified}: the same, from a server that supports ETags: it answers the conditional request with
 *       304 and no body (Okast's PHP endpoint is not known to; this shows what that would save).</li>
 *   <li>{@code quietchange}: the costliest case of comparing as the body arrives: a queue that was unchanged
 *       changes in its last entry only, same length, so the client drops every block before it finds the change and
 *       GETs the body again. One operation is one such cycle, two polls: the change, then the same body once more
 *       (read whole, since the last poll brought a change), after which the next change again meets a quiet queue.
 *       {@code quietchange-stored} is the same two polls without comparing as the body arrives (as before it
 *       existed): the difference is what the second GET costs.</li>
 * </ul>
 *
 * <p>{@code compression}: {@code identity} asks for nothing (the body travels as it is), {@code gzip} sends
 * {@code Accept-Encoding: gzip} from both the baseline and the connector, and the simulator compresses each answer
 * as it sends it. The main run ({@link JmhMain}) pins identity; {@link GzipMain} runs a few variants both ways.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PollBenchmark {
    @Param({"1000", "10000", "100000"})
    public int entries;

    @Param({
        "baseline",
        "get-urlconnection",
        "get-httpclient",
        "parse-readtree",
        "parse-streaming",
        "changed0",
        "changed1",
        "changed100",
        "unchanged",
        "notmodified",
        "quietchange",
        "quietchange-stored"
    })
    public String variant;

    @Param({"identity", "gzip"})
    public String compression;

    private OkastSimulator sim;
    private SimulatedInstance served;
    private SimulatedInstance servedOther;
    private BaselineParts baselineParts;
    private StatusClient client;
    private InstanceTracker tracker;
    private ConnectorParts.Tracked tracked;
    private InstanceConfig first;
    private InstanceConfig second;
    private boolean gzip;
    private boolean flip;
    private int expectedRecords;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        check(compression.equals("identity") || compression.equals("gzip"), "compression: " + compression);
        gzip = compression.equals("gzip");
        sim = OkastSimulator.builder().threads(4).build().start();
        List<StatusEntry> base = Bodies.generate(sim, entries, 7);
        SimulatedInstance a = Bodies.host(sim, "a", base, variant.equals("notmodified"));
        List<StatusEntry> other = switch (variant) {
            case "changed0" -> Bodies.reversed(base);
            case "changed1" -> Bodies.changed(base, 0.01);
            case "changed100" -> Bodies.changed(base, 1.0);
            case "quietchange", "quietchange-stored" -> Bodies.touchedLast(base);
            default -> base;
        };
        expectedRecords = switch (variant) {
            case "changed1" -> Bodies.changedCount(entries, 0.01);
            case "changed100" -> entries;
            case "quietchange", "quietchange-stored" -> 1;
            default -> 0;
        };
        SimulatedInstance b = other == base ? a : Bodies.host(sim, "b", other);
        served = a;
        servedOther = b;

        byte[] body = a.currentBody().clone();
        baselineParts = new BaselineParts(a.statusUri(), gzip, body);

        client = ConnectorParts.statusClient(gzip);
        // One tracker, one instance id; only the URL alternates, as if the instance's queue flipped between polls.
        first = ConnectorParts.instance("bench", a.statusUri());
        second = ConnectorParts.instance("bench", b.statusUri());
        tracked = ConnectorParts.tracker(first, 1000);
        tracker = tracked.tracker();

        PollChecks.WireMark before = PollChecks.wireMark(served, servedOther);
        if (variant.startsWith("get-") || variant.startsWith("parse-")) {
            check(!gzip, variant + " is measured on identity answers only");
            for (int i = 0; i < 2; i++) {
                long n = part();
                long expected = variant.startsWith("get-") ? body.length : entries;
                check(n == expected, variant + " gave " + n + ", expected " + expected);
            }
            if (variant.startsWith("get-")) {
                checkWire(before);
            }
            PollCounters.reset();
            return;
        }
        if (variant.equals("baseline")) {
            JsonNode tree = baseline();
            check(tree.size() == entries, "baseline parsed " + tree.size() + " entries, expected " + entries);
            checkWire(before);
            PollCounters.reset();
            return;
        }
        // Prime: the first poll emits every entry as NEW (not measured); then check each poll's record count.
        check(events(connectorPoll()) == entries, "priming poll did not emit every entry");
        checkWire(before);
        if (variant.startsWith("quietchange")) {
            check(
                    Bodies.render(sim, "x", base).length == Bodies.render(sim, "x", other).length,
                    "the touched body differs in length");
            check(events(poll(first, true)) == 0, "the queue is quiet");
            for (int i = 0; i < 2; i++) {
                long refetches = tracker.stats().refetches();
                int records = events(quietChange());
                check(records == 1, variant + ": cycle emitted " + records + " records, expected 1");
                long expected = variant.equals("quietchange") ? refetches + 1 : refetches;
                check(
                        tracker.stats().refetches() == expected,
                        variant + ": " + tracker.stats().refetches() + " refetches, expected " + expected);
            }
            check(
                    tracker.state().size() == entries,
                    "tracked " + tracker.state().size() + " entries");
            PollCounters.reset();
            return;
        }
        for (int i = 0; i < 2; i++) {
            int records = events(connectorPoll());
            check(
                    records == expectedRecords,
                    variant + ": poll emitted " + records + " records, expected " + expectedRecords);
        }
        check(tracker.state().size() == entries, "tracked " + tracker.state().size() + " entries");
        PollCounters.reset();
    }

    private void checkWire(PollChecks.WireMark before) {
        PollChecks.checkWire(before, served, servedOther, gzip, compression);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sim.close();
    }

    @Benchmark
    public Object poll() throws Exception {
        if (variant.startsWith("quietchange")) {
            return quietChange();
        }
        if (variant.startsWith("get-") || variant.startsWith("parse-")) {
            return part();
        }
        return variant.equals("baseline") ? baseline() : connectorPoll();
    }

    /** One baseline part: body bytes received (get-*) or entries parsed (parse-*). */
    private long part() throws IOException, InterruptedException {
        return baselineParts.part(variant);
    }

    /** The queue changes after a quiet poll; the next poll brings the same body again (counted in the same op). */
    private List<SourceRecord> quietChange() {
        InstanceConfig target = flip ? second : first; // the priming polls left the tracker on first
        flip = !flip;
        List<SourceRecord> records = poll(target, true);
        check(events(poll(target, false)) == 0, "the second poll of a cycle is unchanged");
        return records;
    }

    private JsonNode baseline() throws IOException, InterruptedException {
        return baselineParts.baseline();
    }

    private List<SourceRecord> connectorPoll() {
        InstanceConfig target = variant.equals("unchanged") || variant.equals("notmodified") || !flip ? first : second;
        flip = !flip;
        return poll(target, true);
    }

    /** One poll as the task makes it; {@code counted}: one operation for the profiler's per-op figures. */
    private List<SourceRecord> poll(InstanceConfig target, boolean counted) {
        BodyExpectation expectation = tracker.nextBody(!variant.equals("quietchange-stored"));
        long received = client.bodyBytesReceived();
        FetchResult result = client.fetch(target, tracker.lastValidators(), tracker.lastBody(), expectation)
                .join();
        PollCounters.addWire(client.bodyBytesReceived() - received); // counted as read, before the future completes
        if (result instanceof FetchResult.Failure) {
            throw new IllegalStateException("fetch failed: " + result);
        }
        List<SourceRecord> out = new ArrayList<>();
        long cpu = PollCounters.threadCpu();
        long wall = System.nanoTime();
        tracker.onResult(result, System.currentTimeMillis(), out);
        if (counted) {
            PollCounters.add(System.nanoTime() - wall, PollCounters.threadCpu() - cpu);
        }
        tracked.written(out); // as Connect acknowledges them once written, outside the measured step
        return out;
    }

    /** Not used by JMH: a quick manual check, {@code PollBenchmark 10000 changed1 [gzip]}. */
    public static void main(String[] args) throws Exception {
        PollBenchmark b = new PollBenchmark();
        b.entries = Integer.parseInt(args[0]);
        b.variant = args[1];
        b.compression = args.length > 2 ? args[2] : "identity";
        b.setUp();
        try {
            ClientCpuProfiler cpu = new ClientCpuProfiler();
            for (int round = 0; round < Integer.getInteger("rounds", 5); round++) {
                long t = System.nanoTime();
                int n = 0;
                cpu.beforeIteration(null, null);
                while (System.nanoTime() - t < 1_000_000_000L) {
                    b.poll();
                    n++;
                }
                StringBuilder figures = new StringBuilder();
                cpu.afterIteration(null, null, null)
                        .forEach(r -> figures.append(String.format(" %s=%.1f", r.getLabel(), r.getScore())));
                System.out.printf(
                        "%s %d: %.1f us/op%s%n", b.variant, b.entries, (System.nanoTime() - t) / 1e3 / n, figures);
            }
        } finally {
            b.tearDown();
        }
    }
}
