package io.github.okastconnect.tracker;

import io.github.okastconnect.streams.EntryKey;
import io.github.okastconnect.testkit.Directories;
import io.github.okastconnect.testkit.SingleBrokerKafka;
import io.github.okastconnect.testkit.TopicReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * Benchmark, not a test: N ingests over M Okast instances (each PENDING → DOWNLOADING → PROCESSING → DONE, as the
 * connector writes them) go through a real in-process broker into one tracker with persistent stores; then an
 * HTTP client times searches by file name and timeline lookups, and the tracker's heap and state-store disk per
 * tracked ingest are measured. Run by {@code benchmarks/tracker-bench.sh}; reports, asserts nothing.
 *
 * <pre>TrackerBench --ingests 1000000 --instances 100 --queries 2000 --results benchmarks/results/tracker.md</pre>
 */
public final class TrackerBench {

    private static final String TOPIC = "okast.ingest.lifecycle";
    private static final String[] STEPS = {"PENDING", "DOWNLOADING", "PROCESSING", "DONE"};

    private TrackerBench() {}

    public static void main(String[] args) throws Exception {
        int ingests = intArg(args, "--ingests", 100_000);
        int instances = intArg(args, "--instances", 100);
        int queries = intArg(args, "--queries", 2000);
        Path results = Path.of(strArg(args, "--results", "tracker-bench.md"));
        Path stateDir = Path.of(System.getProperty("bench.stateRoot", "target"), "bench-state-" + System.nanoTime());
        String command = "benchmarks/tracker-bench.sh " + String.join(" ", args);

        KafkaClusterTestKit kafka = SingleBrokerKafka.start();
        IngestTracker tracker = null;
        try {
            TopicReader.createTopic(kafka.bootstrapServers(), TOPIC, 4);
            long t0 = System.nanoTime();
            List<String[]> sample = produce(kafka, ingests, instances, Math.max(queries, 1000));
            double produceS = (System.nanoTime() - t0) / 1e9;
            System.out.printf("produced %,d events in %.1f s%n", ingests * 4L, produceS);

            long heapBefore = usedHeapAfterGc();
            t0 = System.nanoTime();
            tracker = IngestTracker.start(
                    TrackerSettings.defaults()
                            .withBootstrapServers(kafka.bootstrapServers())
                            .withApplicationId("tracker-bench")
                            .withHttpPort(0)
                            .withStateDir(stateDir.toString()),
                    new Properties());
            HttpClient client = HttpClient.newHttpClient();
            String base = tracker.url();
            long completed = 0;
            while (completed < ingests) {
                Thread.sleep(2000);
                completed = completed(client, base);
                System.out.printf(
                        "  tracked: %,d of %,d DONE (%.0f s)%n", completed, ingests, (System.nanoTime() - t0) / 1e9);
            }
            double loadS = (System.nanoTime() - t0) / 1e9;
            long heapAfter = usedHeapAfterGc();
            long storeBytes = sizeOf(stateDir);

            // Queries: file names (the last path segment, what people type) and timelines of sampled ingests.
            SplittableRandom random = new SplittableRandom(42);
            List<Long> search = new ArrayList<>();
            List<Long> timeline = new ArrayList<>();
            int warmup = Math.max(200, queries / 10);
            for (int i = 0; i < warmup + queries; i++) {
                String[] entry = sample.get(random.nextInt(sample.size()));
                String fileName = entry[1].substring(entry[1].lastIndexOf('/') + 1);
                long s = timed(
                        client, base + "api/search?q=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8), entry[1]);
                String id = EntryIds.toId(EntryIds.storeKey(new EntryKey(entry[0], entry[1], entry[2], 0)));
                long t = timed(client, base + "api/ingests/" + id, entry[1]);
                if (i >= warmup) {
                    search.add(s);
                    timeline.add(t);
                }
            }
            String report = report(
                    command,
                    ingests,
                    instances,
                    queries,
                    produceS,
                    loadS,
                    heapBefore,
                    heapAfter,
                    storeBytes,
                    search,
                    timeline);
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, report);
            System.out.println(report);
        } finally {
            if (tracker != null) {
                tracker.close();
            }
            kafka.close();
            Directories.deleteRecursively(stateDir);
        }
    }

    /** Writes every event; returns a sample of (instance, filePath, requestTime) spread over all ingests. */
    private static List<String[]> produce(KafkaClusterTestKit kafka, int ingests, int instances, int sampleSize)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        List<String[]> sample = new ArrayList<>();
        int every = Math.max(1, ingests / sampleSize);
        SplittableRandom random = new SplittableRandom(7);
        // Requests 100 ms apart, ending now: all within the 7-day retention, so none is purged while measured.
        long start = System.currentTimeMillis() - ingests * 100L - 60_000L;
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < ingests; i++) {
                String instance = String.format("channel-%03d", i % instances);
                // Simulator-like paths: ~60 characters, a random 16-hex-digit file name.
                String path = "https://storage.example.com/media/" + instance + "/"
                        + String.format("%016x", random.nextLong()) + ".mp4";
                long requested = start + i * 100L;
                Events e = new Events(instance, path, "r" + i, requested);
                for (int s = 0; s < STEPS.length; s++) {
                    String value = s == 0
                            ? e.newEvent(STEPS[s], requested + 500)
                            : e.changedTo(STEPS[s], requested + 500 + s * 7000L);
                    producer.send(new ProducerRecord<>(TOPIC, e.key(), value));
                }
                if (i % every == 0) {
                    sample.add(new String[] {instance, path, "r" + i});
                }
            }
            producer.flush();
        }
        return sample;
    }

    private static long completed(HttpClient client, String base) throws Exception {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(base + "api/instances")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return 0;
        }
        long sum = 0;
        for (var node : Http.MAPPER.readTree(r.body()).path("instances")) {
            sum += node.path("completed").asLong();
        }
        return sum;
    }

    /** Microseconds for one GET, checked to have found the ingest. */
    private static long timed(HttpClient client, String url, String expectedPath) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r =
                client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        long micros = (System.nanoTime() - t0) / 1000;
        if (r.statusCode() != 200 || !r.body().contains(expectedPath)) {
            throw new IllegalStateException("unexpected answer to " + url + ": " + r.statusCode() + " " + r.body());
        }
        return micros;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
            min = Math.min(
                    min,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static String report(
            String command,
            int ingests,
            int instances,
            int queries,
            double produceS,
            double loadS,
            long heapBefore,
            long heapAfter,
            long storeBytes,
            List<Long> search,
            List<Long> timeline) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Ingest tracker: ")
                .append(String.format(Locale.ROOT, "%,d", ingests))
                .append(" ingests over ")
                .append(instances)
                .append(" instances\n\n");
        sb.append("Command: `")
                .append(command)
                .append("`. Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, shared with other builds (timings are indicative). JVM ")
                .append(System.getProperty("java.version"))
                .append(", -Xmx")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .append(" MiB. ")
                .append(
                        "One in-process broker (Kafka test kit), input topic of 4 partitions, one tracker with persistent ")
                .append(
                        "(RocksDB) stores, defaults otherwise. Each ingest: NEW PENDING, then DOWNLOADING, PROCESSING, DONE ")
                .append(
                        "(4 events, ~60-character paths with a random 16-hex-digit file name, requests 100 ms apart ending ")
                .append("at the run, so none is past retention). Run ")
                .append(Instant.now())
                .append(".\n\n");
        sb.append(String.format(
                        Locale.ROOT,
                        "Events produced before the tracker starts: %,d in %.1f s; the tracker then ",
                        ingests * 4L,
                        produceS))
                .append(String.format(
                        Locale.ROOT,
                        "read and tracked them all in %.1f s (%,.0f events/s).%n%n",
                        loadS,
                        ingests * 4L / loadS));
        sb.append("| Query (HTTP client → tracker, sequential, ")
                .append(queries)
                .append(" timed after warm-up) | p50 | p99 | max |\n");
        sb.append("|---|---|---|---|\n");
        sb.append(row("search by file name (`/api/search?q=<16hex>.mp4`)", search));
        sb.append(row("timeline (`/api/ingests/{id}`)", timeline));
        sb.append("\n| Footprint | Total | Per tracked ingest |\n|---|---|---|\n");
        sb.append(String.format(
                Locale.ROOT,
                "| JVM heap used after GC, tracker started and loaded minus before (broker in the same JVM) | %,.1f MiB | %,d bytes |%n",
                (heapAfter - heapBefore) / 1048576.0,
                (heapAfter - heapBefore) / ingests));
        sb.append(String.format(
                Locale.ROOT,
                "| state-store directory (RocksDB files + checkpoints) | %,.1f MiB | %,d bytes |%n",
                storeBytes / 1048576.0,
                storeBytes / ingests));
        sb.append(
                "\nThe heap figure excludes RocksDB's own memory (memtables, block cache: native, off-heap). The store "
                        + "directory holds the six stores (entries with their timelines, 24 search terms at most per path, live "
                        + "entries, figures, expiry and error indexes); changelog topics hold a compacted copy on the broker.\n");
        return sb.toString();
    }

    private static String row(String what, List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(
                Locale.ROOT,
                "| %s | %.2f ms | %.2f ms | %.2f ms |%n",
                what,
                pct(sorted, 50) / 1000.0,
                pct(sorted, 99) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    private static long pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static int intArg(String[] args, String name, int fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : fallback;
    }

    private static String strArg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
