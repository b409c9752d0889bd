package io.github.okastconnect.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Properties of a distributed Connect worker for a single-broker test cluster: its own group and internal topics
 * (so workers of different tests never join each other), schemaless JSON, a short offset flush and rebalance delay.
 * Shared by the in-process clusters of the tests and the benchmark harness.
 */
public final class WorkerProperties {
    private WorkerProperties() {}

    /** @param groupPrefix names the worker group and its internal topics, a random suffix appended */
    public static Map<String, String> forSingleBroker(String bootstrapServers, String groupPrefix) {
        String group = groupPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", group);
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", group + "-offsets");
        props.put("status.storage.topic", group + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter.schemas.enable", "false");
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("plugin.discovery", "service_load");
        props.put("scheduled.rebalance.max.delay.ms", "3000");
        props.put("task.shutdown.graceful.timeout.ms", "5000");
        return props;
    }
}
