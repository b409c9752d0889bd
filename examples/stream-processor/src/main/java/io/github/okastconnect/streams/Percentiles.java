package io.github.okastconnect.streams;

import java.util.List;

/** Percentiles over a small sample (the completion window). */
final class Percentiles {

    private Percentiles() {}

    /**
     * Nearest-rank percentile: the smallest sample such that at least {@code percent}% of samples are
     * less than or equal to it. Chosen over interpolation because the result is always an observed
     * duration, which makes figures easy to check by hand.
     *
     * @return null for an empty sample
     */
    static Long nearestRank(List<Long> samples, int percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        if (samples.isEmpty()) {
            return null;
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[rank - 1];
    }
}
