package io.github.okastconnect.tracker;

import io.github.okastconnect.streams.IngestEvent;
import io.github.okastconnect.streams.LiveEntries;
import io.github.okastconnect.streams.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies lifecycle events (keyed by instance) to the tracker's stores and drops, on a wall-clock
 * punctuation, the entries whose retention has passed. Produces no output records: the state is the output,
 * read through interactive queries.
 */
final class TrackerProcessor implements Processor<String, IngestEvent, Void, Void> {

    private final TrackerSettings settings;
    private KeyValueStore<String, TrackedEntry> entries;
    /** The stream processor's figures, on the live-entries and stats stores. */
    private LiveEntries<String> figures;

    private KeyValueStore<String, String> search;
    private KeyValueStore<String, Long> errors;
    private KeyValueStore<String, String> expiry;

    TrackerProcessor(TrackerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        entries = context.getStateStore(TrackerStores.ENTRIES);
        figures = new LiveEntries<>(
                context.getStateStore(TrackerStores.LIVE),
                context.getStateStore(TrackerStores.STATS),
                settings.completionWindowSize());
        search = context.getStateStore(TrackerStores.SEARCH);
        errors = context.getStateStore(TrackerStores.ERRORS);
        expiry = context.getStateStore(TrackerStores.EXPIRY);
        context.schedule(settings.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::purgeExpired);
    }

    @Override
    public void process(Record<String, IngestEvent> record) {
        IngestEvent event = record.value();
        if (event == null || event.instance().indexOf(EntryIds.SEP) >= 0) {
            return;
        }
        long observedAtMs = event.observedAtOr(record.timestamp());
        String key = EntryIds.storeKey(event.entryKey());
        figures.apply(key, event, observedAtMs);

        TrackedEntry before = entries.get(key);
        TrackedEntry after;
        long retentionMs = settings.retention().toMillis();
        if (event.removesEntry()) {
            if (before == null) {
                return; // never seen, or already dropped by retention: nothing to keep
            }
            after = before.removed(observedAtMs, retentionMs);
        } else if (before == null) {
            after = TrackedEntry.firstSeen(event, observedAtMs, retentionMs, settings.maxTimelineSteps());
            SearchFragments.terms(after.key().filePath())
                    .forEach(term -> search.put(TrackerStores.searchKey(term, key), key));
        } else {
            after = before.next(event, observedAtMs, retentionMs, settings.maxTimelineSteps());
        }
        entries.put(key, after);
        reindex(key, before, after);
    }

    private void reindex(String key, TrackedEntry before, TrackedEntry after) {
        Long oldExpiry = before == null ? null : before.expireAtMs();
        if (!Objects.equals(oldExpiry, after.expireAtMs())) {
            if (oldExpiry != null) {
                expiry.delete(TrackerStores.expiryKey(oldExpiry, key));
            }
            if (after.expireAtMs() != null) {
                expiry.put(TrackerStores.expiryKey(after.expireAtMs(), key), key);
            }
        }
        boolean wasErrored = before != null && Statuses.ERRORED.equals(before.status());
        boolean isErrored = Statuses.ERRORED.equals(after.status());
        if (isErrored && !wasErrored) {
            errors.put(key, after.timeline().get(after.timeline().size() - 1).enteredAtMs());
        } else if (wasErrored && !isErrored) {
            errors.delete(key);
        }
    }

    /** Drops every entry whose expiry time has passed, with its index entries. */
    private void purgeExpired(long nowMs) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        // Collected first, deleted after: stores do not promise stable iteration under writes.
        try (KeyValueIterator<String, String> it =
                expiry.range(TrackerStores.expiryKey(0, ""), TrackerStores.expiryKey(nowMs, "\uffff"))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> kv : due) {
            expiry.delete(kv.key);
            String key = kv.value;
            TrackedEntry entry = entries.get(key);
            if (entry == null || entry.expireAtMs() == null || entry.expireAtMs() > nowMs) {
                continue; // came back to life after this expiry key was written
            }
            entries.delete(key);
            errors.delete(key);
            SearchFragments.terms(entry.key().filePath())
                    .forEach(term -> search.delete(TrackerStores.searchKey(term, key)));
        }
    }
}
