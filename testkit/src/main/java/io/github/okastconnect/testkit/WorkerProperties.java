package io.github.okastconnect.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Properties of a distributed Connect worker on a single-broker cluster, for both stacks: the in-process workers
 * ({@link EmbeddedConnectCluster}, the benchmark harness) and the worker processes ({@code process.LocalKafkaStack}).
 * Both share the group and internal topics, replication factors of one, schemaless JSON and ServiceLoader plugin
 * discovery; each adds what its kind of worker needs.
 */
public final class WorkerProperties {
    public static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    private WorkerProperties() {}

    /**
     * What every worker of this project runs with.
     *
     * @param group the worker group; also the prefix of its config, offset and status topics
     */
    public static Map<String, String> common(String bootstrapServers, String group) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", group);
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", group + "-offsets");
        props.put("status.storage.topic", group + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", JSON_CONVERTER);
        props.put("value.converter", JSON_CONVERTER);
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter.schemas.enable", "false");
        // connectors must ship META-INF/services manifests; scanning costs seconds and GBs of heap per worker
        props.put("plugin.discovery", "service_load");
        return props;
    }

    /**
     * An in-process worker: its own group and internal topics (so workers of different tests never join each
     * other), REST on an ephemeral port, a short offset flush and rebalance delay.
     *
     * @param groupPrefix names the worker group and its internal topics, a random suffix appended
     */
    public static Map<String, String> forSingleBroker(String bootstrapServers, String groupPrefix) {
        Map<String, String> props = common(
                bootstrapServers,
                groupPrefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("scheduled.rebalance.max.delay.ms", "3000");
        props.put("task.shutdown.graceful.timeout.ms", "5000");
        return props;
    }
}
