package io.github.okastconnect.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Random;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.detect.InstanceState;
import io.github.okastconnect.http.Backoff;
import io.github.okastconnect.http.StatusClient;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.TimestampParser;
import io.github.okastconnect.task.InstanceTracker;

/** Builds the connector's per-poll machinery exactly as the task does, with the task's defaults. */
public final class ConnectorParts {
    public static final long MAX_RESPONSE_BYTES = 512L * 1024 * 1024;

    private ConnectorParts() {
    }

    public static StatusClient statusClient() {
        return new StatusClient(httpSettings(), Clock.systemUTC());
    }

    /**
     * {@link StatusClient.HttpSettings} with the task's defaults. Built through the record's canonical constructor by
     * component name so that components added later (TLS options) default to null/false/0 instead of breaking this
     * module's build.
     */
    public static StatusClient.HttpSettings httpSettings() {
        RecordComponent[] components = StatusClient.HttpSettings.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = switch (components[i].getName()) {
                case "connectTimeout" -> Duration.ofSeconds(5);
                case "readTimeout" -> Duration.ofSeconds(30);
                case "maxResponseBytes" -> MAX_RESPONSE_BYTES;
                case "hostnameVerification" -> true;
                case "conditionalRequests" -> true;
                default -> defaultOf(types[i]);
            };
        }
        try {
            Constructor<StatusClient.HttpSettings> canonical =
                    StatusClient.HttpSettings.class.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build StatusClient.HttpSettings", e);
        }
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    public static InstanceTracker.Pipeline pipeline(String topic) {
        return new InstanceTracker.Pipeline(new IngestStatusParser(), new ChangeDetector(),
                new RecordMapper(topic, new TimestampParser(ZoneOffset.UTC), RemovalMode.EVENT));
    }

    public static InstanceConfig instance(String id, URI statusUri) {
        return new InstanceConfig(id, statusUri, new Credentials.None());
    }

    public static InstanceTracker tracker(InstanceConfig instance, long pollIntervalMs) {
        return new InstanceTracker(instance, InstanceState.empty(), pipeline("okast.ingest.lifecycle"),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), new Random(1)), pollIntervalMs, 0);
    }
}
