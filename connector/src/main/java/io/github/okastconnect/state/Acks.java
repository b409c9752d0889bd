package io.github.okastconnect.state;

import io.github.okastconnect.offset.Marker;
import io.github.okastconnect.offset.OffsetCodec;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Which polls of each instance had all of their records acknowledged, from Connect's {@code commitRecord} calls
 * (made on the producer's threads). The state records written next carry that watermark, so a restart knows which
 * state records are certainly written together with their events even when Connect's offsets lag behind.
 *
 * <p>Also notices a state record that did not reach the state topic as sent: dropped by a transform or routed
 * elsewhere. The task then fails rather than keep a state that the next start would not find.
 */
public final class Acks {
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile String problem;

    /** Starts tracking an instance whose polls up to {@code certainSeq} are known written. */
    public void start(String instance, long certainSeq) {
        windows.put(instance, new Window(certainSeq));
    }

    /** Poll {@code seq} of an instance handed {@code records} records to Connect. */
    public void submitted(String instance, long seq, int records) {
        windows.get(instance).submitted(seq, records);
    }

    /** One record of poll {@code seq} was acknowledged (or dropped by a transform). */
    public void acknowledged(String instance, long seq) {
        Window window = windows.get(instance);
        if (window != null) {
            window.acknowledged(seq);
        }
    }

    /**
     * A record the task handed to Connect was acknowledged ({@code commitRecord}): counts it for its poll, found from
     * the record's source partition and marker offset. A record
     * without a marker offset (the null offsets that remove format-2 shards) counts for no poll.
     */
    public void acknowledged(SourceRecord record) {
        long seq = Marker.seqOf(record.sourceOffset());
        if (seq >= 0 && record.sourcePartition() != null) {
            acknowledged((String) record.sourcePartition().get(OffsetCodec.PARTITION_KEY), seq);
        }
    }

    /** Every poll of the instance up to the result had all of its records acknowledged. */
    public long acked(String instance) {
        return windows.get(instance).acked();
    }

    public void stateRecordLost(String message) {
        if (problem == null) {
            problem = message;
        }
    }

    /** Why the state can no longer be trusted, if a state record went astray. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Per instance: outstanding polls in submission order, each with its count of unacknowledged records. */
    private static final class Window {
        private final ArrayDeque<long[]> outstanding = new ArrayDeque<>();
        private long acked;

        Window(long acked) {
            this.acked = acked;
        }

        synchronized void submitted(long seq, int records) {
            outstanding.addLast(new long[] {seq, records});
        }

        synchronized void acknowledged(long seq) {
            for (long[] poll : outstanding) {
                if (poll[0] == seq) {
                    poll[1]--;
                    break;
                }
            }
            while (!outstanding.isEmpty() && outstanding.peekFirst()[1] <= 0) {
                acked = Math.max(acked, outstanding.pollFirst()[0]);
            }
        }

        synchronized long acked() {
            return acked;
        }
    }
}
