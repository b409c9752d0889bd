package io.github.okastconnect.detect;

import io.github.okastconnect.config.SnapshotMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first answer of an instance with no stored state (first start, or offsets reset): every entry in it is new to
 * the connector, and {@link SnapshotMode} decides which of them are emitted. The others are recorded all the same, so
 * that only their later changes are emitted.
 */
public final class FirstSight {
    /** Statuses after which an Okast ingest does not move any more. */
    private static final Set<String> TERMINAL = Set.of("DONE", "ERRORED");

    private FirstSight() {}

    /**
     * Splits the changes of a first answer (detected against an empty state, so all NEW) into those to emit and those
     * to record silently.
     */
    public static Split split(SnapshotMode mode, List<Change> changes) {
        List<Change> emitted = new ArrayList<>();
        List<Change> recorded = new ArrayList<>();
        for (Change change : changes) {
            // Against an empty state every change is NEW; anything else is not first sight and always goes out.
            boolean emit = change.type() != ChangeType.NEW
                    || switch (mode) {
                        case ALL_AS_NEW -> true;
                        case NONE -> false;
                        case ACTIVE_AS_NEW -> !isTerminal(change.current());
                    };
            (emit ? emitted : recorded).add(change);
        }
        return new Split(List.copyOf(emitted), List.copyOf(recorded));
    }

    public static boolean isTerminal(EntryState state) {
        return state.status() != null && TERMINAL.contains(state.status().toUpperCase(Locale.ROOT));
    }

    /**
     * @param emitted  the changes to turn into records, in their original order
     * @param recorded the entries taken as the starting point: part of the state, never emitted
     */
    public record Split(List<Change> emitted, List<Change> recorded) {
        /**
         * The state the emitted changes apply to: {@code before} with the recorded entries. Records built on it carry
         * offsets that hold the recorded entries of their shard too.
         */
        public InstanceState base(InstanceState before) {
            return before.apply(recorded);
        }
    }
}
