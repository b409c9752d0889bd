package io.github.okastconnect.state;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import java.util.List;
import java.util.Map;

/**
 * An instance's state as a task starts from it.
 *
 * @param entries       the last emitted state of every entry, as far as it is certain
 * @param epoch         the state generation the task writes under
 * @param lastSeq       the last poll number used in this epoch (the task's next poll is {@code lastSeq + 1})
 * @param certainSeq    every poll up to this one is certainly written, events and state
 * @param observedAtMs  when the last certain poll was observed, for the output read-back; null when unknown
 * @param writes        state records to write before anything else, so the topic says exactly {@code entries}:
 *                      an entry's state (a migrated one, or one reverted to its base) or null (a tombstone for a
 *                      record of another epoch or of an entry reverted to absent); keys in the offsets' encoding
 * @param dropLegacy    whether format-2 shard offsets are stored and must be removed
 * @param source        how the state was found, for the log
 */
public record Restored(
        Map<EntryKey, EntryState> entries,
        long epoch,
        long lastSeq,
        long certainSeq,
        Long observedAtMs,
        Map<String, String> writes,
        boolean dropLegacy,
        String source) {

    /**
     * Whether nothing was stored for the instance (first start, or offsets reset): its first answer is a first sight,
     * which {@code snapshot.mode} applies to.
     */
    public boolean unstored() {
        return entries.isEmpty() && observedAtMs == null;
    }

    /** Keys of {@code writes} in a fixed order, so what a restart writes is reproducible. */
    public List<String> writeOrder() {
        return writes.keySet().stream().sorted().toList();
    }
}
