package io.github.okastconnect.config;

import static io.github.okastconnect.config.OkastSourceConfig.EMIT_CHANGE_TYPES;
import static io.github.okastconnect.config.OkastSourceConfig.INSTANCES;
import static io.github.okastconnect.config.OkastSourceConfig.RECOVERY_BOOTSTRAP_SERVERS;
import static io.github.okastconnect.config.OkastSourceConfig.REMOVAL_MODE;
import static io.github.okastconnect.config.OkastSourceConfig.SNAPSHOT_MODE;
import static io.github.okastconnect.config.OkastSourceConfig.STATUS_PATH;
import static io.github.okastconnect.config.OkastSourceConfig.STATUS_PATH_DEFAULT;
import static io.github.okastconnect.config.OkastSourceConfig.TIMESTAMP_ZONE;
import static io.github.okastconnect.config.OkastSourceConfig.TOPIC;
import static io.github.okastconnect.config.OkastSourceConfig.TOPIC_DEFAULT;
import static io.github.okastconnect.config.OkastSourceConfig.VALIDATION_PROBE_ENABLED;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys of what the connector polls and what it writes: the instances, and the records' topic and content. Groups
 * are shown in the order they are defined here.
 */
final class SourceKeys {
    private SourceKeys() {}

    static void define(ConfigDef def) {
        instances(def);
        output(def);
    }

    /** The keys that name the instances to poll and how each is checked when the config is validated. */
    private static void instances(ConfigDef def) {
        KeyGroup keys = new KeyGroup(def, "Instances");
        keys.define(
                INSTANCES,
                Type.LIST,
                ConfigDef.NO_DEFAULT_VALUE,
                new InstanceIdsValidator(),
                Importance.HIGH,
                "Comma-separated ids of the Okast Channels instances to poll, e.g. 'paris,lyon'. "
                        + "Required. Each id is your own name for an instance, unique, matching "
                        + "[A-Za-z0-9_-]{1,64}; it is part of every record key and of the stored state, so keep it "
                        + "stable: under a new id an instance's entries are all new. For each id set "
                        + "okast.instance.<id>.url and, if the instance needs credentials, "
                        + "okast.instance.<id>.auth.*. Add an id to poll one more instance; tasks.max spreads the "
                        + "instances over tasks.",
                Width.LONG,
                "Instance ids");
        keys.define(
                STATUS_PATH,
                Type.STRING,
                STATUS_PATH_DEFAULT,
                new NonBlank(),
                Importance.LOW,
                "Path of the ingest status endpoint, appended to each instance URL unless the URL "
                        + "already ends with it. The default is the path Okast Channels serves; change it only "
                        + "when your instances serve the endpoint elsewhere, e.g. behind a reverse proxy that "
                        + "rewrites paths.",
                Width.LONG,
                "Status path");
        keys.define(
                VALIDATION_PROBE_ENABLED,
                Type.BOOLEAN,
                true,
                Importance.LOW,
                "Whether validating a config (PUT /connector-plugins/.../config/validate, and creating "
                        + "or updating the connector) calls each instance once to check that it is reachable, "
                        + "accepts the credentials and answers an Okast status list; problems are reported on the "
                        + "key to fix. Default true, so a wrong URL or password shows when the connector is "
                        + "created rather than later in a task's log. Turn it off when the instances are not "
                        + "reachable from the worker at configuration time.",
                Width.SHORT,
                "Probe instances on validation");
    }

    /** The keys that shape the records: their topic, timestamps, and which changes get events. */
    private static void output(ConfigDef def) {
        KeyGroup keys = new KeyGroup(def, "Output");
        keys.define(
                TOPIC,
                Type.STRING,
                TOPIC_DEFAULT,
                new TopicNameValidator(),
                Importance.HIGH,
                "Kafka topic the ingest lifecycle events are written to. The default, "
                        + "okast.ingest.lifecycle, suits one connector per Kafka cluster. Give each connector its "
                        + "own topic when several write to one cluster: the crash read-back ("
                        + RECOVERY_BOOTSTRAP_SERVERS
                        + ") needs one connector per topic.",
                Width.MEDIUM,
                "Topic");
        keys.define(
                REMOVAL_MODE,
                Type.STRING,
                RemovalMode.EVENT.configValue(),
                new EnumValidator(RemovalMode.class),
                Importance.MEDIUM,
                "What to emit when an entry leaves an instance's queue: 'none' (nothing), 'event' (a "
                        + "REMOVED event with the entry's last known state) or 'event_and_tombstone' (a REMOVED "
                        + "event, then a null-valued record for the key, so a compacted topic drops the entry). "
                        + "The default, 'event', tells consumers that an entry is gone. Choose "
                        + "'event_and_tombstone' for a compacted topic, 'none' when only arrivals and status "
                        + "changes matter. The entry's stored state is released in every mode.",
                Width.SHORT,
                "On removal");
        keys.define(
                EMIT_CHANGE_TYPES,
                Type.LIST,
                String.join(",", ChangeTypesValidator.NAMES),
                new ChangeTypesValidator(),
                Importance.MEDIUM,
                "The change types the connector writes events for, among NEW, STATUS_CHANGED, UPDATED and "
                        + "REMOVED. The default lists all four. A change of a type not listed emits no event, but the "
                        + "entry's state is recorded all the same, so that change is never emitted later (not even "
                        + "after a restart) and the next listed change of that entry is compared with it. REMOVED "
                        + "covers the tombstone of "
                        + REMOVAL_MODE
                        + "=event_and_tombstone, and nothing is emitted on removal with "
                        + REMOVAL_MODE
                        + "=none whatever this says. List fewer types when consumers want only some of them, e.g. "
                        + "'STATUS_CHANGED' or 'NEW,STATUS_CHANGED': use this rather than a Filter transform, "
                        + "which would also see the connector's state records (see docs/recipes.md).",
                Width.MEDIUM,
                "Change types emitted");
        keys.define(
                SNAPSHOT_MODE,
                Type.STRING,
                SnapshotMode.ALL_AS_NEW.configValue(),
                new EnumValidator(SnapshotMode.class),
                Importance.MEDIUM,
                "What the first answer of an instance with no stored state emits: the first start of the connector, "
                        + "an instance added to okast.instances, or after its offsets were reset through Connect's "
                        + "REST API. 'all_as_new' (default): every entry in the queue as a NEW event, for consumers "
                        + "that need the whole queue (a fresh topic, a tracker that must know every ingest). 'none': "
                        + "no event for the entries already there, only their later changes and new entries; for "
                        + "a connector put on instances whose queues hold a long history nobody needs replayed. "
                        + "'active_as_new': NEW only for the entries not yet DONE or ERRORED, so consumers follow "
                        + "the ingests still under way and skip the finished ones. Entries not emitted are "
                        + "recorded all the same: a later change of one is emitted as STATUS_CHANGED or UPDATED.",
                Width.SHORT,
                "First snapshot");
        keys.define(
                TIMESTAMP_ZONE,
                Type.STRING,
                "UTC",
                new ZoneValidator(),
                Importance.MEDIUM,
                "Time zone in which the instances write their zone-less timestamps (e.g. '2022-1018 "
                        + "14:20:00'), used to turn them into epoch milliseconds (requestTimeMs, "
                        + "lastStatusUpdateMs). Default UTC. Set the instances' own zone, e.g. Europe/Paris, or "
                        + "every *Ms field is off by the zone's offset. The raw strings are always kept as sent.",
                Width.SHORT,
                "Timestamp zone");
    }
}
