package io.github.okastconnect.quickstart;

import io.github.okastconnect.testkit.LifecycleEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One console line per lifecycle event, aligned so a scrolling terminal stays readable. */
public record EventFormatter(ZoneId zone) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final int FILE_WIDTH = 36;

    public String format(LifecycleEvent e) {
        String time = TIME.format(Instant.ofEpochMilli(e.timestamp()).atZone(zone));
        if (e.isTombstone()) {
            return String.format(
                    "%s  %-8s %-14s %s", time, orDash(e.instance()), "(tombstone)", shortPath(e.filePath()));
        }
        String transition = orDash(e.previousStatus()) + " -> " + orDash(e.status());
        String error = e.statusError() == null ? "" : "  (" + e.statusError() + ")";
        return String.format(
                "%s  %-8s %-14s %-26s %-" + FILE_WIDTH + "s req %s%s",
                time,
                orDash(e.instance()),
                orDash(e.changeType()),
                transition,
                shortPath(e.filePath()),
                orDash(e.requestTime()),
                error);
    }

    /** The file name only: the storage prefix is the same for every entry and would push the rest off screen. */
    static String shortPath(String filePath) {
        if (filePath == null || filePath.isBlank()) {
            return "(no filePath)";
        }
        String name = filePath.substring(filePath.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            name = filePath;
        }
        return name.length() <= FILE_WIDTH ? name : "..." + name.substring(name.length() - FILE_WIDTH + 3);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
