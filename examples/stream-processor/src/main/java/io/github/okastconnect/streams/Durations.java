package io.github.okastconnect.streams;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people read and type them (10m, 90s), for the command line and console output. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {}

    /**
     * Accepts {@code 90s}, {@code 10m}, {@code 1h}, {@code 1500ms}, a plain number of milliseconds, or
     * ISO-8601 ({@code PT10M}).
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Invalid duration: " + text, e);
            }
        }
        Matcher matcher = SIMPLE.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Invalid duration: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    /** Compact rendering that {@link #parse} reads back for whole units: 850ms, 4.2s, 30s, 10m, 12m05s, 3h07m. */
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
