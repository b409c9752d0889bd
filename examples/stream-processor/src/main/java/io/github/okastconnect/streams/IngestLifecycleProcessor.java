package io.github.okastconnect.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps per-entry and per-instance state for the events of the instances assigned to this task
 * (input is keyed by instance), emits a {@link Summary} when an instance's figures change and a
 * {@link StuckAlert} when a punctuation finds an entry stuck.
 */
final class IngestLifecycleProcessor extends ContextualProcessor<String, IngestEvent, String, Emission> {

    private final AppSettings settings;
    private KeyValueStore<EntryKey, EntryState> entries;
    private KeyValueStore<String, InstanceStats> stats;
    private LiveEntries<EntryKey> live;
    /**
     * Catch-up guard. Wall-clock punctuation also fires between records while an old backlog is being
     * (re)processed, e.g. on first start or after downtime; entries would then look stuck only because
     * their later events are still unread. So detection waits while the records processed since the last
     * check are older than the threshold. A stalled instance sends no events at all, so the guard never
     * hides a real stall.
     */
    private boolean processedSinceCheck;

    private boolean lastProcessedWasBacklog;

    IngestLifecycleProcessor(AppSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        super.init(context);
        entries = context.getStateStore(LifecycleStores.ENTRIES);
        stats = context.getStateStore(LifecycleStores.INSTANCE_STATS);
        live = new LiveEntries<>(entries, stats, settings.completionWindowSize());
        // Wall-clock time, not stream time: a stuck entry is precisely one for which no events arrive.
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::detectStuck);
    }

    @Override
    public void process(Record<String, IngestEvent> record) {
        IngestEvent event = record.value();
        if (event == null) {
            return;
        }
        long observedAtMs = event.observedAtOr(record.timestamp());
        processedSinceCheck = true;
        lastProcessedWasBacklog = observedAtMs
                < context().currentSystemTimeMs() - settings.stuckThreshold().toMillis();
        live.apply(event.entryKey(), event, observedAtMs)
                .ifPresent(changed -> emitSummary(changed, record.timestamp()));
    }

    private void detectStuck(long nowMs) {
        boolean catchingUp = processedSinceCheck && lastProcessedWasBacklog;
        processedSinceCheck = false;
        if (catchingUp) {
            return;
        }
        long thresholdMs = settings.stuckThreshold().toMillis();
        // Collected first and written after the scan: stores do not promise stable iteration under writes.
        List<KeyValue<EntryKey, EntryState>> newlyStuck = new ArrayList<>();
        try (KeyValueIterator<EntryKey, EntryState> all = entries.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.stuckAt(nowMs, thresholdMs)) {
                    newlyStuck.add(kv);
                }
            });
        }

        Map<String, InstanceStats> changed = new LinkedHashMap<>();
        for (KeyValue<EntryKey, EntryState> kv : newlyStuck) {
            EntryKey key = kv.key;
            EntryState state = kv.value;
            entries.put(key, state.markAlerted());
            InstanceStats current = changed.computeIfAbsent(key.instance(), live::statsOf);
            changed.put(key.instance(), current.withOneMoreStuck());
            StuckAlert alert = new StuckAlert(
                    key.instance(), key.filePath(), key.requestTime(), state.status(), nowMs - state.sinceMs(), nowMs);
            context().forward(new Record<>(key.instance(), alert, nowMs));
        }
        changed.values().forEach(updated -> {
            stats.put(updated.instance(), updated);
            emitSummary(updated, nowMs);
        });
    }

    private void emitSummary(InstanceStats current, long timestamp) {
        Summary summary = current.toSummary(context().currentSystemTimeMs());
        context().forward(new Record<>(current.instance(), summary, timestamp));
    }
}
