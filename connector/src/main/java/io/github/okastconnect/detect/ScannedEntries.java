package io.github.okastconnect.detect;

import io.github.okastconnect.parser.EntryVisitor;
import io.github.okastconnect.parser.IngestEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one response as the parser scans them: each one's record (key then state, encoded straight from
 * the parser's buffers into one array) and where the entry lies in the body. Nothing per entry is an object, so an
 * unchanged entry costs its encoding and one table look-up; the few entries that changed are read in full later,
 * through an {@link EntryLoader}.
 *
 * <p>Every key is first written with occurrence 0. Entries that share filePath and requestTime (rare) are then
 * ranked exactly as {@link EntryKeys} ranks them, and given records with their real occurrence.
 */
public final class ScannedEntries implements EntryVisitor {
    private final GrowableBytes bytes;
    private int count;
    private int[] starts;
    private int[] prefixLengths;
    private int[] keyLengths;
    private int[] stateLengths;
    private int[] bodyStarts;
    private int[] bodyEnds;
    /**
     * Hash of the whole key. Every key starts with occurrence 0, so until occurrences are assigned, equal hashes
     * and bytes also mean equal filePath and requestTime.
     */
    private int[] hashes;

    private int[] occurrences;

    public ScannedEntries() {
        this(0);
    }

    /**
     * Sized for a body of this many bytes, so that a large response is not copied over and over as it is read:
     * a record takes about a fifth of its entry's JSON, and a real entry a few hundred bytes (fewer, smaller
     * entries only make the arrays grow). Capped, so that a huge body of a few oversized entries costs no more.
     */
    public ScannedEntries(int bodyLength) {
        int entries = Math.max(64, Math.min(bodyLength / 256, 1 << 18));
        bytes = new GrowableBytes(Math.max(1024, Math.min(bodyLength / 4, 1 << 24)));
        starts = new int[entries];
        prefixLengths = new int[entries];
        keyLengths = new int[entries];
        stateLengths = new int[entries];
        bodyStarts = new int[entries];
        bodyEnds = new int[entries];
        hashes = new int[entries];
    }

    @Override
    public void entry(
            CharSequence filePath,
            CharSequence requestTime,
            CharSequence status,
            CharSequence lastStatusUpdate,
            int start,
            int end) {
        if (count == starts.length) {
            grow();
        }
        int at = bytes.size();
        int keyEnd = EntryCodec.writeRecord(bytes, filePath, requestTime, status, lastStatusUpdate);
        starts[count] = at;
        prefixLengths[count] = keyEnd - 1 - at; // the key without its one-byte occurrence 0
        keyLengths[count] = keyEnd - at;
        stateLengths[count] = bytes.size() - keyEnd;
        bodyStarts[count] = start;
        bodyEnds[count] = end;
        hashes[count] = EntryCodec.hash(bytes.array(), at, keyEnd);
        count++;
    }

    private void grow() {
        int n = count * 2;
        starts = Arrays.copyOf(starts, n);
        prefixLengths = Arrays.copyOf(prefixLengths, n);
        keyLengths = Arrays.copyOf(keyLengths, n);
        stateLengths = Arrays.copyOf(stateLengths, n);
        bodyStarts = Arrays.copyOf(bodyStarts, n);
        bodyEnds = Arrays.copyOf(bodyEnds, n);
        hashes = Arrays.copyOf(hashes, n);
    }

    public int size() {
        return count;
    }

    byte[] array() {
        return bytes.array();
    }

    int start(int i) {
        return starts[i];
    }

    int keyLength(int i) {
        return keyLengths[i];
    }

    int stateLength(int i) {
        return stateLengths[i];
    }

    int occurrence(int i) {
        return occurrences == null ? 0 : occurrences[i];
    }

    /** Hash of the entry's whole key, as {@link InstanceState} indexes it. */
    int hash(int i) {
        return hashes[i];
    }

    /** Where entry i's object starts in the scanned body. */
    int bodyStart(int i) {
        return bodyStarts[i];
    }

    /** Where entry i's object ends (exclusive) in the scanned body. */
    int bodyEnd(int i) {
        return bodyEnds[i];
    }

    /** Whether some entry was given an occurrence other than 0 (it shares filePath and requestTime with another). */
    boolean hasTwins() {
        if (occurrences != null) {
            for (int i = 0; i < count; i++) {
                if (occurrences[i] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    IngestEntry load(int i, EntryLoader loader) {
        return loader.load(i, bodyStarts[i], bodyEnds[i]);
    }

    /**
     * Gives entries that share filePath and requestTime their occurrence as {@link EntryKeys} does, re-encoding their
     * keys. An entry alone with its filePath and requestTime keeps occurrence 0, the usual case, unless it is not
     * tracked there as it is and the state tracks a twin of it at another occurrence (one that left): looked up only
     * when the state tracks any entry at an occurrence other than 0, so a state without twins costs nothing more. Returns the
     * full entries it had to read for that (by index), so that they are not read twice.
     */
    Map<Integer, IngestEntry> assignOccurrences(EntryLoader loader, InstanceState state) {
        int[] first = firstWithSamePrefix();
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        if (first != null) {
            for (int i = 0; i < count; i++) {
                if (first[i] != i) {
                    groups.computeIfAbsent(first[i], f -> new ArrayList<>(List.of(f)))
                            .add(i);
                }
            }
        }
        if (state.tracksTwins()) {
            byte[] a = bytes.array();
            for (int i = 0; i < count; i++) {
                if ((first != null && first[i] != i) || groups.containsKey(i)) {
                    continue;
                }
                int slot = state.find(a, starts[i], keyLengths[i], hashes[i]);
                if (slot >= 0
                        && state.compare(slot, keyLengths[i], a, starts[i] + keyLengths[i], stateLengths[i]) == null) {
                    continue;
                }
                EntryKey prefix = EntryCodec.decodeKey(a, starts[i]);
                for (int o = 1; o <= EntryKeys.PROBE_SLACK; o++) {
                    if (state.get(new EntryKey(prefix.filePath(), prefix.requestTime(), o)) != null) {
                        groups.put(i, new ArrayList<>(List.of(i)));
                        break;
                    }
                }
            }
        }
        if (groups.isEmpty()) {
            return Map.of();
        }
        occurrences = new int[count];
        Map<Integer, IngestEntry> loaded = new LinkedHashMap<>();
        for (List<Integer> group : groups.values()) {
            List<IngestEntry> members = new ArrayList<>(group.size());
            for (int i : group) {
                IngestEntry entry = load(i, loader);
                loaded.put(i, entry);
                members.add(entry);
            }
            String filePath = members.get(0).filePath();
            String requestTime = members.get(0).requestTime();
            int[] assigned = EntryKeys.occurrences(members, o -> state.get(new EntryKey(filePath, requestTime, o)));
            for (int m = 0; m < assigned.length; m++) {
                reencode(group.get(m), assigned[m]);
            }
        }
        return loaded;
    }

    /** For each entry, the first entry with the same key prefix; null when every prefix is unique (the usual case). */
    private int[] firstWithSamePrefix() {
        int capacity = Integer.highestOneBit(Math.max(count, 1) * 2) * 2;
        int[] table = new int[capacity];
        int[] first = null;
        byte[] a = bytes.array();
        for (int i = 0; i < count; i++) {
            int slot = hashes[i] & (capacity - 1);
            int found = -1;
            for (; table[slot] != 0; slot = (slot + 1) & (capacity - 1)) {
                int j = table[slot] - 1;
                if (hashes[j] == hashes[i]
                        && keyLengths[j] == keyLengths[i]
                        && Arrays.equals(
                                a, starts[j], starts[j] + keyLengths[j], a, starts[i], starts[i] + keyLengths[i])) {
                    found = j;
                    break;
                }
            }
            if (found < 0) {
                table[slot] = i + 1;
            } else {
                if (first == null) {
                    first = new int[count];
                    for (int k = 0; k < count; k++) {
                        first[k] = k;
                    }
                }
                first[i] = found;
            }
        }
        return first;
    }

    /** Appends a new record for entry i with its occurrence, and points the entry at it. */
    private void reencode(int i, int occurrence) {
        occurrences[i] = occurrence;
        if (occurrence == 0) {
            return;
        }
        int at = bytes.size();
        int from = starts[i];
        bytes.put(bytes.array(), from, prefixLengths[i]);
        bytes.varint(occurrence);
        int keyEnd = bytes.size();
        bytes.put(bytes.array(), from + keyLengths[i], stateLengths[i]);
        starts[i] = at;
        keyLengths[i] = keyEnd - at;
        hashes[i] = EntryCodec.hash(bytes.array(), at, keyEnd);
    }
}
