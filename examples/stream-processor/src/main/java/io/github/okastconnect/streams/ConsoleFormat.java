package io.github.okastconnect.streams;

import java.util.Locale;
import java.util.stream.Collectors;

/** One-line renderings of summaries and alerts for the console (the quickstart prints these). */
public final class ConsoleFormat {

    private ConsoleFormat() {}

    /**
     * Example: {@code [paris] DONE=3 PENDING=2 | completed=3 errored=1 errorRate=25.0% |
     * request->DONE p50=2.0s p95=4.0s (n=3) | topError="File already exists in database" x1 | stuck=1}.
     */
    public static String summaryLine(Summary s) {
        String statuses = s.byStatus().isEmpty()
                ? "no live entries"
                : s.byStatus().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
        String errorRate = s.errorRate() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.errorRate() * 100);
        String latency = s.durationSamples() == 0
                ? "-"
                : "p50=" + Durations.format(s.p50RequestToDoneMs()) + " p95=" + Durations.format(s.p95RequestToDoneMs())
                        + " (n=" + s.durationSamples() + ")";
        String topError =
                s.topStatusError() == null ? "-" : "\"" + s.topStatusError() + "\" x" + s.topStatusErrorCount();
        return "[" + s.instance() + "] " + statuses
                + " | completed=" + s.completed() + " errored=" + s.errored() + " errorRate=" + errorRate
                + " | request->DONE " + latency
                + " | topError=" + topError
                + " | stuck=" + s.stuckEntries();
    }

    /** Example: {@code [paris] STUCK PENDING for 10m: https://cdn/a.mp4 (requested 2022-1018 14:20:00)}. */
    public static String alertLine(StuckAlert a) {
        return "[" + a.instance() + "] STUCK " + a.status() + " for " + Durations.format(a.stuckForMs()) + ": "
                + (a.filePath() == null ? "(no file path)" : a.filePath())
                + " (requested " + a.requestTime() + ")";
    }
}
