package io.github.okastconnect.bench;

import static io.github.okastconnect.bench.Markdown.f;

import com.sun.net.httpserver.HttpServer;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.http.StatusClient;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.task.InstanceTracker;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Does the way the answer arrives change the client's CPU? The connector's unchanged-body gzip poll, against the
 * simulator (which compresses each answer as it sends it, so the bytes leave in small chunks over ~40 ms) and
 * against a server that sends the simulator's very same gzip bytes in one write with a Content-Length. Client CPU
 * = process CPU − the servers' threads − JIT, as in the JMH tables. A plain main, not part of run.sh:
 *
 * <pre>java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -cp "benchmarks/target/classes:benchmarks/target/lib/*"
 *     io.github.okastconnect.bench.GzipPacing [entries] [seconds]</pre>
 */
public final class GzipPacing {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private GzipPacing() {}

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (OkastSimulator sim = OkastSimulator.builder().threads(4).build().start()) {
            SimulatedInstance instance = Bodies.host(sim, "a", Bodies.generate(sim, entries, 7));
            HttpResponse<byte[]> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(instance.statusUri())
                                    .header("Accept-Encoding", "gzip")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            byte[] gzip = answer.body();
            HttpServer oneWrite = oneWriteServer(gzip);
            try {
                URI uri = URI.create("http://127.0.0.1:" + oneWrite.getAddress().getPort() + "/status");
                System.out.println(f(
                        "%d entries, %d gzip bytes; %d s warm-up, %d s measured per server",
                        entries, gzip.length, seconds, seconds));
                measure("simulator (compresses as it sends)", instance.statusUri(), seconds);
                measure("same bytes in one write", uri, seconds);
                measure("simulator again", instance.statusUri(), seconds);
            } finally {
                oneWrite.stop(0);
            }
        }
    }

    /** Threads named like the simulator's, so that they count as server threads. */
    private static HttpServer oneWriteServer(byte[] gzip) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "okast-sim-http-onewrite-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/status", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, gzip.length);
            exchange.getResponseBody().write(gzip);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void measure(String label, URI uri, int seconds) {
        try (StatusClient client = ConnectorParts.statusClient(true)) {
            InstanceConfig config = ConnectorParts.instance("pacing", uri);
            ConnectorParts.Tracked tracker = ConnectorParts.tracker(config, 1000);
            run(client, config, tracker, seconds); // warm-up; the first poll reads the body whole
            long unchangedBefore = tracker.tracker().stats().unchangedBodies();
            long wireBefore = client.bodyBytesReceived();
            long cpu = OS.getProcessCpuTime();
            long server = serverCpu();
            long jit = MachineCpu.jitNanos();
            int polls = run(client, config, tracker, seconds);
            double steady = (OS.getProcessCpuTime() - cpu - (serverCpu() - server) - (MachineCpu.jitNanos() - jit))
                    / 1e3
                    / polls;
            System.out.println(f(
                    "%-36s %5d polls (%d unchanged), %.0f wire bytes/poll: client steady CPU %s/poll,"
                            + " server %s/poll",
                    label,
                    polls,
                    tracker.tracker().stats().unchangedBodies() - unchangedBefore,
                    (double) (client.bodyBytesReceived() - wireBefore) / polls,
                    Markdown.micros(steady),
                    Markdown.micros((serverCpu() - server) / 1e3 / polls)));
        }
    }

    private static int run(StatusClient client, InstanceConfig config, ConnectorParts.Tracked tracked, int seconds) {
        InstanceTracker tracker = tracked.tracker();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int polls = 0;
        while (System.nanoTime() < end) {
            FetchResult result = client.fetch(
                            config, tracker.lastValidators(), tracker.lastBody(), tracker.nextBody(true))
                    .join();
            if (result instanceof FetchResult.Failure) {
                throw new IllegalStateException("poll failed: " + result);
            }
            List<SourceRecord> records = new ArrayList<>();
            tracker.onResult(result, System.currentTimeMillis(), records);
            tracked.written(records);
            polls++;
        }
        return polls;
    }

    private static long serverCpu() {
        long sum = 0;
        for (long id : THREADS.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
            if (info != null && ClientCpuProfiler.isServerThread(info.getThreadName())) {
                sum += Math.max(0, THREADS.getThreadCpuTime(id));
            }
        }
        return sum;
    }
}
