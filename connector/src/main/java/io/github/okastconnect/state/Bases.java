package io.github.okastconnect.state;

import java.util.HashMap;
import java.util.Map;

/**
 * For the entries of one instance changed in polls not yet fully acknowledged: their state as of the acknowledged
 * watermark (the base a restart falls back to). Holds only entries with changes in flight; task thread only.
 */
public final class Bases {
    private record Base(String encodedState, long lastSeq) {}

    private Map<String, Base> pending = new HashMap<>();

    /**
     * The base to write with a change of an entry in poll {@code seq}.
     *
     * @param encodedBefore the entry's state before this change (null: absent), certain when none of its changes is
     *                      in flight
     */
    public String change(String encodedKey, String encodedBefore, long seq) {
        Base base = pending.get(encodedKey);
        String state = base == null ? encodedBefore : base.encodedState();
        pending.put(encodedKey, new Base(state, seq));
        return state;
    }

    /** Forgets the entries whose last change is at or before the acknowledged watermark. */
    public void acknowledgedUpTo(long acked) {
        if (!pending.isEmpty()) {
            pending.values().removeIf(base -> base.lastSeq() <= acked);
            if (pending.isEmpty()) {
                // A HashMap never shrinks its table: after a first sight of 100,000 entries it would keep 1 MB.
                pending = new HashMap<>();
            }
        }
    }

    public int size() {
        return pending.size();
    }
}
