package io.github.okastconnect.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

/**
 * The baseline side of {@link PollBenchmark}: the GET and the parse a JVM client that reads the body cannot avoid,
 * each alone ({@code get-*}, {@code parse-*}), and the first round's baseline (a java.net.http GET into a byte[]
 * plus Jackson's {@code readTree}) in one operation. Every method feeds {@link PollCounters} as the connector's path
 * does, so the profiler's per-operation figures compare like with like.
 */
final class BaselineParts {
    /** The connector's inflater input buffer (ContentCoding), so both sides decode alike. */
    private static final int GZIP_BUFFER = 64 * 1024;

    private final URI statusUri;
    private final boolean gzip;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpRequest request;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = new JsonFactory();
    private final byte[] receive = new byte[64 * 1024];
    /** The body the parse parts read, already in memory. */
    private final byte[] body;

    /**
     * @param statusUri where the GETs go
     * @param gzip whether the baseline asks for gzip (the parts are measured on identity answers only)
     * @param body the body the parse parts read
     */
    BaselineParts(URI statusUri, boolean gzip, byte[] body) {
        this.statusUri = statusUri;
        this.gzip = gzip;
        this.body = body;
        HttpRequest.Builder builder = HttpRequest.newBuilder(statusUri).GET().header("Accept", "application/json");
        if (gzip) {
            builder.header("Accept-Encoding", "gzip"); // the JDK client neither asks for gzip nor decodes it itself
        }
        this.request = builder.build();
    }

    /** One baseline part: body bytes received (get-*) or entries parsed (parse-*). */
    long part(String variant) throws IOException, InterruptedException {
        return switch (variant) {
            case "get-urlconnection" -> getUrlConnection();
            case "get-httpclient" -> getHttpClient();
            case "parse-readtree" -> parseTree();
            case "parse-streaming" -> parseStreaming();
            default -> throw new IllegalStateException(variant);
        };
    }

    private long getUrlConnection() throws IOException {
        HttpURLConnection c = (HttpURLConnection) statusUri.toURL().openConnection();
        c.setRequestProperty("Accept", "application/json");
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException("HTTP " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            return drain(in); // read to the end and closed: the connection goes back to the keep-alive cache
        }
    }

    private long getHttpClient() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        try (InputStream in = response.body()) {
            return drain(in);
        }
    }

    private long drain(InputStream in) throws IOException {
        long n = 0;
        for (int r; (r = in.read(receive)) >= 0; ) {
            n += r;
        }
        PollCounters.addWire(n);
        PollCounters.countOp();
        return n;
    }

    private long parseTree() throws IOException {
        long cpu = PollCounters.threadCpu();
        long wall = System.nanoTime();
        JsonNode tree = mapper.readTree(body);
        PollCounters.add(System.nanoTime() - wall, PollCounters.threadCpu() - cpu);
        return tree.size();
    }

    /**
     * The fields the connector reads, as text, and nothing else: every other value is skipped as a token (its text
     * never made into a String). Returns the entries seen; the lengths read keep the JIT from dropping the reads.
     */
    private long parseStreaming() throws IOException {
        long cpu = PollCounters.threadCpu();
        long wall = System.nanoTime();
        long entriesSeen = 0;
        long textLength = 0;
        try (JsonParser p = factory.createParser(body)) {
            PollChecks.check(p.nextToken() == JsonToken.START_ARRAY, "not an array");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                entriesSeen++;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "requestTime", "lastStatusUpdate", "status", "statusError" ->
                            textLength += value == JsonToken.VALUE_NULL
                                    ? 0
                                    : p.getText().length();
                        case "request" -> {
                            if (value != JsonToken.START_OBJECT) {
                                p.skipChildren();
                                continue;
                            }
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                boolean filePath = p.currentName().equals("filePath");
                                JsonToken v = p.nextToken();
                                if (filePath && v == JsonToken.VALUE_STRING) {
                                    textLength += p.getText().length();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            }
        }
        PollCounters.add(System.nanoTime() - wall, PollCounters.threadCpu() - cpu);
        PollChecks.check(textLength > 0, "nothing read");
        return entriesSeen;
    }

    /** The first round's baseline: GET into a byte[] (gzip decoded if asked for) and {@code readTree}. */
    JsonNode baseline() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        boolean gzipped = response.headers()
                .firstValue("Content-Encoding")
                .orElse("identity")
                .equals("gzip");
        PollChecks.check(
                gzipped == gzip,
                (gzip ? "gzip" : "identity") + " baseline got Content-Encoding "
                        + response.headers().firstValue("Content-Encoding"));
        byte[] received = response.body();
        PollCounters.addWire(received.length);
        long cpu = PollCounters.threadCpu();
        long wall = System.nanoTime();
        // Decoding streams into the parser: the decoded body is never held whole, the least work gzip can cost.
        JsonNode tree = gzipped
                ? mapper.readTree(new GZIPInputStream(new ByteArrayInputStream(received), GZIP_BUFFER))
                : mapper.readTree(received);
        PollCounters.add(System.nanoTime() - wall, PollCounters.threadCpu() - cpu);
        return tree;
    }
}
