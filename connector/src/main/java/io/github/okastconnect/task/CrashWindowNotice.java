package io.github.okastconnect.task;

import io.github.okastconnect.config.OkastSourceConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a task started with neither exactly-once nor the output read-back tells the operator once: the crash window
 * that remains and the two ways to close it. A task cannot see the worker's exactly.once.source.support, only the
 * connector's own exactly.once.support; "required" is the one value that guarantees a worker running exactly-once
 * (Connect refuses the connector otherwise).
 */
final class CrashWindowNotice {
    /** Connect's connector-level key (not this connector's ConfigDef): "requested" (default) or "required". */
    static final String EXACTLY_ONCE_SUPPORT = "exactly.once.support";

    private CrashWindowNotice() {}

    static Optional<String> of(Map<String, String> props, OkastSourceConfig config) {
        boolean exactlyOnce = "required"
                .equals(props.getOrDefault(EXACTLY_ONCE_SUPPORT, "").trim().toLowerCase(Locale.ROOT));
        if (exactlyOnce || !config.recoveryBootstrapServers().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Okast source task runs with neither exactly-once (" + EXACTLY_ONCE_SUPPORT
                + "=required) nor the output read-back (" + OkastSourceConfig.RECOVERY_BOOTSTRAP_SERVERS + "). "
                + "If its worker crashes (killed, power loss) instead of stopping, the events written since the last "
                + "offset commit (at most offset.flush.interval.ms old) are emitted again, some under another change "
                + "type, and the REMOVED event of an entry first seen and purged within that window is lost. To "
                + "close that window, either run the workers with exactly.once.source.support=enabled and set "
                + EXACTLY_ONCE_SUPPORT + "=required on this connector, or set "
                + OkastSourceConfig.RECOVERY_BOOTSTRAP_SERVERS + " to the Kafka cluster this connector writes to. "
                + "(Workers already running exactly-once: set " + EXACTLY_ONCE_SUPPORT + "=required to say so.)");
    }
}
