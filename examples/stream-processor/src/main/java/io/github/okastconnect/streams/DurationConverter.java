package io.github.okastconnect.streams;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line durations ({@link Durations#parse}: 90s, 10m, 1h, 1500ms, ISO-8601), which must be positive. */
public final class DurationConverter implements ITypeConverter<Duration> {

    /** Help text that follows each duration option. */
    public static final String FORMS = "90s, 10m, 1h, 1500ms, plain milliseconds or ISO-8601 (PT10M)";

    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (" + FORMS + ")");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new TypeConversionException("must be a positive duration: " + value);
        }
        return duration;
    }
}
