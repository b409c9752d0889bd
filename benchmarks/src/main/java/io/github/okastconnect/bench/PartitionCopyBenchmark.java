package io.github.okastconnect.bench;

import io.github.okastconnect.offset.OffsetCodec;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Kafka Connect pays on every pass of a source task's loop for this connector's partitions: it copies the map
 * of offsets awaiting commit ({@code new HashMap<>(offsets)} in {@code SubmittedRecords.CommittableOffsets
 * .updatedWith}, Kafka 4.4), one entry per source partition written since the last offset flush. Prints the time
 * per copy with the connector's partition keys against plain unmodifiable HashMaps holding the same two entries
 * (the keys before), for 100 and 500 instances × 32 shards, and their ratio measured in the same run.
 *
 * <p>Run: {@code java -cp "benchmarks/target/classes:benchmarks/target/lib/*"
 * io.github.okastconnect.bench.PartitionCopyBenchmark}
 */
public final class PartitionCopyBenchmark {
    private static final long ROUND_NANOS = 1_000_000_000L;

    private PartitionCopyBenchmark() {}

    public static void main(String[] args) {
        for (int instances : List.of(100, 500)) {
            Map<Map<String, Object>, Map<String, Object>> plain = offsets(instances, false);
            Map<Map<String, Object>, Map<String, Object>> connector = offsets(instances, true);
            double plainMicros = 0;
            double connectorMicros = 0;
            for (int round = 0; round < 4; round++) { // the first round is warm-up, the last three are kept
                double p = microsPerCopy(plain);
                double c = microsPerCopy(connector);
                if (round > 0) {
                    plainMicros += p / 3;
                    connectorMicros += c / 3;
                }
            }
            System.out.printf(
                    "%d instances x %d shards = %,d partitions: plain HashMap keys %.0f us per copy, "
                            + "connector's keys %.0f us per copy (%.2f x)%n",
                    instances,
                    OffsetCodec.SHARDS,
                    plain.size(),
                    plainMicros,
                    connectorMicros,
                    connectorMicros / plainMicros);
        }
    }

    private static Map<Map<String, Object>, Map<String, Object>> offsets(int instances, boolean connectorKeys) {
        Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
        Map<String, Object> offset = Map.of(OffsetCodec.VERSION_KEY, OffsetCodec.VERSION);
        for (int i = 1; i <= instances; i++) {
            String id = String.format("okast-%03d", i); // ids like the simulator's and most fleets': a digit apart
            for (int shard = 0; shard < OffsetCodec.SHARDS; shard++) {
                offsets.put(connectorKeys ? OffsetCodec.partition(id, shard) : plain(id, shard), offset);
            }
        }
        return offsets;
    }

    private static Map<String, Object> plain(String id, int shard) {
        Map<String, Object> partition = new HashMap<>();
        partition.put(OffsetCodec.PARTITION_KEY, id);
        partition.put(OffsetCodec.SHARD_KEY, shard);
        return Collections.unmodifiableMap(partition);
    }

    private static double microsPerCopy(Map<Map<String, Object>, Map<String, Object>> offsets) {
        long sink = 0;
        int copies = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < ROUND_NANOS) {
            sink += new HashMap<>(offsets).size();
            copies++;
        }
        if (sink != (long) copies * offsets.size()) {
            throw new IllegalStateException("a copy lost entries");
        }
        return (System.nanoTime() - start) / 1e3 / copies;
    }
}
