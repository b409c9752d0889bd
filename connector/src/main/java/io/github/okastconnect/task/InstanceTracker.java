package io.github.okastconnect.task;

import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.SnapshotMode;
import io.github.okastconnect.detect.Change;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.ElementIndex;
import io.github.okastconnect.detect.FirstSight;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.detect.ScannedEntries;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.BodyExpectation;
import io.github.okastconnect.http.BodyFingerprint;
import io.github.okastconnect.http.CacheValidators;
import io.github.okastconnect.http.FailureCause;
import io.github.okastconnect.http.FetchResult;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.MalformedResponseException;
import io.github.okastconnect.parser.ScanResult;
import io.github.okastconnect.parser.SkipReason;
import io.github.okastconnect.state.StateWriter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the task knows about one instance: its last emitted state, its schedule and its failure episode.
 * Only the task thread touches it. A failed or malformed poll leaves the state exactly as it was: only a fully
 * parsed list can move it, and it moves when {@code poll()} hands the resulting records to Connect.
 */
public final class InstanceTracker {
    private static final Logger log = LoggerFactory.getLogger(InstanceTracker.class);

    private final InstanceConfig instance;
    private final StateWriter writer;
    private final Pipeline pipeline;
    private final PollSchedule.Due due;
    private final InstanceStats stats = new InstanceStats();

    private InstanceState state;
    /** The elements of the body {@link #state} was last built from, when it could be indexed; else null. */
    private ElementIndex elements;
    /** Until the first parsed answer of an instance that had no stored state: what that answer emits; else null. */
    private SnapshotMode firstSight;

    private BodyFingerprint lastBody;
    private CacheValidators lastValidators = CacheValidators.NONE;
    /** The last answer processed changed nothing (same body, 304, or a body without changes). */
    private boolean quiet;

    private int consecutiveFailures;
    private FailureCause warnedCause;
    private boolean warnedSkipped;

    /** The stateless stages shared by all instances of a task. */
    public record Pipeline(IngestStatusParser parser, ChangeDetector detector, RecordMapper mapper) {}

    /** A tracker of an instance whose stored state is {@code initial}: its first answer is compared with it. */
    public InstanceTracker(
            InstanceConfig instance,
            InstanceState initial,
            StateWriter writer,
            Pipeline pipeline,
            Backoff backoff,
            long pollIntervalMs,
            long firstDueMs) {
        this(instance, initial, writer, null, pipeline, backoff, pollIntervalMs, firstDueMs);
    }

    /**
     * @param firstSight for an instance with no stored state, what its first parsed answer emits ({@code
     *     snapshot.mode}); null when {@code initial} was restored from stored state
     */
    public InstanceTracker(
            InstanceConfig instance,
            InstanceState initial,
            StateWriter writer,
            SnapshotMode firstSight,
            Pipeline pipeline,
            Backoff backoff,
            long pollIntervalMs,
            long firstDueMs) {
        this.instance = instance;
        this.firstSight = firstSight;
        this.writer = writer;
        this.pipeline = pipeline;
        this.due = new PollSchedule.Due(pollIntervalMs, firstDueMs, backoff);
        this.state = initial;
        stats.setEntriesTracked(initial.size());
    }

    InstanceConfig instance() {
        return instance;
    }

    public InstanceStats stats() {
        return stats;
    }

    public InstanceState state() {
        return state;
    }

    /** Entries whose last change is not yet acknowledged as written (their bases are kept until it is). */
    public int pendingBases() {
        return writer.pendingBases();
    }

    /** When this instance polls next; its answers move it. */
    PollSchedule.Due due() {
        return due;
    }

    /** Handles one completed fetch; appends the records to emit (if any) to {@code out}. */
    public void onResult(FetchResult result, long nowMs, List<SourceRecord> out) {
        writer.release();
        if (result.discardedBytes() > 0) {
            stats.recordRefetch(result.discardedBytes());
        }
        if (result instanceof FetchResult.Failure failure) {
            fail(failure, nowMs);
            return;
        }
        if (result instanceof FetchResult.NotModified notModified) {
            quiet = true;
            stats.recordSuccess(0, notModified.durationNanos(), nowMs, true);
            recovered(nowMs);
            return;
        }
        if (result instanceof FetchResult.SameBody same) {
            sameBody(same.validators(), same.bodyBytes(), same.durationNanos(), nowMs);
            return;
        }
        FetchResult.Success success = (FetchResult.Success) result;
        try {
            onBody(success, nowMs, out);
        } finally {
            // Nothing built from the body refers to its buffer: every kept entry, state and record holds copies.
            success.release();
        }
    }

    private void onBody(FetchResult.Success success, long nowMs, List<SourceRecord> out) {
        BodyFingerprint fingerprint = success.fingerprint();
        if (fingerprint != null && fingerprint.matches(lastBody)) {
            // Only when the fetch was not given lastBody() (the task always gives it): the client compared nothing.
            sameBody(success.validators(), success.length(), success.durationNanos(), nowMs);
            return;
        }
        ChangeDetector.Detection detection = elements == null
                ? null
                : pipeline.detector()
                        .detectByElements(state, elements, success.buffer(), success.length(), pipeline.parser());
        if (detection != null) {
            reportSkipped(Map.of(), 0);
        } else {
            ScanResult<ScannedEntries> scan;
            try {
                byte[] body = success.body();
                scan = pipeline.parser().scan(body, () -> new ScannedEntries(body.length));
            } catch (MalformedResponseException e) {
                fail(
                        new FetchResult.Failure(
                                FailureCause.MALFORMED, "malformed body: " + e.getMessage(), success.durationNanos()),
                        nowMs);
                return;
            }
            reportSkipped(scan.skipped(), scan.skippedCount());
            // Only the entries that changed are read in full.
            detection = pipeline.detector().detect(state, scan.visitor(), scan::entryAt, scan.elementsBody());
        }
        List<Change> changes = detection.changes();
        List<Change> recorded = List.of();
        if (firstSight != null) {
            FirstSight.Split split = FirstSight.split(firstSight, changes);
            logFirstSight(split);
            changes = split.emitted();
            recorded = split.recorded();
            firstSight = null;
        }
        if (!changes.isEmpty() || !recorded.isEmpty()) {
            emit(changes, recorded, success.receivedAtMs(), out);
        }
        state = detection.next();
        elements = detection.elements();
        // A body that changed nothing is likely to come again: it is worth a fingerprint (taken here if the client
        // read it without one), so the next one can be compared as it arrives.
        quiet = changes.isEmpty() && recorded.isEmpty();
        lastBody = fingerprint != null || !quiet ? fingerprint : BodyFingerprint.of(success.buffer(), success.length());
        lastValidators = success.validators();
        stats.setEntriesTracked(state.size());
        stats.recordSuccess(success.length(), success.durationNanos(), nowMs, false);
        recovered(nowMs);
    }

    private void logFirstSight(FirstSight.Split split) {
        if (firstSight != SnapshotMode.ALL_AS_NEW) {
            log.info(
                    "Okast instance '{}' has no stored state: its first answer's {} entr(y/ies) are the starting "
                            + "point; {} emitted as NEW, {} recorded without an event (snapshot.mode={})",
                    instance.id(),
                    split.emitted().size() + split.recorded().size(),
                    split.emitted().size(),
                    split.recorded().size(),
                    firstSight.configValue());
        }
    }

    /**
     * Each change's event(s) then its state record, all carrying the poll's marker; the entries a first sight records
     * without an event get their state record only.
     */
    private void emit(List<Change> changes, List<Change> recorded, long observedAtMs, List<SourceRecord> out) {
        StateWriter.Poll poll = writer.nextPoll(observedAtMs);
        int first = out.size();
        for (Change change : recorded) {
            out.add(writer.recorded(poll, change));
        }
        for (Change change : changes) {
            // The state record is written whether or not the change gets an event (removal.mode, emit.change.types):
            // the state moves on either way, so an unemitted change is not emitted later.
            if (pipeline.mapper().map(instance.id(), change, observedAtMs, poll.partition(), poll.offset(), out)) {
                stats.recordEvent(change.type());
            }
            out.add(writer.changed(poll, change));
        }
        writer.submitted(poll, out.size() - first);
    }

    /**
     * Fingerprint of the last body whose changes were handed to Connect: the same bytes again hold no change. Null
     * before the first, and after a body read without one ({@link BodyExpectation#CHANGED}).
     */
    public BodyFingerprint lastBody() {
        return lastBody;
    }

    /**
     * How the next body should be read. After a poll that changed something, the next body probably differs too
     * (a queue being worked on changes on every poll): it is read without a fingerprint, whose hashing would cost
     * about as much as comparing its elements, which happens anyway; if it then changes nothing, the tracker
     * fingerprints it. After a poll that changed nothing, the body is probably the same again: compared as it
     * arrives with the last fingerprint (or read whole and fingerprinted when that is turned off).
     *
     * @param compareOnArrival whether comparing on arrival is enabled ({@code http.compare.on.arrival.enabled})
     */
    public BodyExpectation nextBody(boolean compareOnArrival) {
        if (!quiet) {
            return BodyExpectation.CHANGED;
        }
        return compareOnArrival ? BodyExpectation.SAME_COMPARED_ON_ARRIVAL : BodyExpectation.SAME;
    }

    /** CacheValidators of the last body whose changes were handed to Connect: a 304 to them means nothing changed. */
    public CacheValidators lastValidators() {
        return lastValidators;
    }

    /** The body is byte-identical to the last processed one: nothing can have changed, only its validators. */
    private void sameBody(CacheValidators validators, long bodyBytes, long durationNanos, long nowMs) {
        lastValidators = validators;
        quiet = true;
        stats.recordSuccess(bodyBytes, durationNanos, nowMs, true);
        recovered(nowMs);
    }

    private void recovered(long nowMs) {
        if (consecutiveFailures > 0) {
            log.info("Okast instance '{}' recovered after {} failed poll(s)", instance.id(), consecutiveFailures);
        }
        consecutiveFailures = 0;
        warnedCause = null;
        due.answered(nowMs);
    }

    private void fail(FetchResult.Failure failure, long nowMs) {
        stats.recordFailure(failure.cause(), failure.durationNanos());
        consecutiveFailures++;
        long delayMs = due.failed(nowMs, consecutiveFailures, failure.retryAfter());
        if (failure.cause() != warnedCause) {
            // One WARN per episode and cause: a long outage must not flood the worker log.
            log.warn(
                    "Okast instance '{}' ({}) poll failed: {}. State unchanged; retrying with backoff "
                            + "(next attempt in {} ms, further failures of this kind logged at DEBUG)",
                    instance.id(),
                    instance.statusUri(),
                    failure.message().replace("<id>", instance.id()),
                    delayMs);
            warnedCause = failure.cause();
        } else {
            log.debug(
                    "Okast instance '{}' poll failed again ({} in a row): {}; next attempt in {} ms",
                    instance.id(),
                    consecutiveFailures,
                    failure.message(),
                    delayMs);
        }
    }

    private void reportSkipped(Map<SkipReason, Integer> skipped, int skippedCount) {
        for (Map.Entry<SkipReason, Integer> reason : skipped.entrySet()) {
            stats.recordSkipped(reason.getKey(), reason.getValue());
        }
        if (skippedCount > 0 && !warnedSkipped) {
            log.warn(
                    "Okast instance '{}' sent {} unusable entr(y/ies) ({}); they are skipped, the others are "
                            + "processed (logged once; see the skipped-entries metrics)",
                    instance.id(),
                    skippedCount,
                    skipped);
            warnedSkipped = true;
        } else if (skippedCount == 0) {
            warnedSkipped = false;
        }
    }
}
