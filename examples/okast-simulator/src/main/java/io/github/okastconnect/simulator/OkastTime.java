package io.github.okastconnect.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The vendor's odd timestamp format: {@code 2022-1018 14:20:00}, no zone, no dash between month and day. */
public final class OkastTime {

    public static final String PATTERN = "uuuu-MMdd HH:mm:ss";
    public static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern(PATTERN);

    private OkastTime() {}

    /** Hand-rolled rather than FORMATTER.format: it runs twice per entry when 100,000-entry bodies are built. */
    public static String format(Instant instant, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, offset);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return FORMATTER.format(t);
        }
        char[] out = new char[18];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        digits(out, 7, t.getDayOfMonth(), 2);
        out[9] = ' ';
        digits(out, 10, t.getHour(), 2);
        out[12] = ':';
        digits(out, 13, t.getMinute(), 2);
        out[15] = ':';
        digits(out, 16, t.getSecond(), 2);
        return new String(out);
    }

    public static Instant parse(String text, ZoneId zone) {
        return LocalDateTime.parse(text, FORMATTER).atZone(zone).toInstant();
    }

    private static void digits(char[] out, int at, int value, int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }
}
