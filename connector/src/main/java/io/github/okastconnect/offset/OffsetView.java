package io.github.okastconnect.offset;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The source offset of one record: a lazy, read-only map of one shard's entries as they stand once that record and
 * those before it in its poll are written (see {@link PollOffsets}). Encoding happens only when Connect iterates it.
 */
public final class OffsetView extends AbstractMap<String, Object> {
    private final PollOffsets poll;
    private final int shard;
    private final int applied;

    OffsetView(PollOffsets poll, int shard, int applied) {
        this.poll = poll;
        this.shard = shard;
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
        return poll.materialise(shard, applied);
    }

    /** An offset can be hundreds of kilobytes; records printed in Connect's error logs must stay readable. */
    @Override
    public String toString() {
        return "OffsetView[shard " + shard + " of an instance with " + poll.beforeSize() + " entries before the poll, "
                + applied + " change(s) of the poll applied]";
    }
}
