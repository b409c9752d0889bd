package io.github.okastconnect.tracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.streams.Summary;
import io.github.okastconnect.tracker.Views.IngestView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers API queries from any application instance: per-instance and per-entry queries go to the
 * application instance that owns the Okast instance's partition (Streams' metadata for the instance name,
 * the repartition key), overviews and searches gather the local answers of every application instance.
 */
final class TrackerService {

    /** Marks a request forwarded by another application instance: answer from local state only. */
    static final String LOCAL_HEADER = "X-Okast-Tracker-Local";

    /** An answer: a value to write as JSON, or the bytes and status another application instance answered. */
    record Answer(int status, Object value, byte[] forwardedBody) {
        static Answer ok(Object value) {
            return new Answer(200, value, null);
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalQueries local;
    private final ObjectMapper mapper;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    TrackerService(KafkaStreams streams, HostInfo self, LocalQueries local, ObjectMapper mapper) {
        this.streams = streams;
        this.self = self;
        this.local = local;
        this.mapper = mapper;
    }

    Answer instances(String pathAndQuery, boolean localOnly) {
        if (localOnly) {
            return Answer.ok(new Views.InstancesView(local.instances(), List.of()));
        }
        Gathered<Views.InstancesView> parts = gather(
                pathAndQuery, Views.InstancesView.class, () -> new Views.InstancesView(local.instances(), List.of()));
        List<Summary> all = new ArrayList<>();
        parts.values.forEach(v -> all.addAll(v.instances()));
        all.sort(Comparator.comparing(Summary::instance));
        return Answer.ok(new Views.InstancesView(all, parts.unavailable));
    }

    Answer instance(String instance, String pathAndQuery, boolean localOnly) {
        return routed(
                instance,
                pathAndQuery,
                localOnly,
                () -> local.instance(instance)
                        .orElseThrow(() -> HttpProblem.notFound("no instance '" + instance + "' has been seen")));
    }

    Answer ingests(
            String instance, Set<String> statuses, int offset, int limit, String pathAndQuery, boolean localOnly) {
        return routed(instance, pathAndQuery, localOnly, () -> {
            if (local.instance(instance).isEmpty()) {
                throw HttpProblem.notFound("no instance '" + instance + "' has been seen");
            }
            return local.ingests(instance, statuses, offset, limit);
        });
    }

    Answer ingest(String id, String pathAndQuery, boolean localOnly) {
        String key = EntryIds.fromId(id).orElseThrow(() -> HttpProblem.notFound("no ingest with id '" + id + "'"));
        return routed(
                EntryIds.instanceOf(key),
                pathAndQuery,
                localOnly,
                () -> local.ingest(key)
                        .orElseThrow(() -> HttpProblem.notFound(
                                "no ingest with id '" + id + "' (never seen, or past retention)")));
    }

    Answer search(String q, int limit, String pathAndQuery, boolean localOnly) {
        if (localOnly) {
            return Answer.ok(local.search(q, limit));
        }
        Gathered<Views.SearchResult> parts =
                gather(pathAndQuery, Views.SearchResult.class, () -> local.search(q, limit));
        List<IngestView> all = new ArrayList<>();
        boolean truncated = false;
        for (Views.SearchResult part : parts.values) {
            all.addAll(part.items());
            truncated |= part.truncated();
        }
        all.sort(Views::newestFirst);
        truncated |= all.size() > limit;
        return Answer.ok(new Views.SearchResult(
                q, limit, truncated, List.copyOf(all.subList(0, Math.min(limit, all.size()))), parts.unavailable));
    }

    Answer attention(int limit, String pathAndQuery, boolean localOnly) {
        Supplier<Views.Attention> mine =
                () -> new Views.Attention(local.stuckThresholdMs(), local.stuck(null), local.errored(limit), List.of());
        if (localOnly) {
            return Answer.ok(mine.get());
        }
        Gathered<Views.Attention> parts = gather(pathAndQuery, Views.Attention.class, mine);
        List<Views.StuckView> stuck = new ArrayList<>();
        List<IngestView> errored = new ArrayList<>();
        for (Views.Attention part : parts.values) {
            stuck.addAll(part.stuck());
            errored.addAll(part.errored());
        }
        stuck.sort(
                Comparator.comparingLong(Views.StuckView::stuckForMs).reversed().thenComparing(Views.StuckView::id));
        errored.sort(
                Comparator.comparingLong(TrackerService::erroredAt).reversed().thenComparing(IngestView::id));
        return Answer.ok(new Views.Attention(
                local.stuckThresholdMs(),
                stuck,
                List.copyOf(errored.subList(0, Math.min(limit, errored.size()))),
                parts.unavailable));
    }

    private static long erroredAt(IngestView view) {
        return view.timeline().isEmpty()
                ? view.entry().updatedAtMs()
                : view.timeline().get(view.timeline().size() - 1).enteredAtMs();
    }

    private Answer routed(String instance, String pathAndQuery, boolean localOnly, Supplier<Object> answer) {
        if (!localOnly) {
            KeyQueryMetadata owner;
            try {
                owner = streams.queryMetadataForKey(
                        TrackerStores.ENTRIES, instance, Serdes.String().serializer());
            } catch (RuntimeException e) {
                throw HttpProblem.unavailable("the tracker is starting or rebalancing; retry shortly");
            }
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || owner.activeHost() == null) {
                throw HttpProblem.unavailable("the tracker is starting or rebalancing; retry shortly");
            }
            if (!owner.activeHost().equals(self)) {
                return forward(owner.activeHost(), pathAndQuery);
            }
        }
        return Answer.ok(answer.get());
    }

    private Answer forward(HostInfo host, String pathAndQuery) {
        try {
            HttpResponse<byte[]> response =
                    client.send(request(host, pathAndQuery), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), null, response.body());
        } catch (IOException e) {
            throw HttpProblem.unavailable("the tracker instance that owns this data (" + host.host() + ":" + host.port()
                    + ") does not answer; retry shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpProblem.unavailable("interrupted");
        }
    }

    private HttpRequest request(HostInfo host, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .header(LOCAL_HEADER, "1")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private record Gathered<T>(List<T> values, List<String> unavailable) {}

    /** The local answer and those of every other application instance, asked in parallel. */
    private <T> Gathered<T> gather(String pathAndQuery, Class<T> type, Supplier<T> localAnswer) {
        Set<HostInfo> hosts = new TreeSet<>(Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port));
        try {
            streams.metadataForAllStreamsClients().stream()
                    .map(StreamsMetadata::hostInfo)
                    .forEach(hosts::add);
        } catch (RuntimeException e) {
            throw HttpProblem.unavailable("the tracker is starting; retry shortly");
        }
        hosts.remove(self);
        Map<HostInfo, CompletableFuture<HttpResponse<byte[]>>> pending = new LinkedHashMap<>();
        for (HostInfo host : hosts) {
            pending.put(host, client.sendAsync(request(host, pathAndQuery), HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<T> values = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        try {
            values.add(localAnswer.get());
        } catch (InvalidStateStoreException e) {
            unavailable.add(self.host() + ":" + self.port());
        }
        pending.forEach((host, future) -> {
            Optional<T> value = Optional.empty();
            try {
                HttpResponse<byte[]> response = future.join();
                if (response.statusCode() == 200) {
                    value = Optional.of(mapper.readValue(response.body(), type));
                }
            } catch (RuntimeException | IOException e) {
                // reported as unavailable below
            }
            value.ifPresentOrElse(values::add, () -> unavailable.add(host.host() + ":" + host.port()));
        });
        return new Gathered<>(values, unavailable);
    }
}
