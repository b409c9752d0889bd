package io.github.okastconnect.simulator;

/**
 * Counters of one instance (or a sum of several), as of its last synchronisation with the clock
 * (every request, {@link SimulatedInstance#tick()} and {@link SimulatedInstance#currentBody()}).
 *
 * @param statusRequests     requests to _getIngestStatus.php, whatever their outcome
 * @param addRequests        requests to _addVideoLink.php that passed auth
 * @param created            entries that appeared in the queue (added, generated, initial load, scripted)
 * @param transitions        status changes of entries already in the queue
 * @param purged             entries that left the queue (retention, load replacement); not counting setEntries/clearEntries
 * @param queueSize          entries listed now
 * @param servedNewEntries   entries that appeared in a served body for the first time
 * @param servedStatusChanges entries whose status or lastStatusUpdate in a served body differed from the
 *                           previous served body
 * @param servedRemovals     entries that were in a served body and are missing from a later one
 * @param gzipResponses      status answers sent with {@code Content-Encoding: gzip} (normal answers and bombs)
 * @param wireBytes          body bytes of status answers as they left, compressed when they were, without headers
 *                           or chunk framing (401s and faults included)
 *
 * <p>With one poller reading every normal answer, servedNewEntries, servedStatusChanges and servedRemovals are
 * exactly the appearances, changes and disappearances it could observe: changes made between two polls
 * coalesce, which {@code transitions} does not show. Bodies replaced by a fault or a raw body are not "served".
 * gzipResponses and wireBytes are counted live, as the bytes go out, not at synchronisation.
 */
public record InstanceStats(
        long statusRequests,
        long addRequests,
        long created,
        long transitions,
        long purged,
        long queueSize,
        long servedNewEntries,
        long servedStatusChanges,
        long servedRemovals,
        long gzipResponses,
        long wireBytes) {

    public static final InstanceStats ZERO = new InstanceStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public InstanceStats plus(InstanceStats other) {
        return new InstanceStats(
                statusRequests + other.statusRequests,
                addRequests + other.addRequests,
                created + other.created,
                transitions + other.transitions,
                purged + other.purged,
                queueSize + other.queueSize,
                servedNewEntries + other.servedNewEntries,
                servedStatusChanges + other.servedStatusChanges,
                servedRemovals + other.servedRemovals,
                gzipResponses + other.gzipResponses,
                wireBytes + other.wireBytes);
    }
}
