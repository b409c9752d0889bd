package io.github.okastconnect.task;

import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.recovery.OutputReadBack;
import io.github.okastconnect.recovery.StateReplay;
import io.github.okastconnect.recovery.WrittenEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state a task starts from: each owned instance's stored offsets, then (when recovery.bootstrap.servers is
 * set) the events written after them, read back from the output topic.
 */
final class StartupState {
    private static final Logger log = LoggerFactory.getLogger(StartupState.class);

    private final OkastSourceConfig config;
    private final List<InstanceConfig> owned;
    private final OffsetStorageReader reader;
    private final Set<String> unstored = new HashSet<>();

    StartupState(OkastSourceConfig config, List<InstanceConfig> owned, OffsetStorageReader reader) {
        this.config = config;
        this.owned = owned;
        this.reader = reader;
    }

    Map<String, InstanceState> restore() {
        Map<String, OffsetCodec.Stored> stored = fromOffsets();
        Map<String, List<WrittenEvent>> written = readBack(stored);
        Map<String, InstanceState> states = new LinkedHashMap<>();
        stored.forEach((id, fromOffsets) -> {
            if (fromOffsets.entries().isEmpty() && fromOffsets.oldestObservedAtMs() == null) {
                unstored.add(id);
            }
            List<WrittenEvent> events = written.get(id);
            if (events == null) {
                log.info(
                        "Okast instance '{}': restored {} tracked entr(y/ies) from stored offsets",
                        id,
                        fromOffsets.entries().size());
                states.put(id, fromOffsets.state());
                return;
            }
            StateReplay.Replayed replayed = StateReplay.replay(fromOffsets.entries(), events);
            log.info(
                    "Okast instance '{}': restored {} tracked entr(y/ies) from stored offsets and {} event(s) read "
                            + "back from topic '{}': {} entr(y/ies), {} differ from the offsets{}",
                    id,
                    fromOffsets.entries().size(),
                    events.size(),
                    config.topic(),
                    replayed.entries().size(),
                    replayed.changed(),
                    replayed.skipped() == 0 ? "" : " (" + replayed.skipped() + " unreadable event(s) ignored)");
            states.put(id, InstanceState.of(replayed.entries()));
        });
        return states;
    }

    /**
     * After {@link #restore()}: the instances with no stored state (first start, added instance, offsets reset, or
     * offsets unreadable), whose first answer snapshot.mode applies to.
     */
    Set<String> unstored() {
        return Set.copyOf(unstored);
    }

    private Map<String, OffsetCodec.Stored> fromOffsets() {
        List<Map<String, Object>> partitions = new ArrayList<>();
        owned.forEach(instance -> partitions.addAll(OffsetCodec.partitions(instance.id())));
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(partitions);
        Map<String, OffsetCodec.Stored> out = new LinkedHashMap<>();
        for (InstanceConfig instance : owned) {
            OffsetCodec.Stored stored;
            try {
                stored = OffsetCodec.restore(instance.id(), p -> offsets == null ? null : offsets.get(p));
            } catch (IllegalArgumentException e) {
                // Re-emitting current entries as new is recoverable downstream; refusing to start is not.
                log.error(
                        "Stored offset of Okast instance '{}' is unreadable ({}); starting from an empty state, "
                                + "as on a first start (snapshot.mode decides what is emitted)",
                        instance.id(),
                        e.getMessage());
                stored = new OffsetCodec.Stored(Map.of(), null);
            }
            out.put(instance.id(), stored);
        }
        return out;
    }

    /**
     * Events written since the oldest stored offset of the instances that have one. Instances without stored
     * offsets (first start, or reset through the offsets API) start empty on purpose: their entries are emitted
     * as first sight.
     */
    private Map<String, List<WrittenEvent>> readBack(Map<String, OffsetCodec.Stored> stored) {
        List<String> servers = config.recoveryBootstrapServers();
        Set<String> instances = stored.entrySet().stream()
                .filter(e -> e.getValue().oldestObservedAtMs() != null)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        if (servers.isEmpty() || instances.isEmpty()) {
            return Map.of();
        }
        long since = instances.stream()
                .mapToLong(id -> stored.get(id).oldestObservedAtMs())
                .min()
                .orElseThrow();
        String clientId = "okast-recovery-"
                + String.join("-", instances.stream().sorted().limit(3).toList());
        long started = System.nanoTime();
        try {
            OutputReadBack.Result result = new OutputReadBack(
                            servers, config.recoveryConsumerSettings(), clientId, config.recoveryTimeout())
                    .read(config.topic(), since, instances);
            Map<String, List<WrittenEvent>> byInstance = new HashMap<>();
            instances.forEach(id -> byInstance.put(id, new ArrayList<>()));
            result.events().forEach(e -> byInstance.get(e.instance()).add(e));
            log.info(
                    "Read back {} record(s) from {} partition(s) of topic '{}' written since {} in {} ms; {} are "
                            + "events of this task's {} instance(s)",
                    result.recordsRead(),
                    result.partitionsRead(),
                    config.topic(),
                    java.time.Instant.ofEpochMilli(since),
                    (System.nanoTime() - started) / 1_000_000,
                    result.events().size(),
                    instances.size());
            return byInstance;
        } catch (KafkaException e) {
            log.warn(
                    "Could not read back topic '{}' from {} ({}: {}); starting from stored offsets alone, so "
                            + "events written after them may be repeated or re-labelled, and removals missed",
                    config.topic(),
                    servers,
                    e.getClass().getSimpleName(),
                    e.getMessage());
            return Map.of();
        }
    }
}
