package io.github.okastconnect.bench.harness;

import java.util.concurrent.ConcurrentHashMap;

/**
 * When the simulator made each change visible, per (instance, filePath, requestTime, status); a removal is
 * recorded under the status {@code REMOVED}. The consumer joins each event to it.
 */
public final class ChangeLog {
    public static final String REMOVED = "REMOVED";

    private final ConcurrentHashMap<String, Long> changes = new ConcurrentHashMap<>();

    static String key(String instance, String filePath, String requestTime, String status) {
        return instance + '\u0000' + filePath + '\u0000' + requestTime + '\u0000' + status;
    }

    public void record(String instance, String filePath, String requestTime, String status, long atMs) {
        changes.put(key(instance, filePath, requestTime, status), atMs);
    }

    /** The change time, removed so that a second event for the same change shows up as a duplicate. */
    public Long take(String instance, String filePath, String requestTime, String status) {
        return changes.remove(key(instance, filePath, requestTime, status));
    }

    public int size() {
        return changes.size();
    }

    public void clear() {
        changes.clear();
    }
}
