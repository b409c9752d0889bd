package io.github.okastconnect.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every {@link Duration} option of every command ({@link Cli#commandLine} registers it): durations as people type
 * them, which must be positive.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    /** Help text for the forms accepted. */
    public static final String FORMS = "90s, 10m, 1h, 1500ms, plain milliseconds or ISO-8601 (PT10M)";

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (" + FORMS + ")");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new TypeConversionException("must be a positive duration: " + value);
        }
        return duration;
    }

    /**
     * Accepts {@code 90s}, {@code 10m}, {@code 1h}, {@code 1500ms}, a plain number of milliseconds, or ISO-8601
     * ({@code PT10M}).
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
}
