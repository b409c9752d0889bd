package io.github.okastconnect.systemtests;

import io.github.okastconnect.simulator.IngestRequest;
import io.github.okastconnect.simulator.OkastTime;
import io.github.okastconnect.simulator.StatusEntry;
import io.github.okastconnect.testkit.LifecycleEvent.Keys;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded script of ingest queues over many instances, and the lifecycle events the connector must emit for it.
 *
 * <p>Step 0 fills every instance; each later step applies a random set of transitions, at most one per entry: new
 * entries appear (NEW), statuses advance PENDING → DOWNLOADING → PROCESSING → DONE, or fail to ERRORED, always with a
 * new lastStatusUpdate (STATUS_CHANGED), some entries only get a new lastStatusUpdate (UPDATED), and some leave the
 * queue (REMOVED, the connector's default removal.mode=event). The script's clock is virtual: step {@code s} happens
 * at {@code base + s} minutes and every timestamp it writes falls inside that minute, so each transition of an
 * entry has a lastStatusUpdate no earlier transition had and every expected event is unique.
 */
final class LifecycleTimeline {

    static final String PENDING = "PENDING";
    static final String DOWNLOADING = "DOWNLOADING";
    static final String PROCESSING = "PROCESSING";
    static final String DONE = "DONE";
    static final String ERRORED = "ERRORED";

    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final Duration STEP = Duration.ofMinutes(1);

    /** One expected event; {@code step} is the script step whose change causes it. */
    record Expected(
            String identity,
            String state,
            String entryKey,
            String instance,
            String changeType,
            String status,
            String lastStatusUpdate,
            int step) {}

    /** What one step changed: its expected events and the instances whose queue must be re-published. */
    record Step(int number, List<Expected> events, Set<String> changedInstances) {
        long count(String changeType) {
            return events.stream()
                    .filter(e -> e.changeType().equals(changeType))
                    .count();
        }
    }

    private static final class Entry {
        final String instance;
        final String filePath;
        final Instant requestTime;
        final IngestRequest request;
        String status;
        Instant lastStatusUpdate;
        String statusError;

        Entry(
                String instance,
                String filePath,
                Instant requestTime,
                IngestRequest request,
                String status,
                Instant lastStatusUpdate) {
            this.instance = instance;
            this.filePath = filePath;
            this.requestTime = requestTime;
            this.request = request;
            this.status = status;
            this.lastStatusUpdate = lastStatusUpdate;
        }

        String key() {
            return Keys.entryKey(instance, filePath, OkastTime.format(requestTime, ZONE), 0);
        }

        boolean terminal() {
            return DONE.equals(status) || ERRORED.equals(status);
        }

        StatusEntry toStatusEntry() {
            return new StatusEntry(request, requestTime, lastStatusUpdate, status, statusError);
        }
    }

    private final Random random;
    private final Instant base;
    private final List<String> instances;
    private final Map<String, List<Entry>> queues = new LinkedHashMap<>();
    private final double missingFilePathRate;
    private long created;
    private int step = -1;

    LifecycleTimeline(long seed, List<String> instances, Instant base, double missingFilePathRate) {
        this.random = new Random(seed);
        this.instances = List.copyOf(instances);
        this.base = base;
        this.missingFilePathRate = missingFilePathRate;
        instances.forEach(id -> queues.put(id, new ArrayList<>()));
    }

    static List<String> instanceIds(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%s%02d", prefix, i));
        }
        return ids;
    }

    List<String> instances() {
        return instances;
    }

    /** Step 0: {@code entriesPerInstance} entries per instance in mixed statuses, each seen as NEW. */
    Step initial(int entriesPerInstance) {
        if (step != -1) {
            throw new IllegalStateException("initial() must come first");
        }
        step = 0;
        List<Expected> events = new ArrayList<>();
        for (String id : instances) {
            for (int i = 0; i < entriesPerInstance; i++) {
                Instant requestTime = base.minusSeconds(10L * (entriesPerInstance - i));
                Entry entry = newEntry(id, requestTime);
                entry.status = pick(PENDING, PENDING, PENDING, DOWNLOADING, PROCESSING, DONE, ERRORED);
                entry.statusError = ERRORED.equals(entry.status) ? "Download failed" : null;
                entry.lastStatusUpdate = requestTime.plusSeconds(random.nextInt(9));
                queues.get(id).add(entry);
                events.add(expected(entry, "NEW"));
            }
        }
        return new Step(0, List.copyOf(events), new LinkedHashSet<>(instances));
    }

    /**
     * The next step: {@code transitions} changes of existing entries (distinct entries, chosen at random over every
     * instance), then as many new entries as were purged (plus one now and then), so queues keep their size.
     * {@code touchEveryInstance} adds a change to every instance the random draw left alone.
     */
    Step next(int transitions, boolean touchEveryInstance) {
        return next(transitions, touchEveryInstance, instances);
    }

    /**
     * Like {@link #next(int, boolean)}, changing only the queues of {@code only}: instances outside it keep their
     * queue as it is, e.g. while a test needs every entry to change at most once over several steps.
     */
    Step next(int transitions, boolean touchEveryInstance, Collection<String> only) {
        if (!instances.containsAll(only) || only.isEmpty()) {
            throw new IllegalArgumentException("not a non-empty subset of " + instances + ": " + only);
        }
        if (step < 0) {
            throw new IllegalStateException("initial() first");
        }
        step++;
        Instant stepTime = base.plus(STEP.multipliedBy(step));
        List<Expected> events = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        Set<Entry> touched = new HashSet<>();

        List<Entry> live = new ArrayList<>();
        only.forEach(id -> live.addAll(queues.get(id)));
        Collections.shuffle(live, random);
        int purged = 0;
        for (Entry entry : live.subList(0, Math.min(transitions, live.size()))) {
            purged += transition(entry, stepTime, events) ? 1 : 0;
            touched.add(entry);
            changed.add(entry.instance);
        }
        int fresh = purged + (random.nextInt(3) == 0 ? 1 : 0);
        Map<String, Integer> newPerInstance = new LinkedHashMap<>();
        for (int i = 0; i < fresh; i++) {
            String id = only.stream()
                    .min(Comparator.comparingInt((String x) -> queues.get(x).size())
                            .thenComparingInt(x -> random.nextInt(1000)))
                    .orElseThrow();
            addNew(id, stepTime, newPerInstance, events, touched);
            changed.add(id);
        }
        if (touchEveryInstance) {
            for (String id : only) {
                if (changed.contains(id)) {
                    continue;
                }
                List<Entry> candidates = queues.get(id).stream()
                        .filter(e -> !touched.contains(e))
                        .toList();
                if (candidates.isEmpty()) {
                    addNew(id, stepTime, newPerInstance, events, touched);
                } else {
                    Entry entry = candidates.get(random.nextInt(candidates.size()));
                    transition(entry, stepTime, events);
                    touched.add(entry);
                }
                changed.add(id);
            }
        }
        // the endpoint's order carries no meaning: reorder some queues, which must not produce events
        for (String id : changed) {
            if (random.nextInt(4) == 0) {
                Collections.shuffle(queues.get(id), random);
            }
        }
        return new Step(step, List.copyOf(events), changed);
    }

    /** The queue of {@code instance} as the simulator must serve it now. */
    List<StatusEntry> statusEntries(String instance) {
        return queues.get(instance).stream().map(Entry::toStatusEntry).toList();
    }

    int liveEntries() {
        return queues.values().stream().mapToInt(List::size).sum();
    }

    /** Applies one change to {@code entry}; returns true when it left the queue. */
    private boolean transition(Entry entry, Instant stepTime, List<Expected> events) {
        double r = random.nextDouble();
        if (entry.terminal()) {
            if (r < 0.7) {
                return purge(entry, events);
            }
            touch(entry, stepTime);
            events.add(expected(entry, "UPDATED"));
            return false;
        }
        if (r < 0.65) {
            String next = switch (entry.status) {
                case PENDING -> DOWNLOADING;
                case DOWNLOADING -> random.nextInt(7) == 0 ? ERRORED : PROCESSING;
                case PROCESSING -> random.nextInt(7) == 0 ? ERRORED : DONE;
                default -> throw new IllegalStateException(entry.status);
            };
            if (ERRORED.equals(next)) {
                entry.statusError = DOWNLOADING.equals(entry.status) ? "Download failed" : "Transcoding failed";
            }
            entry.status = next;
            touch(entry, stepTime);
            events.add(expected(entry, "STATUS_CHANGED"));
            return false;
        }
        if (r < 0.95) {
            touch(entry, stepTime);
            events.add(expected(entry, "UPDATED"));
            return false;
        }
        return purge(entry, events); // cancelled before it finished
    }

    private boolean purge(Entry entry, List<Expected> events) {
        queues.get(entry.instance).remove(entry);
        events.add(expected(entry, "REMOVED"));
        return true;
    }

    /** A new lastStatusUpdate inside this step's minute: later than any the entry had. */
    private void touch(Entry entry, Instant stepTime) {
        entry.lastStatusUpdate = stepTime.plusSeconds(random.nextInt(60));
    }

    private void addNew(
            String id,
            Instant stepTime,
            Map<String, Integer> newPerInstance,
            List<Expected> events,
            Set<Entry> touched) {
        // distinct request times per instance and step: entries without filePath stay distinct keys (occurrence 0)
        int index = newPerInstance.merge(id, 1, Integer::sum) - 1;
        Instant requestTime = stepTime.plusSeconds(index);
        Entry entry = newEntry(id, requestTime);
        entry.lastStatusUpdate = requestTime;
        queues.get(id).add(entry);
        touched.add(entry);
        events.add(expected(entry, "NEW"));
    }

    private Entry newEntry(String id, Instant requestTime) {
        long n = created++;
        boolean withoutFilePath = random.nextDouble() < missingFilePathRate;
        String filePath = withoutFilePath ? null : "https://storage.example.com/media/" + id + "/clip-" + n + ".mp4";
        IngestRequest.Builder request = IngestRequest.builder();
        if (filePath != null) {
            request.filePath(filePath);
        }
        request.destinationFolder(String.format("%08x-0000-4000-8000-%012x", n, n * 7919))
                .destinationFolderKind(random.nextBoolean() ? "queueBottom" : "queueTop");
        return new Entry(id, filePath, requestTime, request.build(), PENDING, requestTime);
    }

    private Expected expected(Entry entry, String changeType) {
        String lsu = OkastTime.format(entry.lastStatusUpdate, ZONE);
        String key = entry.key();
        return new Expected(
                Keys.identity(key, changeType, entry.status, lsu),
                Keys.state(key, changeType, entry.status, lsu),
                key,
                entry.instance,
                changeType,
                entry.status,
                lsu,
                step);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
