package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Gives each entry of a response its {@link EntryKey}. Entries that share filePath and requestTime (twins: the same
 * file requested twice in the same second, or one request sent twice) are told apart by their occurrence, chosen so
 * that a tracked twin keeps its key whatever arrives, leaves or is listed around it:
 * <ol>
 *   <li>an entry whose state (status, lastStatusUpdate) is the one last emitted for an occurrence of its
 *       filePath and requestTime takes that occurrence: it did not change;</li>
 *   <li>an entry left over takes an occurrence still tracked and not taken: a twin that moved on;</li>
 *   <li>the rest take the smallest occurrences not tracked: new twins.</li>
 * </ol>
 * Within each step twins go by their request's content, then by position among identical requests, so that without
 * state (a first sight) the same queue yields the same keys whatever order the endpoint lists it in. Twins whose
 * requests differ but whose states are equal cannot be told apart from the stored state alone (it keeps no request
 * content); they are matched in that order.
 */
public final class EntryKeys {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /**
     * How many occurrences beyond a group's size are looked up in the state: twins that left can leave a tracked one
     * at a higher occurrence than the group now needs. One tracked beyond that is treated as a new twin.
     */
    static final int PROBE_SLACK = 8;

    private EntryKeys() {}

    /**
     * The occurrence of each member of a group of entries sharing filePath and requestTime, given in response order.
     *
     * @param tracked the state last emitted for an occurrence of the group's filePath and requestTime, null if none
     */
    static int[] occurrences(List<IngestEntry> group, IntFunction<EntryState> tracked) {
        int n = group.size();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // List.sort is stable: identical requests keep their relative order.
        if (n > 1) {
            order.sort(Comparator.comparing(i -> canonical(group.get(i).request()), NULLS_FIRST));
        }
        int probed = n + PROBE_SLACK;
        EntryState[] known = new EntryState[probed];
        boolean anyKnown = false;
        for (int o = 0; o < probed; o++) {
            known[o] = tracked.apply(o);
            anyKnown |= known[o] != null;
        }
        int[] occurrence = new int[n];
        Arrays.fill(occurrence, -1);
        boolean[] taken = new boolean[probed];
        if (anyKnown) {
            for (int i : order) {
                EntryState now =
                        new EntryState(group.get(i).status(), group.get(i).lastStatusUpdate());
                for (int o = 0; o < probed; o++) {
                    if (!taken[o] && now.equals(known[o])) {
                        occurrence[i] = o;
                        taken[o] = true;
                        break;
                    }
                }
            }
            for (int i : order) {
                for (int o = 0; o < probed && occurrence[i] < 0; o++) {
                    if (!taken[o] && known[o] != null) {
                        occurrence[i] = o;
                        taken[o] = true;
                    }
                }
            }
        }
        int next = 0;
        for (int i : order) {
            if (occurrence[i] >= 0) {
                continue;
            }
            while (next < probed ? taken[next] || known[next] != null : tracked.apply(next) != null) {
                next++;
            }
            occurrence[i] = next++;
        }
        return occurrence;
    }

    /** Field order in the request object must not change an entry's rank, so fields are sorted by name. */
    private static String canonical(Map<String, String> request) {
        return new TreeMap<>(request).toString();
    }
}
