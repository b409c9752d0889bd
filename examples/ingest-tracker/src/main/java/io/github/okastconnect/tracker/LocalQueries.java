package io.github.okastconnect.tracker;

import io.github.okastconnect.streams.EntryKey;
import io.github.okastconnect.streams.EntryState;
import io.github.okastconnect.streams.InstanceStats;
import io.github.okastconnect.streams.Statuses;
import io.github.okastconnect.streams.Summary;
import io.github.okastconnect.tracker.Views.IngestView;
import io.github.okastconnect.tracker.Views.StuckView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Queries over the stores of this application instance only (the partitions it owns). {@link
 * TrackerService} decides which instance to ask and merges the answers.
 */
final class LocalQueries {

    /** Stores by name; from {@code KafkaStreams.store} in the app, from the test driver in tests. */
    interface Stores {
        <V> ReadOnlyKeyValueStore<String, V> get(String name);
    }

    /** A search stops collecting matches past this many, so one short query cannot read the whole index. */
    static final int MAX_SEARCH_MATCHES = 10_000;

    private final Stores stores;
    private final LongSupplier clock;
    private final long stuckThresholdMs;

    LocalQueries(Stores stores, LongSupplier clock, long stuckThresholdMs) {
        this.stores = stores;
        this.clock = clock;
        this.stuckThresholdMs = stuckThresholdMs;
    }

    /** Figures of the instances owned here, by name. */
    List<Summary> instances() {
        long now = clock.getAsLong();
        Map<String, Long> stuck = new HashMap<>();
        for (StuckView s : stuck(null)) {
            stuck.merge(s.entry().instance(), 1L, Long::sum);
        }
        List<Summary> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, InstanceStats> stats = stores.get(TrackerStores.STATS);
        try (KeyValueIterator<String, InstanceStats> it = stats.all()) {
            it.forEachRemaining(kv -> out.add(withStuck(kv.value.toSummary(now), stuck.getOrDefault(kv.key, 0L))));
        }
        out.sort(Comparator.comparing(Summary::instance));
        return out;
    }

    Optional<Summary> instance(String instance) {
        ReadOnlyKeyValueStore<String, InstanceStats> stats = stores.get(TrackerStores.STATS);
        InstanceStats s = stats.get(instance);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(
                withStuck(s.toSummary(clock.getAsLong()), stuck(instance).size()));
    }

    /** One instance's ingests, newest first, optionally only those in {@code statuses}. */
    Views.Page ingests(String instance, Set<String> statuses, int offset, int limit) {
        long now = clock.getAsLong();
        List<IngestView> matching = new ArrayList<>();
        ReadOnlyKeyValueStore<String, TrackedEntry> entries = stores.get(TrackerStores.ENTRIES);
        try (KeyValueIterator<String, TrackedEntry> it =
                entries.prefixScan(EntryIds.instancePrefix(instance), new StringSerializer())) {
            it.forEachRemaining(kv -> {
                if (statuses.isEmpty() || statuses.contains(kv.value.status())) {
                    matching.add(IngestView.of(kv.key, kv.value, now, stuckThresholdMs));
                }
            });
        }
        matching.sort(Views::newestFirst);
        int from = Math.min(offset, matching.size());
        int to = Math.min(matching.size(), from + limit);
        return new Views.Page(
                instance,
                List.copyOf(statuses),
                offset,
                limit,
                matching.size(),
                List.copyOf(matching.subList(from, to)));
    }

    Optional<IngestView> ingest(String storeKey) {
        ReadOnlyKeyValueStore<String, TrackedEntry> entries = stores.get(TrackerStores.ENTRIES);
        TrackedEntry entry = entries.get(storeKey);
        return entry == null
                ? Optional.empty()
                : Optional.of(IngestView.of(storeKey, entry, clock.getAsLong(), stuckThresholdMs));
    }

    /**
     * Entries whose path has a term ({@link SearchFragments}) starting with {@code query}, newest first.
     *
     * @return at most {@code limit} entries; {@code truncated} when more matched
     */
    Views.SearchResult search(String query, int limit) {
        String term = SearchFragments.normalize(query);
        Set<String> keys = new LinkedHashSet<>();
        boolean truncated = false;
        ReadOnlyKeyValueStore<String, String> index = stores.get(TrackerStores.SEARCH);
        try (KeyValueIterator<String, String> it = index.prefixScan(term, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                keys.add(kv.value);
                if (keys.size() >= MAX_SEARCH_MATCHES) {
                    truncated = true;
                    break;
                }
            }
        }
        long now = clock.getAsLong();
        ReadOnlyKeyValueStore<String, TrackedEntry> entries = stores.get(TrackerStores.ENTRIES);
        List<IngestView> found = new ArrayList<>();
        for (String key : keys) {
            TrackedEntry entry = entries.get(key);
            if (entry != null) {
                found.add(IngestView.of(key, entry, now, stuckThresholdMs));
            }
        }
        found.sort(Views::newestFirst);
        truncated |= found.size() > limit;
        return new Views.SearchResult(
                query, limit, truncated, List.copyOf(found.subList(0, Math.min(limit, found.size()))), List.of());
    }

    /** Live entries in a non-terminal status for at least the stuck threshold, longest first. */
    List<StuckView> stuck(String instanceOrNull) {
        long now = clock.getAsLong();
        List<StuckView> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, EntryState> live = stores.get(TrackerStores.LIVE);
        try (KeyValueIterator<String, EntryState> it = instanceOrNull == null
                ? live.all()
                : live.prefixScan(EntryIds.instancePrefix(instanceOrNull), new StringSerializer())) {
            it.forEachRemaining(kv -> {
                EntryState state = kv.value;
                long stuckFor = now - state.sinceMs();
                if (!Statuses.isTerminal(state.status()) && stuckFor >= stuckThresholdMs) {
                    EntryKey entry = EntryIds.entryKey(kv.key);
                    out.add(new StuckView(
                            EntryIds.toId(kv.key),
                            Views.label(entry),
                            entry,
                            state.status(),
                            state.sinceMs(),
                            stuckFor));
                }
            });
        }
        out.sort(Comparator.comparingLong(StuckView::stuckForMs).reversed().thenComparing(StuckView::id));
        return out;
    }

    /** Entries currently ERRORED, most recently errored first. */
    List<IngestView> errored(int limit) {
        List<KeyValue<String, Long>> all = new ArrayList<>();
        ReadOnlyKeyValueStore<String, Long> errors = stores.get(TrackerStores.ERRORS);
        try (KeyValueIterator<String, Long> it = errors.all()) {
            it.forEachRemaining(all::add);
        }
        all.sort(Comparator.<KeyValue<String, Long>>comparingLong(kv -> kv.value)
                .reversed()
                .thenComparing(kv -> kv.key));
        long now = clock.getAsLong();
        ReadOnlyKeyValueStore<String, TrackedEntry> entries = stores.get(TrackerStores.ENTRIES);
        List<IngestView> out = new ArrayList<>();
        for (KeyValue<String, Long> kv : all) {
            if (out.size() >= limit) {
                break;
            }
            TrackedEntry entry = entries.get(kv.key);
            if (entry != null) {
                out.add(IngestView.of(kv.key, entry, now, stuckThresholdMs));
            }
        }
        return out;
    }

    long stuckThresholdMs() {
        return stuckThresholdMs;
    }

    private static Summary withStuck(Summary s, long stuck) {
        return new Summary(
                s.instance(),
                s.byStatus(),
                s.completed(),
                s.errored(),
                s.p50RequestToDoneMs(),
                s.p95RequestToDoneMs(),
                s.durationSamples(),
                s.errorRate(),
                s.topStatusError(),
                s.topStatusErrorCount(),
                stuck,
                s.updatedAtMs());
    }
}
