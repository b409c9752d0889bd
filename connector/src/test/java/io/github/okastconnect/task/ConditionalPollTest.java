package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.BodyExpectation;
import io.github.okastconnect.http.CacheValidators;
import io.github.okastconnect.http.FailureCause;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.http.HttpSettings;
import io.github.okastconnect.http.StatusClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conditional polls against a real HTTP server that honours If-None-Match: a 304 is an unchanged queue (no
 * transfer, no parsing, no event), a changed queue still comes through, and nothing conditional is sent when off.
 */
class ConditionalPollTest {
    private static final String STATUS_PATH = "/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php";
    private static final String ENTRY = "{\"request\":{\"filePath\":\"https://x/a.mp4\"},\"requestTime\":"
            + "\"2022-1018 14:20:00\",\"lastStatusUpdate\":\"2022-1018 14:20:0%d\",\"status\":\"%s\"}";

    private HttpServer server;
    private volatile String body;
    private volatile String etag;
    private volatile boolean honourConditional = true;
    private final ConcurrentLinkedQueue<String> ifNoneMatch = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(STATUS_PATH, exchange -> {
            String sent = exchange.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(sent == null ? "-" : sent);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", etag);
            if (honourConditional && etag.equals(sent)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        server.start();
        setQueue(0, "PENDING", "\"v1\"");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void setQueue(int second, String status, String newEtag) {
        body = "[" + String.format(ENTRY, second, status) + "]";
        etag = newEtag;
    }

    private InstanceConfig instance() {
        return new InstanceConfig(
                "paris",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + STATUS_PATH),
                new Credentials.None());
    }

    private static InstanceTracker tracker(InstanceConfig instance) {
        return new InstanceTracker(
                instance,
                InstanceState.empty(),
                TestStateWriters.writer(instance.id()),
                TestPipelines.standard(),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                1_000,
                0);
    }

    private static StatusClient client(boolean conditional) {
        return new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20)
                        .withConditionalRequests(conditional),
                Clock.systemUTC());
    }

    private static List<SourceRecord> poll(StatusClient client, InstanceTracker tracker, List<FetchResult> seen)
            throws Exception {
        // As the task calls it.
        FetchResult result = client.fetch(
                        tracker.instance(), tracker.lastValidators(), tracker.lastBody(), tracker.nextBody(true))
                .get(10, TimeUnit.SECONDS);
        seen.add(result);
        List<SourceRecord> out = new ArrayList<>();
        tracker.onResult(result, 1, out);
        out.removeIf(StateRecordsFilter::isStateRecord);
        return out;
    }

    @Test
    void aNotModifiedAnswerIsAnUnchangedQueueAndAChangeStillComesThrough() throws Exception {
        StatusClient client = client(true);
        InstanceTracker tracker = tracker(instance());
        List<FetchResult> results = new ArrayList<>();

        assertEquals(1, poll(client, tracker, results).size(), "first sight");
        assertEquals(new CacheValidators("\"v1\"", null), tracker.lastValidators());
        assertEquals(0, poll(client, tracker, results).size());
        assertInstanceOf(FetchResult.NotModified.class, results.get(1));
        assertEquals(1, tracker.stats().unchangedBodies());

        setQueue(5, "DONE", "\"v2\"");
        List<SourceRecord> change = poll(client, tracker, results);
        assertEquals(1, change.size());
        assertEquals(
                "STATUS_CHANGED",
                ((org.apache.kafka.connect.data.Struct) change.get(0).value()).getString("changeType"));
        assertEquals(0, poll(client, tracker, results).size());
        assertInstanceOf(FetchResult.NotModified.class, results.get(3));
        assertEquals(List.of("-", "\"v1\"", "\"v1\"", "\"v2\""), List.copyOf(ifNoneMatch));
        assertEquals(2, tracker.stats().unchangedBodies());
        assertEquals(0, tracker.stats().failures());
    }

    @Test
    void nothingConditionalIsSentWhenTurnedOff() throws Exception {
        StatusClient client = client(false);
        InstanceTracker tracker = tracker(instance());
        List<FetchResult> results = new ArrayList<>();
        assertEquals(1, poll(client, tracker, results).size());
        assertEquals(0, poll(client, tracker, results).size(), "identical body: nothing changed");
        assertEquals(0, poll(client, tracker, results).size(), "identical body: skipped by its fingerprint");
        assertEquals(List.of("-", "-", "-"), List.copyOf(ifNoneMatch));
        assertInstanceOf(FetchResult.SameBody.class, results.get(2));
    }

    /** A plain PHP endpoint ignores If-None-Match: the body comes again and its fingerprint says it is the same. */
    @Test
    void anIdenticalBodyFromAServerIgnoringValidatorsIsAnUnchangedQueueAndAChangeStillComesThrough() throws Exception {
        honourConditional = false;
        StatusClient client = client(true);
        InstanceTracker tracker = tracker(instance());
        List<FetchResult> results = new ArrayList<>();
        int length = body.getBytes(StandardCharsets.UTF_8).length;

        assertEquals(1, poll(client, tracker, results).size(), "first sight");
        assertEquals(BodyExpectation.CHANGED, tracker.nextBody(true), "after a change, another change is expected");
        assertEquals(0, poll(client, tracker, results).size());
        // Read without a fingerprint (a change was expected), found to change nothing: fingerprinted then.
        assertNull(assertInstanceOf(FetchResult.Success.class, results.get(1)).fingerprint());
        assertNotNull(tracker.lastBody(), "a body that changed nothing is fingerprinted by the tracker");
        assertEquals(BodyExpectation.SAME_COMPARED_ON_ARRIVAL, tracker.nextBody(true), "expected again");
        assertEquals(BodyExpectation.SAME, tracker.nextBody(false));
        assertEquals(0, poll(client, tracker, results).size());
        FetchResult.SameBody same = assertInstanceOf(FetchResult.SameBody.class, results.get(2));
        assertEquals(length, same.bodyBytes());
        assertEquals(1, tracker.stats().unchangedBodies());
        assertEquals(3L * length, tracker.stats().bytesFetched());

        // Same length, one character different: must not pass for the same body, though it is compared block by
        // block as it arrives this time.
        setQueue(0, "PENDINX", "\"v2\"");
        assertEquals(length, body.getBytes(StandardCharsets.UTF_8).length);
        List<SourceRecord> change = poll(client, tracker, results);
        assertEquals(1, change.size());
        assertEquals(
                "PENDINX", ((org.apache.kafka.connect.data.Struct) change.get(0).value()).getString("status"));
        assertEquals(new CacheValidators("\"v2\"", null), tracker.lastValidators());
        assertEquals(BodyExpectation.CHANGED, tracker.nextBody(true));
        assertEquals(0, poll(client, tracker, results).size());
        assertInstanceOf(FetchResult.Success.class, results.get(4), "read whole: a change was expected");
        assertEquals(0, poll(client, tracker, results).size());
        assertInstanceOf(FetchResult.SameBody.class, results.get(5), "compared as it arrived, and the same");
        assertEquals(0, poll(client, tracker, results).size());
        assertInstanceOf(FetchResult.SameBody.class, results.get(6));
        assertEquals(3, tracker.stats().unchangedBodies());
        assertEquals(0, tracker.stats().failures());
    }

    /**
     * A queue that was quiet is compared as it arrives and not stored; when it then changes after its first block,
     * the body is fetched a second time, and the change comes through once, counted as a refetch.
     */
    @Test
    void aQuietQueueThatChangesAfterItsFirstBlockIsFetchedAgainAndTheChangeComesThroughOnce() throws Exception {
        honourConditional = false;
        StatusClient client = client(false);
        InstanceTracker tracker = tracker(instance());
        List<FetchResult> results = new ArrayList<>();
        int entries = 2_000;
        body = queue(entries, "PENDING");
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(length > 2 * io.github.okastconnect.http.BodyFingerprint.BLOCK_BYTES, "spans several blocks");

        assertEquals(entries, poll(client, tracker, results).size(), "first sight");
        assertEquals(0, poll(client, tracker, results).size());
        assertEquals(BodyExpectation.SAME_COMPARED_ON_ARRIVAL, tracker.nextBody(true));

        body = queue(entries, "PENDINX"); // only the last entry changes, same length
        List<SourceRecord> change = poll(client, tracker, results);
        assertEquals(1, change.size());
        assertEquals(
                "PENDINX", ((org.apache.kafka.connect.data.Struct) change.get(0).value()).getString("status"));
        assertEquals(1, tracker.stats().refetches());
        assertEquals(4, ifNoneMatch.size(), "one GET more than polls");
        assertEquals(4L * length, tracker.stats().bytesFetched(), "the dropped response counts as fetched");

        assertEquals(0, poll(client, tracker, results).size());
        assertInstanceOf(FetchResult.Success.class, results.get(3), "read whole after a change");
        assertEquals(0, poll(client, tracker, results).size());
        assertInstanceOf(FetchResult.SameBody.class, results.get(4));
        assertEquals(1, tracker.stats().refetches());
        assertEquals(0, tracker.stats().failures());
    }

    /** {@code entries} entries, the last one with {@code lastStatus}, the others PENDING. */
    private static String queue(int entries, String lastStatus) {
        StringBuilder queue = new StringBuilder("[");
        for (int i = 0; i < entries; i++) {
            queue.append(i == 0 ? "" : ",")
                    .append(String.format(ENTRY, 0, i == entries - 1 ? lastStatus : "PENDING")
                            .replace("a.mp4", "a" + (10_000 + i) + ".mp4"));
        }
        return queue.append(']').toString();
    }

    /** A caller that does not hand the client lastBody() gets a Success; the tracker still sees it is the same. */
    @Test
    void anIdenticalSuccessIsAnUnchangedQueueForTheTrackerToo() throws Exception {
        honourConditional = false;
        StatusClient client = client(false);
        InstanceTracker tracker = tracker(instance());
        List<SourceRecord> out = new ArrayList<>();
        tracker.onResult(client.fetch(tracker.instance()).get(10, TimeUnit.SECONDS), 1, out);
        out.removeIf(StateRecordsFilter::isStateRecord);
        assertEquals(1, out.size(), "first sight");

        etag = "\"v9\"";
        FetchResult again = client.fetch(tracker.instance()).get(10, TimeUnit.SECONDS);
        assertInstanceOf(FetchResult.Success.class, again);
        out.clear();
        tracker.onResult(again, 1, out);
        out.removeIf(StateRecordsFilter::isStateRecord);
        assertEquals(0, out.size());
        assertEquals(1, tracker.stats().unchangedBodies());
        assertEquals(new CacheValidators("\"v9\"", null), tracker.lastValidators());
        assertEquals(
                2L * body.getBytes(StandardCharsets.UTF_8).length,
                tracker.stats().bytesFetched());
    }

    @Test
    void aNotModifiedAnswerToAPlainRequestIsAFailureNotAnUnchangedQueue() throws Exception {
        server.removeContext(STATUS_PATH);
        server.createContext(STATUS_PATH, exchange -> {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
        });
        FetchResult result =
                client(true).fetch(instance(), CacheValidators.NONE).get(10, TimeUnit.SECONDS);
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, result);
        assertEquals(FailureCause.UNEXPECTED_STATUS, failure.cause());
        assertNull(failure.retryAfter().orElse(null));
    }
}
