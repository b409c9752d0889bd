package io.github.okastconnect.parser;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns the endpoint's timestamps into epoch milliseconds with explicit patterns only (a lenient parser once read
 * {@code 2022-1018} as another date). Accepted: {@code 2022-1018 14:20:00} (what Okast sends),
 * {@code 2022-10-18 14:20:00}, and ISO-8601 with or without an offset. Zone-less values are read in the configured
 * zone. Anything else yields {@code null}: the raw string is always kept, so nothing is lost.
 */
public final class TimestampParser {

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
        int[] f = okastFields(text);
        if (f != null) {
            try {
                return LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5])
                        .atZone(zone)
                        .toInstant()
                        .toEpochMilli();
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

    /**
     * Year, month, day, hour, minute and second of {@code yyyy-MM[-]dd[ T]HH:mm[:ss]} (ASCII digits), or null when
     * {@code text} is not exactly that. Read by hand: three of these are read per event, and a regular expression
     * with its groups cost several times more.
     */
    static int[] okastFields(String text) {
        int n = text.length();
        int p = 0;
        int year = digits(text, p, 4);
        p += 4;
        if (year < 0 || p >= n || text.charAt(p++) != '-') {
            return null;
        }
        int month = digits(text, p, 2);
        p += 2;
        if (month < 0) {
            return null;
        }
        if (p < n && text.charAt(p) == '-') {
            p++;
        }
        int day = digits(text, p, 2);
        p += 2;
        if (day < 0 || p >= n || (text.charAt(p) != ' ' && text.charAt(p) != 'T')) {
            return null;
        }
        int hour = digits(text, ++p, 2);
        p += 2;
        if (hour < 0 || p >= n || text.charAt(p++) != ':') {
            return null;
        }
        int minute = digits(text, p, 2);
        p += 2;
        if (minute < 0) {
            return null;
        }
        int second = 0;
        if (p < n) {
            if (text.charAt(p++) != ':') {
                return null;
            }
            second = digits(text, p, 2);
            p += 2;
            if (second < 0) {
                return null;
            }
        }
        return p == n ? new int[] {year, month, day, hour, minute, second} : null;
    }

    /** The value of the {@code count} ASCII digits at {@code from}, or -1 if they are not all there. */
    private static int digits(String text, int from, int count) {
        if (from + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
