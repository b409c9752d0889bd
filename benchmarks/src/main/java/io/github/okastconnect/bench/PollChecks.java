package io.github.okastconnect.bench;

import io.github.okastconnect.simulator.SimulatedInstance;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The checks {@link PollBenchmark} makes before it measures: a trial whose polls do not do what its variant names,
 * or whose wire figures are not the bytes that travelled, fails instead of reporting a figure.
 */
final class PollChecks {
    private PollChecks() {}

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * The lifecycle events among a poll's records; the others are the state records the task writes with them (one
     * per changed entry, to the state topic), which the checks do not count but every poll builds and pays for.
     */
    static int events(List<SourceRecord> records) {
        int n = 0;
        for (SourceRecord r : records) {
            if (r.topic().equals(ConnectorParts.EVENTS_TOPIC)) {
                n++;
            }
        }
        return n;
    }

    /** The body bytes the simulator sent and the answers it gzipped, and the body bytes the client counted. */
    record WireMark(long servedBytes, long gzipAnswers, long receivedBytes) {}

    /** The wire counters now, over the instances of this trial ({@code other} may be {@code served}). */
    static WireMark wireMark(SimulatedInstance served, SimulatedInstance other) {
        long bytes = served.stats().wireBytes();
        long gzipped = served.stats().gzipResponses();
        if (other != served) {
            bytes += other.stats().wireBytes();
            gzipped += other.stats().gzipResponses();
        }
        return new WireMark(bytes, gzipped, PollCounters.wireBytes);
    }

    /**
     * The answers since {@code before} came in the coding asked for, and the client counted exactly the body bytes
     * the server sent: the wire figures are the bytes that travelled.
     */
    static void checkWire(
            WireMark before, SimulatedInstance served, SimulatedInstance other, boolean gzip, String compression) {
        WireMark now = wireMark(served, other);
        long received = now.receivedBytes() - before.receivedBytes();
        long gzipAnswers = now.gzipAnswers() - before.gzipAnswers();
        long sent = now.servedBytes() - before.servedBytes();
        check(gzip ? gzipAnswers > 0 : gzipAnswers == 0, compression + ": " + gzipAnswers + " gzip answers");
        check(received == sent, "client counted " + received + " body bytes, server sent " + sent);
    }
}
