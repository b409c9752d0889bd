package io.github.okastconnect.simulator;

import io.github.okastconnect.simulator.EntryTimers.Kind;
import io.github.okastconnect.simulator.EntryTimers.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The queue of one instance and everything that changes it. Time only moves in {@link #sync}: it
 * replays every due timer and load change in timestamp order, so the result depends on the
 * clock's readings and the seed, never on how often a client happened to poll. Not thread-safe;
 * {@link SimulatedInstance} serialises access.
 */
final class QueueEngine {

    private final InstanceSettings settings;
    private final Lifecycle lifecycle;
    private final ServedBody body;
    private final RequestGenerator generator;
    /** Separate streams so that feeding the add endpoint never perturbs the generated load. */
    private final Random lifecycleRandom;

    private final Random loadRandom;
    private final LinkedHashMap<Long, QueueEntry> queue = new LinkedHashMap<>();
    private final ArrayList<QueueEntry> generated = new ArrayList<>();
    private final EntryTimers timers = new EntryTimers();
    /** filePaths that reached DONE: the media library the duplicate check looks at, which outlives the queue. */
    private final Set<String> library = new HashSet<>();

    private double errorRate;
    private LoadProfile load;
    private boolean loadPaused;
    private Instant loadAnchor;
    private long loadChangesSinceAnchor;
    private Instant syncedTo;
    private long nextId;

    private long created;
    private long transitions;
    private long purged;

    QueueEngine(InstanceSettings settings, long seed, Instant now) {
        this.settings = settings;
        this.lifecycle = settings.lifecycle();
        this.body = new ServedBody(new StatusJsonWriter(settings.jsonStyle(), settings.zone()));
        this.generator = new RequestGenerator(settings.name(), settings.zone());
        this.lifecycleRandom = new Random(seed);
        this.loadRandom = new Random(seed ^ 0x5DEECE66DL * 31);
        this.errorRate = settings.errorRate();
        this.syncedTo = now;
        this.load = settings.load();
        if (load != null) {
            populate(now);
            loadAnchor = now;
        }
    }

    // ---- time ----

    void sync(Instant now) {
        if (now.isBefore(syncedTo)) {
            return; // a clock stepping back must not undo or reorder history
        }
        while (true) {
            Timer timer = timers.nextLive();
            Instant loadAt = nextLoadChangeAt();
            boolean timerDue = timer != null && !timer.at().isAfter(now);
            boolean loadDue = loadAt != null && !loadAt.isAfter(now);
            if (timerDue && (!loadDue || !timer.at().isAfter(loadAt))) {
                timers.removeNext();
                fire(timer);
            } else if (loadDue) {
                loadChange(loadAt);
                loadChangesSinceAnchor++;
            } else {
                break;
            }
        }
        syncedTo = now;
    }

    private Instant nextLoadChangeAt() {
        if (load == null || loadPaused || load.changesPerInterval() == 0) {
            return null;
        }
        long batch = loadChangesSinceAnchor / load.changesPerInterval() + 1;
        return loadAnchor.plus(load.changeInterval().multipliedBy(batch));
    }

    private void fire(Timer timer) {
        QueueEntry entry = timer.entry();
        switch (timer.kind()) {
            case ADVANCE -> advance(entry, timer.at());
            case REJECT -> finish(entry, Status.ERRORED, entry.pendingRejection, timer.at());
            case PURGE -> purge(entry);
        }
    }

    // ---- add endpoint ----

    QueueEntry add(IngestRequest request, Instant now) {
        QueueEntry entry = new QueueEntry(nextId++, QueueEntry.Origin.ADDED, request, now);
        Optional<String> filePath = request.filePath();
        String rejection = filePath.isEmpty()
                ? Status.FILE_PATH_MISSING
                : library.contains(filePath.get()) ? Status.FILE_ALREADY_EXISTS : null;
        if (rejection == null) {
            entry.step = 0;
            entry.status = lifecycle.step(0).status();
            entry.failAtStep = decideFailure(lifecycleRandom, 0);
            timers.schedule(entry, now.plus(lifecycle.step(0).duration()), Kind.ADVANCE);
        } else if (settings.rejectionDelay().isZero()) {
            entry.status = Status.ERRORED;
            entry.statusError = rejection;
            timers.schedule(entry, now.plus(settings.retention()), Kind.PURGE);
        } else {
            entry.step = 0;
            entry.status = lifecycle.step(0).status();
            entry.pendingRejection = rejection;
            timers.schedule(entry, now.plus(settings.rejectionDelay()), Kind.REJECT);
        }
        list(entry);
        return entry;
    }

    void addToLibrary(String filePath) {
        library.add(filePath);
    }

    boolean libraryContains(String filePath) {
        return library.contains(filePath);
    }

    void setErrorRate(double rate) {
        this.errorRate = rate;
    }

    /** -1 (ends DONE) or the index of a step with a failure message, at or after {@code fromStep}. */
    private int decideFailure(Random random, int fromStep) {
        if (random.nextDouble() >= errorRate) {
            return -1;
        }
        List<Integer> failable = new ArrayList<>();
        for (int i = fromStep; i < lifecycle.size(); i++) {
            if (lifecycle.step(i).canFail()) {
                failable.add(i);
            }
        }
        return failable.isEmpty() ? -1 : failable.get(random.nextInt(failable.size()));
    }

    // ---- transitions ----

    private void advance(QueueEntry entry, Instant at) {
        if (entry.failAtStep == entry.step) {
            finish(entry, Status.ERRORED, lifecycle.step(entry.step).failureMessage(), at);
        } else if (entry.step + 1 < lifecycle.size()) {
            entry.step++;
            change(entry, lifecycle.step(entry.step).status(), null, at);
            if (entry.origin == QueueEntry.Origin.ADDED) {
                timers.schedule(entry, at.plus(lifecycle.step(entry.step).duration()), Kind.ADVANCE);
            }
        } else if (entry.origin == QueueEntry.Origin.ADDED) {
            // Checked again at the end because two requests for the same file may run side by side.
            String filePath = entry.request.filePath().orElseThrow();
            if (library.add(filePath)) {
                finish(entry, Status.DONE, null, at);
            } else {
                finish(entry, Status.ERRORED, Status.FILE_ALREADY_EXISTS, at);
            }
        } else {
            finish(
                    entry,
                    Status.DONE,
                    null,
                    at); // generated paths are unique; keeping them in the library would only leak memory
        }
    }

    private void finish(QueueEntry entry, String status, String statusError, Instant at) {
        entry.step = -1;
        change(entry, status, statusError, at);
        if (entry.origin == QueueEntry.Origin.ADDED) {
            timers.schedule(entry, at.plus(settings.retention()), Kind.PURGE);
        }
    }

    private void change(QueueEntry entry, String status, String statusError, Instant at) {
        entry.status = status;
        entry.statusError = statusError;
        entry.lastStatusUpdate = at;
        entry.fragment = null;
        transitions++;
        body.changed(entry);
    }

    private void list(QueueEntry entry) {
        entry.listed = true;
        queue.put(entry.id, entry);
        if (entry.origin == QueueEntry.Origin.GENERATED) {
            entry.generatedIndex = generated.size();
            generated.add(entry);
        }
        created++;
        body.changed(entry);
    }

    private void purge(QueueEntry entry) {
        unlist(entry);
        purged++;
    }

    private void unlist(QueueEntry entry) {
        entry.listed = false;
        queue.remove(entry.id);
        if (entry.generatedIndex >= 0) {
            QueueEntry last = generated.remove(generated.size() - 1);
            if (last != entry) {
                generated.set(entry.generatedIndex, last);
                last.generatedIndex = entry.generatedIndex;
            }
            entry.generatedIndex = -1;
        }
        body.removed(entry);
    }

    // ---- generated load ----

    private void populate(Instant now) {
        int size = load.liveEntries();
        for (int i = 0; i < size; i++) {
            Instant requestTime = now.minusSeconds(size - i);
            QueueEntry entry = newGenerated(requestTime);
            if (!entry.isTerminal()) {
                // Spread the initial queue over every status, as a queue that has been running would be.
                int position = loadRandom.nextInt(lifecycle.size() + 1);
                Instant updated = min(requestTime.plusSeconds(position), now);
                entry.lastStatusUpdate = updated;
                if (position == lifecycle.size()) {
                    entry.step = -1;
                    boolean failed = entry.failAtStep >= 0;
                    entry.status = failed ? Status.ERRORED : Status.DONE;
                    entry.statusError =
                            failed ? lifecycle.step(entry.failAtStep).failureMessage() : null;
                } else {
                    entry.step = position;
                    entry.status = lifecycle.step(position).status();
                    if (entry.failAtStep >= 0 && entry.failAtStep < position) {
                        entry.failAtStep = -1;
                    }
                }
            }
            list(entry);
        }
    }

    private void loadChange(Instant at) {
        if (generated.size() < load.liveEntries()) {
            list(newGenerated(at));
            return;
        }
        if (generated.isEmpty()) {
            return;
        }
        QueueEntry entry = generated.get(loadRandom.nextInt(generated.size()));
        if (entry.isTerminal()) {
            purge(entry);
            list(newGenerated(at));
        } else {
            advance(entry, at);
        }
    }

    private QueueEntry newGenerated(Instant at) {
        boolean withFilePath = load.missingFilePathRate() == 0 || loadRandom.nextDouble() >= load.missingFilePathRate();
        QueueEntry entry =
                new QueueEntry(nextId++, QueueEntry.Origin.GENERATED, generator.next(loadRandom, withFilePath, at), at);
        if (withFilePath) {
            entry.step = 0;
            entry.status = lifecycle.step(0).status();
            entry.failAtStep = decideFailure(loadRandom, 0);
        } else {
            entry.status = Status.ERRORED;
            entry.statusError = Status.FILE_PATH_MISSING;
        }
        return entry;
    }

    void pauseLoad(boolean paused) {
        if (paused == loadPaused) {
            return;
        }
        loadPaused = paused;
        if (!paused) {
            // Changes that fell due while paused are skipped, not replayed in a burst.
            loadAnchor = syncedTo;
            loadChangesSinceAnchor = 0;
        }
    }

    // ---- scripting ----

    void replaceWithScripted(List<StatusEntry> entries) {
        for (QueueEntry entry : new ArrayList<>(queue.values())) {
            unlist(entry);
        }
        timers.clear();
        body.forgetUnserved();
        load = null; // a script and a generator fighting over one queue would make neither useful
        entries.forEach(this::appendScripted);
    }

    void appendScripted(StatusEntry scripted) {
        QueueEntry entry =
                new QueueEntry(nextId++, QueueEntry.Origin.SCRIPTED, scripted.request(), scripted.requestTime());
        entry.lastStatusUpdate = scripted.lastStatusUpdate();
        entry.status = scripted.status();
        entry.statusError = scripted.statusError();
        list(entry);
    }

    // ---- reading ----

    /** The body as of the last sync; the array is shared, callers must not modify it. */
    byte[] body(boolean served) {
        return body.body(queue.values(), served);
    }

    /** How many entries were serialised so far: lets tests prove that unchanged entries are not. */
    long fragmentsRendered() {
        return body.fragmentsRendered();
    }

    List<StatusEntry> snapshot() {
        List<StatusEntry> entries = new ArrayList<>(queue.size());
        for (QueueEntry entry : queue.values()) {
            entries.add(entry.toStatusEntry());
        }
        return entries;
    }

    InstanceStats stats(long statusRequests, long addRequests, long gzipResponses, long wireBytes) {
        return new InstanceStats(
                statusRequests,
                addRequests,
                created,
                transitions,
                purged,
                queue.size(),
                body.servedNew(),
                body.servedChanges(),
                body.servedRemovals(),
                gzipResponses,
                wireBytes);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
