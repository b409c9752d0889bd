package io.github.okastconnect.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The status body of one queue and what clients were served of it. The body is assembled from one cached JSON
 * fragment per entry, so an entry that did not change is never serialised again; serving a body counts the entries
 * that are new, changed or gone since the body served before. Not thread-safe; {@link SimulatedInstance} serialises
 * access.
 */
final class ServedBody {
    private final StatusJsonWriter writer;
    /** Entries listed or changed since the last served body. */
    private final Set<QueueEntry> unserved = new LinkedHashSet<>();

    private byte[] body;
    private long servedNew;
    private long servedChanges;
    private long servedRemovals;
    /** Served entries that left the queue since the last served body. */
    private long unservedRemovals;

    private long fragmentsRendered;

    ServedBody(StatusJsonWriter writer) {
        this.writer = writer;
    }

    /** The entry was listed or its status changed: the body must be built again and the entry served anew. */
    void changed(QueueEntry entry) {
        body = null;
        unserved.add(entry);
    }

    /** The entry left the queue. */
    void removed(QueueEntry entry) {
        unserved.remove(entry);
        if (entry.servedStatus != null) {
            unservedRemovals++;
        }
        body = null;
    }

    /** The queue is replaced: what was not served yet never will be. */
    void forgetUnserved() {
        unserved.clear();
        body = null;
    }

    /** The body of these entries as of now; the array is shared, callers must not modify it. */
    byte[] body(Collection<QueueEntry> queue, boolean served) {
        if (body == null) {
            List<byte[]> fragments = new ArrayList<>(queue.size());
            for (QueueEntry entry : queue) {
                if (entry.fragment == null) {
                    entry.fragment = writer.fragment(
                            entry.request, entry.requestTime, entry.lastStatusUpdate, entry.status, entry.statusError);
                    fragmentsRendered++;
                }
                fragments.add(entry.fragment);
            }
            body = writer.assemble(fragments);
        }
        if (served) {
            for (QueueEntry entry : unserved) {
                if (entry.servedStatus == null) {
                    servedNew++;
                } else if (!entry.servedStatus.equals(entry.status)
                        || !entry.servedLastStatusUpdate.equals(entry.lastStatusUpdate)) {
                    servedChanges++;
                }
                entry.servedStatus = entry.status;
                entry.servedLastStatusUpdate = entry.lastStatusUpdate;
            }
            unserved.clear();
            servedRemovals += unservedRemovals;
            unservedRemovals = 0;
        }
        return body;
    }

    long fragmentsRendered() {
        return fragmentsRendered;
    }

    long servedNew() {
        return servedNew;
    }

    long servedChanges() {
        return servedChanges;
    }

    long servedRemovals() {
        return servedRemovals;
    }
}
