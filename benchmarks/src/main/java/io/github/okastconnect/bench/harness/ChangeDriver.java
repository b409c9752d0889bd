package io.github.okastconnect.bench.harness;

import io.github.okastconnect.simulator.IngestRequest;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.Lifecycle;
import io.github.okastconnect.simulator.OkastTime;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.simulator.Status;
import io.github.okastconnect.simulator.StatusEntry;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the changes whose latency is measured. At a steady rate per instance it submits a new ingest request to
 * the simulator (what its add endpoint does, without HTTP). The simulator then moves the entry through its
 * lifecycle on timers that fire at exact instants (PENDING at submission, DOWNLOADING +1 s, PROCESSING +3 s, DONE
 * +6 s, purged {@code retention} later), so every change time is known to the millisecond and recorded in the
 * {@link ChangeLog}: five changes per submission (NEW, three status changes, REMOVED).
 *
 * <p>Why not the simulator's generated load: it applies changes correctly but does not expose when each one
 * happened, and the body's timestamps have one-second resolution.
 */
public final class ChangeDriver implements AutoCloseable {
    public static final int CHANGES_PER_SUBMISSION = 5;

    private final List<SimulatedInstance> instances;
    private final ChangeLog log;
    private final long periodNanos;
    private final long[] offsets;
    private final long[] doneMs; // cumulative lifecycle offsets: PENDING, DOWNLOADING, PROCESSING, DONE
    private final String[] statuses = {Status.PENDING, Status.DOWNLOADING, Status.PROCESSING, Status.DONE};
    private final long retentionMs;
    private final AtomicLong submitted = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param changesPerSecondPerInstance changes to make per instance per second (5 per submission)
     */
    public ChangeDriver(List<SimulatedInstance> instances, double changesPerSecondPerInstance, ChangeLog log) {
        this.instances = instances;
        this.log = log;
        double submissionsPerSecond = changesPerSecondPerInstance / CHANGES_PER_SUBMISSION;
        this.periodNanos = (long) (1e9 / submissionsPerSecond);
        InstanceSettings settings = instances.get(0).settings();
        Lifecycle lifecycle = settings.lifecycle();
        if (lifecycle.size() != 3 || settings.errorRate() != 0) {
            throw new IllegalArgumentException("expects the default 3-step lifecycle and no errors");
        }
        doneMs = new long[4];
        for (int i = 0; i < 3; i++) {
            doneMs[i + 1] = doneMs[i] + lifecycle.step(i).duration().toMillis();
        }
        retentionMs = settings.retention().toMillis();
        offsets = new long[instances.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = periodNanos * i / offsets.length; // spread submissions over one period
        }
        thread = new Thread(this::run, "bench-change-driver");
        thread.setDaemon(true);
    }

    public ChangeDriver start() {
        thread.start();
        return this;
    }

    public long submitted() {
        return submitted.get();
    }

    private void run() {
        long start = System.nanoTime();
        long[] next = new long[instances.size()];
        for (int i = 0; i < next.length; i++) {
            next[i] = start + offsets[i];
        }
        long sequence = 0;
        while (running) {
            long now = System.nanoTime();
            long soonest = Long.MAX_VALUE;
            for (int i = 0; i < next.length; i++) {
                if (next[i] <= now) {
                    submit(instances.get(i), sequence++);
                    next[i] += periodNanos;
                }
                soonest = Math.min(soonest, next[i]);
            }
            long sleep = soonest - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(Math.min(sleep / 1_000_000, 50), (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void submit(SimulatedInstance instance, long sequence) {
        String base = "https://storage.example.com/bench/" + instance.name() + "/clip-" + sequence;
        IngestRequest request = IngestRequest.builder()
                .filePath(base + ".mp4")
                .metadataPath(base + ".json")
                .destinationFolder("92d53a18-f8d9-d874-f020-b57b76f7ffdf")
                .destinationFolderKind("queueBottom")
                .build();
        StatusEntry entry = instance.submit(request);
        long t0 = entry.requestTime().toEpochMilli();
        String requestTime = OkastTime.format(entry.requestTime(), ZoneOffset.UTC);
        String filePath = base + ".mp4";
        for (int i = 0; i < statuses.length; i++) {
            log.record(instance.name(), filePath, requestTime, statuses[i], t0 + doneMs[i]);
        }
        log.record(instance.name(), filePath, requestTime, ChangeLog.REMOVED, t0 + doneMs[3] + retentionMs);
        submitted.incrementAndGet();
    }

    /** How long a submitted entry stays listed. */
    public Duration entryLifetime() {
        return Duration.ofMillis(doneMs[3] + retentionMs);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
