package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference the task's detection is held to: entries parsed in full, keyed one by one ({@link #assign}), then
 * compared with the state ({@link #detect}). The task instead compares scanned bytes ({@link
 * ChangeDetector#detect(InstanceState, ScannedEntries, EntryLoader)}); both must yield the same changes and state.
 */
public final class ReferenceDetection {
    private ReferenceDetection() {}

    /** The keys of entries seen for the first time (nothing tracked). */
    public static List<KeyedEntry> assign(List<IngestEntry> entries) {
        return assign(entries, InstanceState.empty());
    }

    /** The keys of a response's entries, given what the instance tracks (see {@link EntryKeys}). */
    public static List<KeyedEntry> assign(List<IngestEntry> entries, InstanceState state) {
        Map<EntryKey, List<Integer>> groups = new LinkedHashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            IngestEntry e = entries.get(i);
            groups.computeIfAbsent(new EntryKey(e.filePath(), e.requestTime(), 0), k -> new ArrayList<>(1))
                    .add(i);
        }
        int[] occurrence = new int[entries.size()];
        groups.forEach((prefix, group) -> {
            List<IngestEntry> members = new ArrayList<>(group.size());
            group.forEach(i -> members.add(entries.get(i)));
            int[] assigned = EntryKeys.occurrences(
                    members, o -> state.get(new EntryKey(prefix.filePath(), prefix.requestTime(), o)));
            for (int m = 0; m < assigned.length; m++) {
                occurrence[group.get(m)] = assigned[m];
            }
        });
        List<KeyedEntry> keyed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            IngestEntry e = entries.get(i);
            keyed.add(new KeyedEntry(new EntryKey(e.filePath(), e.requestTime(), occurrence[i]), e));
        }
        return keyed;
    }

    /** Detection for entries keyed by {@link #assign(List, InstanceState)} against the same state. */
    public static ChangeDetector.Detection detect(InstanceState state, List<KeyedEntry> current) {
        BitSet seen = new BitSet(state.capacity());
        BitSet drop = new BitSet(state.capacity());
        PackedEntries add = new PackedEntries(16, 1024);
        List<Change> updates = new ArrayList<>();
        for (KeyedEntry keyed : current) {
            byte[] key = EntryCodec.encodeKey(keyed.key());
            byte[] now = EntryCodec.encodeState(keyed.state());
            int slot = state.find(key, 0, key.length, EntryCodec.hash(key, key.length));
            if (slot < 0) {
                updates.add(new Change(ChangeType.NEW, keyed.key(), keyed.entry(), null, keyed.state()));
                add.add(EntryCodec.record(key, now));
                continue;
            }
            seen.set(slot);
            ChangeType type = state.compare(slot, key.length, now, 0, now.length);
            if (type != null) {
                updates.add(
                        new Change(type, keyed.key(), keyed.entry(), state.stateAt(slot, key.length), keyed.state()));
                drop.set(slot);
                add.add(EntryCodec.record(key, now));
            }
        }
        return ChangeDetector.detection(state, seen, drop, add, updates, null);
    }
}
