package io.github.okastconnect.offset;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.okastconnect.detect.Change;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.InstanceState;

/**
 * The source offset of the i-th record of a poll: the state before the poll with that poll's first i changes
 * applied. Connect commits the offset of the last record acknowledged without gaps, so each record must carry the
 * state that is true once it, and only the records before it, are written; otherwise a crash could skip changes.
 *
 * <p>It is a lazy, read-only view: building one per record costs O(1), and the O(live entries) encoding happens
 * only when Connect actually serialises an offset (once per flush or transaction).
 */
public final class OffsetView extends AbstractMap<String, Object> {
    private final InstanceState base;
    private final List<Change> changes;
    private final int applied;

    public OffsetView(InstanceState base, List<Change> changes, int applied) {
        this.base = base;
        this.changes = changes;
        this.applied = applied;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return materialise().iterator();
            }

            @Override
            public int size() {
                return materialise().size();
            }
        };
    }

    private List<Entry<String, Object>> materialise() {
        Set<EntryKey> overridden = new HashSet<>();
        for (int i = 0; i < applied; i++) {
            overridden.add(changes.get(i).key());
        }
        List<Entry<String, Object>> out = new ArrayList<>(base.size() + applied + 1);
        out.add(new SimpleImmutableEntry<>(OffsetCodec.VERSION_KEY, OffsetCodec.VERSION));
        base.forEach((key, state) -> {
            if (!overridden.contains(key)) {
                out.add(new SimpleImmutableEntry<>(OffsetCodec.encodeKey(key), OffsetCodec.encodeState(state)));
            }
        });
        // A key changes at most once per poll, so the applied prefix holds at most one state per key.
        for (int i = 0; i < applied; i++) {
            Change change = changes.get(i);
            if (!change.isRemoval()) {
                out.add(new SimpleImmutableEntry<>(OffsetCodec.encodeKey(change.key()),
                        OffsetCodec.encodeState(change.current())));
            }
        }
        return out;
    }

    /** The whole offset can be megabytes; records printed in Connect's error logs must stay readable. */
    @Override
    public String toString() {
        return "OffsetView[" + (base.size()) + " entries before, " + applied + " changes applied]";
    }
}
