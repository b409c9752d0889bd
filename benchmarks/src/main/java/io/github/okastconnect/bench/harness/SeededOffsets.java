package io.github.okastconnect.bench.harness;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.simulator.OkastTime;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.simulator.StatusEntry;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source offsets written before a {@link LoadHarness} scenario starts its connector, so that it measures a restart
 * of a large fleet (state restored from offsets) without first emitting every entry.
 */
final class SeededOffsets {
    private SeededOffsets() {}

    /** The offsets the connector would have stored after emitting every static entry of each instance. */
    static List<Map<String, Object>> seededOffsets(List<SimulatedInstance> instances) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SimulatedInstance instance : instances) {
            List<Map<String, Object>> shards = new ArrayList<>();
            for (int shard = 0; shard < OffsetCodec.SHARDS; shard++) {
                Map<String, Object> offset = new LinkedHashMap<>();
                offset.put(OffsetCodec.VERSION_KEY, OffsetCodec.VERSION);
                shards.add(offset);
            }
            for (StatusEntry e : instance.entries()) {
                EntryKey key = new EntryKey(
                        e.request().filePath().orElse(null), OkastTime.format(e.requestTime(), ZoneOffset.UTC), 0);
                EntryState state = new EntryState(e.status(), OkastTime.format(e.lastStatusUpdate(), ZoneOffset.UTC));
                String encoded = OffsetCodec.encodeKey(key);
                shards.get(OffsetCodec.shardOf(encoded)).put(encoded, OffsetCodec.encodeState(state));
            }
            for (int shard = 0; shard < OffsetCodec.SHARDS; shard++) {
                out.add(Map.of(
                        "partition", OffsetCodec.partition(instance.name(), shard), "offset", shards.get(shard)));
            }
        }
        return out;
    }
}
