package io.github.okastconnect.bench.harness;

import java.util.List;
import java.util.Map;

/** What {@link WorkerBench} measured in one worker process (one delivery mode); see {@link WorkerBench} for how. */
record WorkerRun(
        boolean exactlyOnce,
        double idleCores,
        double idleOthers,
        CpuCase changed,
        CpuCase unchanged,
        KafkaWrite written,
        List<RampStep> ramp,
        HeapSplit heap) {

    String mode() {
        return exactlyOnce ? "exactly-once" : "at-least-once";
    }

    /**
     * Worker CPU per poll in a window. {@code steadySeconds} = every thread of the worker but the JIT compiler's;
     * {@code idleSeconds} = what the bare worker (no connector) spent in as long a window, subtracted.
     */
    record CpuCase(
            int entries,
            long polls,
            double windowSeconds,
            double steadySeconds,
            double jitSeconds,
            double idleSeconds,
            double taskThreadSeconds,
            double otherProcessesCores,
            String loadAverage,
            List<Map.Entry<String, Double>> topThreads) {
        double perPollMs() {
            return polls == 0 ? Double.NaN : 1000 * (steadySeconds - idleSeconds) / polls;
        }

        double taskThreadPerPollMs() {
            return polls == 0 ? Double.NaN : 1000 * taskThreadSeconds / polls;
        }

        /** The same window with the idle worker's CPU over it ({@code idleCores} × its length) to subtract. */
        CpuCase withIdle(double idleCores) {
            return new CpuCase(
                    entries,
                    polls,
                    windowSeconds,
                    steadySeconds,
                    jitSeconds,
                    idleCores * windowSeconds,
                    taskThreadSeconds,
                    otherProcessesCores,
                    loadAverage,
                    topThreads);
        }
    }

    /** Log growth of every topic in the 1 %-changed window, and the key + value bytes of the events it emitted. */
    record KafkaWrite(long polls, Map<String, Long> topicGrowth, long eventRecords, long eventBytes) {
        long totalGrowth() {
            return topicGrowth.values().stream().mapToLong(Long::longValue).sum();
        }

        double ratio() {
            return eventBytes == 0 ? Double.NaN : (double) totalGrowth() / eventBytes;
        }
    }

    /**
     * One step of the capacity ramp: {@code instances} × {@code entries} on one task at {@code intervalMs}.
     * {@code gapP99Ms}: p99 of the time between one instance's consecutive poll starts. {@code heapBytes}: the
     * worker's live heap after a full GC at the end of the step (connector running, offsets committed).
     * {@code writtenBytes}: growth of every topic's log during the window; {@code eventBytes}: key + value bytes of
     * the events emitted in it.
     */
    record RampStep(
            int instances,
            int entries,
            long intervalMs,
            double windowSeconds,
            long polls,
            double pollsExpected,
            long gapP50Ms,
            long gapP99Ms,
            long gapMaxMs,
            double workerCores,
            double taskThreadCores,
            double otherProcessesCores,
            String loadAverage,
            double snapshotSeconds,
            long heapBytes,
            long writtenBytes,
            long eventBytes,
            List<Map.Entry<String, Double>> topThreads) {
        double pollRatio() {
            return pollsExpected == 0 ? 0 : polls / pollsExpected;
        }

        boolean keepsUp() {
            return pollRatio() >= 0.99 && gapP99Ms <= intervalMs + 250;
        }

        long trackedEntries() {
            return (long) instances * entries;
        }

        /** Bytes written to Kafka per second per instance. */
        double writtenPerInstanceSecond() {
            return writtenBytes / windowSeconds / instances;
        }
    }

    /**
     * Live heap of the worker after GC: bare (no connector); {@code runningBytes} with the connector resumed after a
     * stop at the ramp's last size (every instance restored from the committed offsets and polled twice); after that
     * connector was stopped (task gone; the worker keeps what Connect's offset store read). Histogram deltas by class
     * (bytes) of running − stopped and stopped − bare.
     */
    record HeapSplit(
            long bareBytes,
            long runningBytes,
            long stoppedBytes,
            long trackedEntries,
            double slopeBytesPerEntry,
            List<Map.Entry<String, long[]>> taskClasses,
            List<Map.Entry<String, long[]>> storeClasses) {
        double taskPerEntry() {
            return (double) (runningBytes - stoppedBytes) / trackedEntries;
        }

        double storePerEntry() {
            return (double) (stoppedBytes - bareBytes) / trackedEntries;
        }
    }
}
