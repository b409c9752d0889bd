package io.github.okastconnect.config;

import static io.github.okastconnect.config.OkastSourceConfig.RECOVERY_BOOTSTRAP_SERVERS;
import static io.github.okastconnect.config.OkastSourceConfig.RECOVERY_CONSUMER_PREFIX;
import static io.github.okastconnect.config.OkastSourceConfig.RECOVERY_TIMEOUT_MS;
import static io.github.okastconnect.config.OkastSourceConfig.STATE_BOOTSTRAP_SERVERS;
import static io.github.okastconnect.config.OkastSourceConfig.STATE_CLIENT_PREFIX;
import static io.github.okastconnect.config.OkastSourceConfig.STATE_RESTORE_TIMEOUT_MS;
import static io.github.okastconnect.config.OkastSourceConfig.STATE_TOPIC;
import static io.github.okastconnect.config.OkastSourceConfig.STATE_TOPIC_PARTITIONS;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys of the connector's own Kafka clients: the crash read-back of the output topic, and the state topic. Groups
 * are shown in the order they are defined here.
 */
final class KafkaKeys {
    private KafkaKeys() {}

    static void define(ConfigDef def) {
        recovery(def);
        state(def);
    }

    /** The keys of the crash read-back of the output topic. */
    private static void recovery(ConfigDef def) {
        KeyGroup keys = new KeyGroup(def, "Crash recovery");
        keys.define(
                RECOVERY_BOOTSTRAP_SERVERS,
                Type.LIST,
                "",
                new BootstrapServersValidator(),
                Importance.MEDIUM,
                "Bootstrap servers of the Kafka cluster this connector writes to (Connect does not tell tasks its "
                        + "own). When set, a starting task reads back the events its instances wrote after their "
                        + "last committed offsets and resumes from what really reached the topic, so a worker crash "
                        + "without exactly-once neither loses (e.g. the REMOVED of an entry seen and purged "
                        + "meanwhile) nor re-labels a transition, and repeats only records written but not yet "
                        + "acknowledged at the crash. Events then carry the headers okast.key "
                        + "and okast.state, which the read-back needs (SMTs must keep them and the topic name). "
                        + "Consumer settings such as security go under the prefix " + RECOVERY_CONSUMER_PREFIX
                        + " (e.g. " + RECOVERY_CONSUMER_PREFIX + "security.protocol). Not needed with "
                        + "exactly.once.support=required. Default empty: a task resumes from its offsets alone. "
                        + "Set it when running without exactly-once (see docs/operations.md).",
                Width.LONG,
                "Read-back bootstrap servers");
        keys.define(
                RECOVERY_TIMEOUT_MS,
                Type.LONG,
                60_000L,
                ConfigDef.Range.between(1_000L, 3_600_000L),
                Importance.LOW,
                "Longest a starting task spends reading back its events, in milliseconds. On timeout or "
                        + "error it logs a WARN and starts from its offsets alone (as without read-back). Default "
                        + "60000. Raise it when the read-back of a busy topic times out at start.",
                Width.SHORT,
                "Read-back timeout (ms)");
    }

    /** The keys of the state topic, where each entry's last emitted state is kept. */
    private static void state(ConfigDef def) {
        KeyGroup keys = new KeyGroup(def, "State topic");
        keys.define(
                STATE_BOOTSTRAP_SERVERS,
                Type.LIST,
                "",
                new BootstrapServersValidator(),
                Importance.HIGH,
                "Bootstrap servers of the Kafka cluster the worker writes to (Connect does not tell tasks its own), "
                        + "e.g. 'broker1:9092,broker2:9092'. Required: a starting task reads its instances' state "
                        + "back from the state topic there, and the connector creates that topic. Client settings "
                        + "such as security go under the prefix " + STATE_CLIENT_PREFIX + " (e.g. "
                        + STATE_CLIENT_PREFIX + "security.protocol); they are used by the connector's own admin "
                        + "client and consumer, never by the worker's producer.",
                Width.LONG,
                "State bootstrap servers");
        keys.define(
                STATE_TOPIC,
                Type.STRING,
                "",
                new TopicNameValidator(true),
                Importance.MEDIUM,
                "Compacted topic holding the last emitted state of every tracked entry, one record per entry, "
                        + "written by the tasks with their events (in the same transaction under exactly-once). "
                        + "Empty (the default): '<connector name>.okast-state'. Created with cleanup.policy=compact "
                        + "when missing; an existing topic must be compacted. Each instance's records go to one "
                        + "partition, chosen by its id. Give each connector its own (two connectors sharing an "
                        + "instance id must not share it); changing it on a running connector starts every instance "
                        + "from an empty state.",
                Width.LONG,
                "State topic");
        keys.define(
                STATE_TOPIC_PARTITIONS,
                Type.INT,
                12,
                ConfigDef.Range.between(1, 10_000),
                Importance.LOW,
                "Partitions of the state topic when the connector creates it (an existing topic keeps its own). "
                        + "A starting task reads the partitions of its instances only, so more partitions than "
                        + "tasks keeps each task's restore to about its own instances' state. Replication factor "
                        + "and other settings are the broker's defaults; create the topic yourself to choose them.",
                Width.SHORT,
                "State topic partitions");
        keys.define(
                STATE_RESTORE_TIMEOUT_MS,
                Type.LONG,
                300_000L,
                ConfigDef.Range.between(1_000L, 3_600_000L),
                Importance.LOW,
                "Longest a starting task spends creating or checking the state topic and reading its instances' "
                        + "state from it, in milliseconds. On timeout the task fails (it cannot know what it emitted "
                        + "before) and can be restarted; raise it for very large states on a slow cluster.",
                Width.SHORT,
                "State restore timeout (ms)");
    }
}
