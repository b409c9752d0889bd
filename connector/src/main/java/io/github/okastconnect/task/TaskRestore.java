package io.github.okastconnect.task;

import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.offset.StoredOffsets;
import io.github.okastconnect.recovery.OutputReadBack;
import io.github.okastconnect.recovery.StateReplay;
import io.github.okastconnect.recovery.WrittenEvent;
import io.github.okastconnect.state.Restored;
import io.github.okastconnect.state.StateEntry;
import io.github.okastconnect.state.StateRestore;
import io.github.okastconnect.state.StateStore;
import io.github.okastconnect.state.StateTopic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state a task starts from: each owned instance's marker (or format-2 offsets, migrated) and its records in the
 * state topic, then (when recovery.bootstrap.servers is set) the events written after the last certain poll, read
 * back from the output topic.
 */
final class TaskRestore {
    private static final Logger log = LoggerFactory.getLogger(TaskRestore.class);

    private final OkastSourceConfig config;
    private final List<InstanceConfig> owned;
    private final OffsetStorageReader reader;
    private final StateStore store;
    private final StateTopic topic;

    TaskRestore(
            OkastSourceConfig config,
            List<InstanceConfig> owned,
            OffsetStorageReader reader,
            StateStore store,
            StateTopic topic) {
        this.config = config;
        this.owned = owned;
        this.reader = reader;
        this.store = store;
        this.topic = topic;
    }

    /**
     * @throws ConnectException when an instance's offset cannot be read (saying how to reset it) or its state
     *                          records cannot be read
     */
    Map<String, Restored> restore() {
        Map<String, StoredOffsets> stored = fromOffsets();
        Map<String, List<StateEntry>> records;
        long started = System.nanoTime();
        try {
            records = store.read(topic, stored.keySet());
        } catch (KafkaException e) {
            throw new ConnectException(
                    "Cannot read state topic '" + topic.name() + "' (" + e.getMessage()
                            + "); the task cannot know what it emitted before. Check state.bootstrap.servers and the "
                            + "state.client.* settings, and that the topic exists; the task retries when restarted.",
                    e);
        }
        Map<String, Restored> restored = new LinkedHashMap<>();
        stored.forEach((id, offsets) -> {
            Restored r = StateRestore.restore(offsets, records.get(id));
            log.info(
                    "Okast instance '{}': restored {} tracked entr(y/ies) from {}; {} state record(s) read from "
                            + "topic '{}' partition {} in {} ms, {} to rewrite",
                    id,
                    r.entries().size(),
                    r.source(),
                    records.get(id).size(),
                    topic.name(),
                    topic.partitionOf(id),
                    (System.nanoTime() - started) / 1_000_000,
                    r.writes().size());
            restored.put(id, r);
        });
        return readBack(restored);
    }

    private Map<String, StoredOffsets> fromOffsets() {
        List<String> ids = owned.stream().map(InstanceConfig::id).toList();
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(StoredOffsets.partitions(ids));
        Map<String, StoredOffsets> out = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (String id : ids) {
            StoredOffsets stored = StoredOffsets.read(id, p -> offsets == null ? null : offsets.get(p));
            if (stored instanceof StoredOffsets.Unreadable bad) {
                unreadable.add("'" + id + "': " + bad.reason());
            }
            out.put(id, stored);
        }
        if (!unreadable.isEmpty()) {
            String name = config.connectorName();
            throw new ConnectException("Stored offsets of Okast instance(s) " + unreadable + " cannot be read by "
                    + "this connector version, so it cannot know what was already emitted. To start such an instance "
                    + "from an empty state (each current entry then emitted again as NEW): stop the connector "
                    + "(PUT /connectors/" + name + "/stop), reset the instance's offsets (PATCH /connectors/" + name
                    + "/offsets with {\"offsets\":[{\"partition\":{\"instance\":\"<id>\"},\"offset\":null}]}, or "
                    + "DELETE /connectors/" + name + "/offsets for every instance), then resume it.");
        }
        return out;
    }

    /**
     * Replays the events written after each instance's last certain poll over its restored state. Instances starting
     * empty (first start, reset) are left alone on purpose: their entries are emitted as first sight.
     */
    private Map<String, Restored> readBack(Map<String, Restored> restored) {
        List<String> servers = config.recoveryBootstrapServers();
        Set<String> instances = restored.entrySet().stream()
                .filter(e -> e.getValue().observedAtMs() != null)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        if (servers.isEmpty() || instances.isEmpty()) {
            return restored;
        }
        long since = instances.stream()
                .mapToLong(id -> restored.get(id).observedAtMs())
                .min()
                .orElseThrow();
        String clientId = "okast-recovery-"
                + String.join("-", instances.stream().sorted().limit(3).toList());
        long started = System.nanoTime();
        OutputReadBack.Result result;
        try {
            result = new OutputReadBack(servers, config.recoveryConsumerSettings(), clientId, config.recoveryTimeout())
                    .read(config.topic(), since, instances);
        } catch (KafkaException e) {
            log.warn(
                    "Could not read back topic '{}' from {} ({}: {}); starting from the state topic alone, so "
                            + "events written after the last certain poll may be repeated or re-labelled, and "
                            + "removals missed",
                    config.topic(),
                    servers,
                    e.getClass().getSimpleName(),
                    e.getMessage());
            return restored;
        }
        Map<String, List<WrittenEvent>> byInstance = new HashMap<>();
        instances.forEach(id -> byInstance.put(id, new ArrayList<>()));
        result.events().forEach(e -> byInstance.get(e.instance()).add(e));
        log.info(
                "Read back {} record(s) from {} partition(s) of topic '{}' written since {} in {} ms; {} are events "
                        + "of this task's {} instance(s)",
                result.recordsRead(),
                result.partitionsRead(),
                config.topic(),
                java.time.Instant.ofEpochMilli(since),
                (System.nanoTime() - started) / 1_000_000,
                result.events().size(),
                instances.size());
        Map<String, Restored> out = new LinkedHashMap<>(restored);
        byInstance.forEach((id, events) -> out.put(id, replayed(id, restored.get(id), events)));
        return out;
    }

    /** The restored state with the read-back events applied; the entries they change are rewritten. */
    private static Restored replayed(String id, Restored from, List<WrittenEvent> events) {
        StateReplay.Replayed replayed = StateReplay.replay(from.entries(), events);
        Map<String, String> writes = new HashMap<>(from.writes());
        Set<EntryKey> keys = new java.util.HashSet<>(from.entries().keySet());
        keys.addAll(replayed.entries().keySet());
        for (EntryKey key : keys) {
            EntryState before = from.entries().get(key);
            EntryState after = replayed.entries().get(key);
            if (!Objects.equals(before, after)) {
                writes.put(OffsetCodec.encodeKey(key), after == null ? null : OffsetCodec.encodeState(after));
            }
        }
        log.info(
                "Okast instance '{}': {} event(s) read back, {} entr(y/ies) differ from the state topic{}",
                id,
                events.size(),
                replayed.changed(),
                replayed.skipped() == 0 ? "" : " (" + replayed.skipped() + " unreadable event(s) ignored)");
        return new Restored(
                replayed.entries(),
                from.epoch(),
                from.lastSeq(),
                from.certainSeq(),
                from.observedAtMs(),
                writes,
                from.dropLegacy(),
                from.source());
    }
}
