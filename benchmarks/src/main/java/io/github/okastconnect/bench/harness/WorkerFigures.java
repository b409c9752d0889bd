package io.github.okastconnect.bench.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Figures {@link WorkerBench} derives from what it read: log growth, offsets, the heap's slope over the ramp. */
final class WorkerFigures {
    private WorkerFigures() {}

    /** Topic → bytes its log grew by (topics that did not change left out). */
    static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> growth = new LinkedHashMap<>();
        after.forEach((name, size) -> {
            long grown = size - before.getOrDefault(name, 0L);
            if (grown != 0) {
                growth.put(name, grown);
            }
        });
        return growth;
    }

    /** Least-squares slope of the live heap over the ramp's tracked entries (the bare worker as one more point). */
    static double slope(List<WorkerRun.RampStep> steps, long bare) {
        double n = steps.size() + 1;
        double sx = 0;
        double sy = bare;
        double sxx = 0;
        double sxy = 0;
        for (WorkerRun.RampStep s : steps) {
            double x = s.trackedEntries();
            sx += x;
            sy += s.heapBytes();
            sxx += x * x;
            sxy += x * s.heapBytes();
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
