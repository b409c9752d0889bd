package io.github.okastconnect.simulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts new ingest requests to every instance of a simulator through its real add endpoint, so a
 * quickstart shows entries being born and moving through their lifecycle. Uses the wall clock for
 * its schedule (it is for live demos; tests drive instances directly).
 */
public final class IngestFeeder implements AutoCloseable {

    private final OkastSimulator simulator;
    private final FeederSettings settings;
    private final Random random; // only the scheduler thread touches it
    private final List<String> sentPaths = new ArrayList<>(); // only the scheduler thread touches it
    private String bearerToken; // only the scheduler thread touches it
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    IngestFeeder(OkastSimulator simulator, FeederSettings settings) {
        this.simulator = simulator;
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "okast-sim-feeder");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        long millis = Math.max(1, settings.interval().toMillis());
        scheduler.scheduleAtFixedRate(this::feedAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Requests answered 200. */
    public long sentCount() {
        return sent.get();
    }

    /** Requests that failed (non-200 or I/O error). */
    public long failedCount() {
        return failed.get();
    }

    private void feedAll() {
        for (SimulatedInstance instance : simulator.instances()) {
            try {
                feed(instance);
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet(); // keep feeding the others; a scheduled task that throws is never run again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void feed(SimulatedInstance instance) throws IOException, InterruptedException {
        String form = encode(nextRequest(instance.name()).fields());
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.addUri())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        authorization(instance).ifPresent(value -> request.header("Authorization", value));
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        (response.statusCode() == 200 ? sent : failed).incrementAndGet();
        if (response.statusCode() == 401) {
            bearerToken = null; // expired or revoked: take a new one next time
        }
    }

    /**
     * Basic credentials, or for an OAuth2 instance a token of the first registered client, taken through
     * {@link OAuth2TokenEndpoint#issueToken} (so it counts as issued) and kept until refused.
     */
    private Optional<String> authorization(SimulatedInstance instance) {
        if (!instance.oauth2Required()) {
            return instance.basicAuth().map(BasicCredentials::headerValue);
        }
        if (bearerToken == null) {
            SortedSet<String> clients = simulator.oauth2().clientIds();
            if (clients.isEmpty()) {
                return Optional.empty();
            }
            bearerToken = simulator.oauth2().issueToken(clients.first());
        }
        return Optional.of("Bearer " + bearerToken);
    }

    private IngestRequest nextRequest(String instance) {
        double roll = random.nextDouble();
        if (roll < settings.missingFilePathRate()) {
            return IngestRequest.builder().reschedule("2022-10-19").build();
        }
        String filePath;
        if (roll < settings.missingFilePathRate() + settings.duplicateRate() && !sentPaths.isEmpty()) {
            filePath = sentPaths.get(random.nextInt(sentPaths.size()));
        } else {
            filePath = "https://storage.example.com/media/" + instance + "/" + RequestGenerator.hex(random.nextLong())
                    + ".mp4";
            if (sentPaths.size() < 10_000) {
                sentPaths.add(filePath);
            }
        }
        return IngestRequest.builder()
                .filePath(filePath)
                .metadataPath(filePath.replace(".mp4", ".json"))
                .destinationFolder(RequestGenerator.uuid(random))
                .destinationFolderKind("queueBottom")
                .build();
    }

    private static String encode(Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
