package io.github.okastconnect.parser;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the endpoint's timestamps into epoch milliseconds with explicit patterns only (a lenient parser once read
 * {@code 2022-1018} as another date). Accepted: {@code 2022-1018 14:20:00} (what Okast sends),
 * {@code 2022-10-18 14:20:00}, and ISO-8601 with or without an offset. Zone-less values are read in the configured
 * zone. Anything else yields {@code null}: the raw string is always kept, so nothing is lost.
 */
public final class TimestampParser {
    private static final Pattern OKAST =
            Pattern.compile("(\\d{4})-(\\d{2})-?(\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?");

    private final ZoneId zone;

    public TimestampParser(ZoneId zone) {
        this.zone = zone;
    }

    /** Epoch millis, or {@code null} when the value is absent or in no accepted format. */
    public Long toEpochMillis(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        Matcher m = OKAST.matcher(text);
        if (m.matches()) {
            try {
                LocalDateTime local = LocalDateTime.of(
                        LocalDate.of(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3))),
                        java.time.LocalTime.of(
                                Integer.parseInt(m.group(4)),
                                Integer.parseInt(m.group(5)),
                                m.group(6) == null ? 0 : Integer.parseInt(m.group(6))));
                return local.atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeException | ArithmeticException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .atZone(zone)
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeException | ArithmeticException notLocal) {
                return null;
            }
        } catch (DateTimeException | ArithmeticException outOfRange) {
            // A valid ISO date beyond epoch-millisecond range (e.g. year 999999999) is kept raw, like any other.
            return null;
        }
    }
}
