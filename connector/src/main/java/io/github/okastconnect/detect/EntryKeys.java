package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives each entry of a response its {@link EntryKey}. Entries that share filePath and requestTime are ranked by
 * their request's content (then by position only among fully identical requests), so the same queue yields the
 * same keys whatever order the endpoint lists it in.
 */
public final class EntryKeys {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private EntryKeys() {}

    public static List<KeyedEntry> assign(List<IngestEntry> entries) {
        List<KeyedEntry> unique = uniqueOrNull(entries);
        return unique != null ? unique : ranked(entries);
    }

    /** The common case: every (filePath, requestTime) pair is unique, so every occurrence is 0. */
    private static List<KeyedEntry> uniqueOrNull(List<IngestEntry> entries) {
        Set<EntryKey> seen = new HashSet<>(entries.size() * 2);
        List<KeyedEntry> keyed = new ArrayList<>(entries.size());
        for (IngestEntry e : entries) {
            EntryKey key = new EntryKey(e.filePath(), e.requestTime(), 0);
            if (!seen.add(key)) {
                return null;
            }
            keyed.add(new KeyedEntry(key, e));
        }
        return keyed;
    }

    private static List<KeyedEntry> ranked(List<IngestEntry> entries) {
        Map<EntryKey, List<Integer>> groups = new HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            IngestEntry e = entries.get(i);
            groups.computeIfAbsent(new EntryKey(e.filePath(), e.requestTime(), 0), k -> new ArrayList<>(1))
                    .add(i);
        }
        int[] occurrence = new int[entries.size()];
        for (List<Integer> group : groups.values()) {
            if (group.size() > 1) {
                List<IngestEntry> members = new ArrayList<>(group.size());
                group.forEach(i -> members.add(entries.get(i)));
                int[] ranks = occurrences(members);
                for (int m = 0; m < ranks.length; m++) {
                    occurrence[group.get(m)] = ranks[m];
                }
            }
        }
        List<KeyedEntry> keyed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            IngestEntry e = entries.get(i);
            keyed.add(new KeyedEntry(new EntryKey(e.filePath(), e.requestTime(), occurrence[i]), e));
        }
        return keyed;
    }

    /**
     * The occurrence of each member of a group of entries sharing filePath and requestTime, given in response
     * order: their rank by request content, ties (identical requests) in response order.
     */
    static int[] occurrences(List<IngestEntry> group) {
        List<Integer> ranked = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            ranked.add(i);
        }
        // List.sort is stable: identical requests keep their relative order.
        ranked.sort(Comparator.comparing(i -> canonical(group.get(i).request()), NULLS_FIRST));
        int[] occurrence = new int[group.size()];
        for (int rank = 0; rank < ranked.size(); rank++) {
            occurrence[ranked.get(rank)] = rank;
        }
        return occurrence;
    }

    /** Field order in the request object must not change an entry's rank, so fields are sorted by name. */
    private static String canonical(Map<String, String> request) {
        return new TreeMap<>(request).toString();
    }
}
