package io.github.okastconnect.task;

import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.ChangeType;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.http.JvmProxyProperties;
import io.github.okastconnect.http.StatusClient;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.TimestampParser;
import io.github.okastconnect.state.Acks;
import io.github.okastconnect.state.KafkaStateStore;
import io.github.okastconnect.state.Restored;
import io.github.okastconnect.state.StateRecords;
import io.github.okastconnect.state.StateStore;
import io.github.okastconnect.state.StateTopic;
import io.github.okastconnect.state.StateWriter;
import io.github.okastconnect.version.Version;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the instances this task owns. Requests run concurrently on the HTTP client's threads (one at most per
 * instance); parsing, change detection and record building run on the task thread inside {@code poll()}, and the
 * in-memory state advances exactly when the records are returned to Connect — never in {@code commit()}, which
 * Connect calls only once per offset flush.
 */
public class OkastSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(OkastSourceTask.class);
    /** Longest a poll() blocks with nothing to return, so that stop() and rebalances are honoured promptly. */
    private static final long MAX_WAIT_MS = 500;

    private final Clock clock;
    private final Function<OkastSourceConfig, StateStore> stores;
    private final Acks acks = new Acks();
    private StateTopic stateTopic;
    /** What the restore must write before the first poll's records. */
    private List<SourceRecord> startupRecords = List.of();

    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private Map<String, InstanceTracker> trackers = Map.of();
    private PollSchedule<InstanceTracker> schedule;

    private StatusClient client;
    private boolean compareOnArrival;
    private long lingerNanos;
    private long pollIntervalMs;
    private volatile boolean stopping;
    private volatile InstanceMetrics metrics;
    private LongConsumer startDelay = delayMs -> {};

    public OkastSourceTask() {
        this(Clock.systemUTC());
    }

    OkastSourceTask(Clock clock) {
        this(
                clock,
                config -> new KafkaStateStore(
                        config.stateBootstrapServers(), config.stateClientSettings(), config.stateRestoreTimeout()));
    }

    OkastSourceTask(Clock clock, Function<OkastSourceConfig, StateStore> stores) {
        this.clock = clock;
        this.stores = stores;
    }

    private record Completion(InstanceTracker tracker, FetchResult result) {}

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        OkastSourceConfig config = new OkastSourceConfig(props);
        List<InstanceConfig> owned = config.taskInstances();
        client = new StatusClient(HttpSettingsFactory.from(config), clock);
        JvmProxyProperties.ignoredNotice(System::getProperty).ifPresent(log::info);
        // A WARN rather than INFO: it names a way to lose or repeat events, which the operator should act on.
        CrashWindowNotice.of(props, config).ifPresent(log::warn);
        schedule = new PollSchedule<>(config.maxConcurrentRequests(), InstanceTracker::due);
        compareOnArrival = config.compareOnArrival();
        lingerNanos = config.pollLinger().toNanos();
        InstanceTracker.Pipeline pipeline = new InstanceTracker.Pipeline(
                new IngestStatusParser(),
                new ChangeDetector(),
                new RecordMapper(
                        config.topic(),
                        new TimestampParser(config.timestampZone()),
                        config.removalMode(),
                        !config.recoveryBootstrapServers().isEmpty(),
                        emitted(config.emitChangeTypes())));
        Backoff backoff = new Backoff(config.backoffInitial(), config.backoffMax());
        StateStore store = stores.apply(config);
        stateTopic = prepare(store, config);
        StateRecords stateRecords = new StateRecords(stateTopic);
        Map<String, Restored> restored =
                new TaskRestore(config, owned, context.offsetStorageReader(), store, stateTopic).restore();
        long now = clock.millis();
        List<SourceRecord> startup = new ArrayList<>();
        long interval = config.pollInterval().toMillis();
        pollIntervalMs = interval;
        Map<String, InstanceTracker> built = new LinkedHashMap<>();
        for (int i = 0; i < owned.size(); i++) {
            InstanceConfig instance = owned.get(i);
            long firstDue = PollSchedule.firstDueMs(now, interval, i, owned.size());
            Restored r = restored.get(instance.id());
            acks.start(instance.id(), r.certainSeq());
            StateWriter writer = new StateWriter(instance.id(), stateRecords, acks, r.epoch(), r.lastSeq());
            startup.addAll(writer.startup(r, now));
            built.put(
                    instance.id(),
                    new InstanceTracker(
                            instance,
                            InstanceState.of(r.entries()),
                            writer,
                            r.unstored() ? config.snapshotMode() : null,
                            pipeline,
                            backoff,
                            interval,
                            firstDue));
        }
        startupRecords = startup;
        trackers = built;
        built.values().forEach(schedule::add);
        registerMetrics();
        log.info("Okast source task started for {} instance(s): {}", owned.size(), built.keySet());
    }

    private static Set<ChangeType> emitted(List<String> names) {
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        names.forEach(name -> types.add(ChangeType.valueOf(name)));
        return types;
    }

    /** The state topic, created when missing; a task that cannot use it does not start. */
    private static StateTopic prepare(StateStore store, OkastSourceConfig config) {
        if (config.stateBootstrapServers().isEmpty()) {
            throw new ConnectException(OkastSourceConfig.STATE_BOOTSTRAP_SERVERS + ": "
                    + OkastSourceConfig.STATE_BOOTSTRAP_SERVERS_REQUIRED);
        }
        StateStore.Check check = store.prepare(config.stateTopic(), config.stateTopicPartitions());
        if (check instanceof StateStore.Check.Problem problem) {
            throw new ConnectException(problem.message() + " (" + OkastSourceConfig.STATE_TOPIC + ")");
        }
        return new StateTopic(config.stateTopic(), ((StateStore.Check.Ready) check).partitions());
    }

    private void registerMetrics() {
        try {
            metrics = new InstanceMetrics(context.pluginMetrics());
        } catch (LinkageError | UnsupportedOperationException e) {
            // Workers older than Kafka 4.1 have no plugin metrics; polling works the same without them.
            log.info("Plugin metrics are not available on this worker; Okast metrics are disabled");
            return;
        }
        trackers.forEach((id, tracker) -> metrics.register(id, tracker.stats(), clock));
        metrics.pollInterval(pollIntervalMs);
        startDelay = metrics.startDelay();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        Optional<String> lost = acks.problem();
        if (lost.isPresent()) {
            throw new ConnectException(lost.get());
        }
        if (!startupRecords.isEmpty()) {
            List<SourceRecord> startup = startupRecords;
            startupRecords = List.of();
            return startup;
        }
        // Polls falling due, answers that bring no change, and for poll.linger.ms those that follow a change are
        // handled here without returning to Connect: every return, null included, costs a pass of the worker's loop,
        // which copies the map of offsets awaiting commit (one entry per source partition written since the last
        // offset flush).
        long returnAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MS);
        boolean lingering = false;
        List<SourceRecord> records = new ArrayList<>();
        List<Completion> done = new ArrayList<>();
        do {
            long now = clock.millis();
            launchDue(now);
            long leftNanos = Math.max(0, returnAtNanos - System.nanoTime());
            Completion first = completions.poll(Math.min(nanosUntilDue(now), leftNanos), TimeUnit.NANOSECONDS);
            if (first != null) {
                done.add(first);
                completions.drainTo(done);
                handle(done, records);
                done.clear();
            }
            if (!lingering && !records.isEmpty()) {
                lingering = true;
                returnAtNanos = System.nanoTime() + lingerNanos;
            }
        } while (!stopping && System.nanoTime() - returnAtNanos < 0);
        pending.removeIf(CompletableFuture::isDone);
        return records.isEmpty() ? null : records;
    }

    private void handle(List<Completion> done, List<SourceRecord> records) {
        for (Completion completion : done) {
            if (completion.tracker() == null) {
                continue; // wake-up from stop()
            }
            completion.tracker().onResult(completion.result(), clock.millis(), records);
            schedule.returned(completion.tracker());
        }
    }

    private void launchDue(long now) {
        InstanceTracker tracker;
        while ((tracker = schedule.launchNext(now)) != null) {
            launch(tracker, now);
        }
    }

    private void launch(InstanceTracker tracker, long now) {
        startDelay.accept(now - tracker.due().atMs());
        pending.add(client.fetch(
                        tracker.instance(),
                        tracker.lastValidators(),
                        tracker.lastBody(),
                        tracker.nextBody(compareOnArrival))
                .thenAccept(result -> completions.add(new Completion(tracker, result))));
    }

    /** Until the soonest idle instance falls due, or Long.MAX_VALUE while none could be launched. */
    private long nanosUntilDue(long now) {
        long ms = schedule.msUntilDue(now);
        return ms == Long.MAX_VALUE ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /**
     * Counts acknowledgements per poll, and notices a state record that a transform dropped ({@code metadata} null)
     * or sent to another topic: the task fails on its next poll instead of keeping a state it could not restore.
     */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        acks.acknowledged(record);
        String state = stateTopic == null ? null : stateTopic.name();
        if (state != null && state.equals(record.topic()) && (metadata == null || !state.equals(metadata.topic()))) {
            acks.stateRecordLost("A record for state topic '" + state + "' "
                    + (metadata == null
                            ? "was dropped (by a transform, or a send failure tolerated by errors.tolerance)"
                            : "was written to topic '" + metadata.topic() + "' instead (by a transform)")
                    + ". The task keeps each entry's last emitted state there and cannot run without it: give every "
                    + "transform that filters records or changes their topic a predicate that leaves the state topic "
                    + "alone (a negated TopicNameMatches on the state topic; to drop tombstones or change types, use "
                    + "removal.mode or emit.change.types instead of a Filter; see docs/recipes.md), then restart "
                    + "the task.");
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (metrics != null) {
            metrics.close();
        }
        completions.add(new Completion(null, null));
        for (CompletableFuture<?> future : List.copyOf(pending)) {
            future.cancel(true);
        }
        if (client != null) {
            client.close();
        }
    }

    /** Per-instance counters, for metrics and tests. */
    public Map<String, InstanceStats> stats() {
        Map<String, InstanceStats> out = new LinkedHashMap<>();
        trackers.forEach((id, tracker) -> out.put(id, tracker.stats()));
        return out;
    }
}
