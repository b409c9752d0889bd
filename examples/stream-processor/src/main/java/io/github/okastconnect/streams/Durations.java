package io.github.okastconnect.streams;

import java.util.Locale;

/** Durations as people read them (10m, 90s), for console output. */
public final class Durations {

    private Durations() {}

    /**
     * Compact rendering, which the command lines read back for whole units ({@code io.github.okastconnect.cli
     * .DurationConverter}): 850ms, 4.2s, 30s, 10m, 12m05s, 3h07m.
     */
    public static String format(long millis) {
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds % 60 == 0
                    ? seconds / 60 + "m"
                    : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        long minutes = (seconds % 3600) / 60;
        return minutes == 0 ? seconds / 3600 + "h" : String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, minutes);
    }
}
