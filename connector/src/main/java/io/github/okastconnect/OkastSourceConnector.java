package io.github.okastconnect;

import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.offset.Marker;
import io.github.okastconnect.offset.OffsetCodec;
import io.github.okastconnect.probe.LiveProbe;
import io.github.okastconnect.state.KafkaStateStore;
import io.github.okastconnect.state.StateStore;
import io.github.okastconnect.task.OkastSourceTask;
import io.github.okastconnect.version.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect source connector that turns the ingest queues of Okast Channels instances into a stream of ingest
 * lifecycle events. Each instance is owned by exactly one task, the only writer of its source partition (the marker
 * of its last poll; see {@link io.github.okastconnect.offset.Marker}) and of its records in the state topic, which is
 * what makes exactly-once delivery possible.
 */
public class OkastSourceConnector extends SourceConnector {
    private static final Logger log = LoggerFactory.getLogger(OkastSourceConnector.class);

    private Map<String, String> props;
    private List<String> instanceIds;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        OkastSourceConfig config = new OkastSourceConfig(props);
        this.props = Map.copyOf(props);
        this.instanceIds = config.instances().stream().map(i -> i.id()).toList();
        log.info("Okast source connector started with {} instance(s): {}", instanceIds.size(), instanceIds);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OkastSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int groups = Math.min(maxTasks, instanceIds.size());
        List<Map<String, String>> configs = new ArrayList<>(groups);
        // Every key is copied under its own name so that Connect can put config-provider placeholders back in
        // place of resolved secrets before it stores task configs.
        for (List<String> group : ConnectorUtils.groupPartitions(instanceIds, groups)) {
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(OkastSourceConfig.TASK_INSTANCES, String.join(",", group));
            configs.add(taskProps);
        }
        return configs;
    }

    @Override
    public void stop() {
        log.info("Okast source connector stopped");
    }

    @Override
    public ConfigDef config() {
        return OkastSourceConfig.baseDefinition();
    }

    /** Validates the per-instance keys too: they are only known once {@code okast.instances} is read. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        List<String> ids = OkastSourceConfig.instanceIds(connectorConfigs);
        ConfigDef def = OkastSourceConfig.definition(ids);
        List<ConfigValue> values = def.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        values.forEach(v -> byName.put(v.name(), v));
        // Checked before the required-key error is added: a missing state cluster must not hide what the probe
        // of the instances would report, so a user fixes everything in one round.
        boolean singleKeysValid =
                values.stream().allMatch(v -> v.errorMessages().isEmpty());
        boolean stateClusterGiven = !OkastSourceConfig.STATE_BOOTSTRAP_SERVERS_MISSING.test(connectorConfigs);
        if (!stateClusterGiven) {
            byName.get(OkastSourceConfig.STATE_BOOTSTRAP_SERVERS)
                    .addErrorMessage(OkastSourceConfig.STATE_BOOTSTRAP_SERVERS_REQUIRED);
        }
        if (singleKeysValid) {
            Map<String, String> problems = OkastSourceConfig.crossFieldProblems(
                    new org.apache.kafka.common.config.AbstractConfig(def, connectorConfigs, false));
            problems.forEach((key, message) -> byName.get(key).addErrorMessage(message));
            if (problems.isEmpty()) {
                OkastSourceConfig config = new OkastSourceConfig(connectorConfigs);
                if (config.validationProbeEnabled()) {
                    new LiveProbe(config)
                            .probe(config.instances())
                            .forEach((key, message) -> byName.get(key).addErrorMessage(message));
                    if (stateClusterGiven) {
                        stateTopicProblem(config)
                                .ifPresent(message -> byName.get(OkastSourceConfig.STATE_TOPIC)
                                        .addErrorMessage(message));
                    }
                }
            }
        }
        return new Config(values);
    }

    /** Creates the state topic when missing and checks it is compacted; what to fix, if anything. */
    private static Optional<String> stateTopicProblem(OkastSourceConfig config) {
        StateStore.Check check = new KafkaStateStore(
                        config.stateBootstrapServers(), config.stateClientSettings(), Duration.ofSeconds(15))
                .prepare(config.stateTopic(), config.stateTopicPartitions());
        return check instanceof StateStore.Check.Problem problem ? Optional.of(problem.message()) : Optional.empty();
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /**
     * Offsets altered through the REST API must be readable, or the task would refuse to start. A null offset resets
     * an instance (its marker partition) or removes a format-2 shard; a marker may also be set, as GET returned it.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        List<String> ids = OkastSourceConfig.instanceIds(connectorConfig);
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            boolean marker = Marker.isMarkerPartition(partition);
            int shard = -1;
            if (!marker) {
                try {
                    shard = OffsetCodec.shardOfPartition(partition);
                } catch (IllegalArgumentException e) {
                    throw new ConnectException("Source partition " + partition + " is invalid: each instance's "
                            + "offset is stored under {\"" + OffsetCodec.PARTITION_KEY + "\": \"<instance id>\"} "
                            + "(format 3; format 2 used {\"" + OffsetCodec.PARTITION_KEY + "\": ..., \""
                            + OffsetCodec.SHARD_KEY + "\": 0.." + (OffsetCodec.SHARDS - 1) + "}); GET "
                            + "/connectors/{name}/offsets lists the stored ones");
                }
            }
            String id = (String) partition.get(OffsetCodec.PARTITION_KEY);
            if (!ids.contains(id)) {
                throw new ConnectException(
                        "Instance '" + id + "' is not in " + OkastSourceConfig.INSTANCES + " " + ids);
            }
            if (entry.getValue() == null) {
                continue;
            }
            try {
                if (marker) {
                    Marker.decode(entry.getValue());
                } else {
                    OffsetCodec.decodeShard(entry.getValue(), shard);
                }
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Offset of instance '" + id + "'" + (marker ? "" : " shard " + shard)
                        + " is invalid: " + e.getMessage() + ". Use a null offset for {\"instance\": \"" + id
                        + "\"} (or DELETE /connectors/{name}/offsets) to reset an instance so that its current "
                        + "entries are emitted again.");
            }
        }
        return true;
    }
}
