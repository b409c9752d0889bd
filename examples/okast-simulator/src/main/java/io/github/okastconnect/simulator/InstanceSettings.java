package io.github.okastconnect.simulator;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one simulated Okast Channels instance behaves. Immutable; the few knobs tests flip at run
 * time (auth, error rate, faults, scripting) live on {@link SimulatedInstance}.
 *
 * @param name            path prefix of the instance: {@code http://host:port/<name>/synthesia/...}
 * @param zone            zone the zone-less timestamps are written in
 * @param lifecycle       steps of entries created through the add endpoint (and of generated ones)
 * @param errorRate       share of accepted entries that end ERRORED instead of DONE
 * @param retention       how long DONE/ERRORED entries created through the add endpoint stay listed
 * @param rejectionDelay  how long a rejected request (missing or duplicate filePath) shows PENDING
 *                        before turning ERRORED; zero means ERRORED at once
 * @param credentials     basic auth, or null for none
 * @param jsonStyle       how the body is written
 * @param contentType     Content-Type of the status answer
 * @param seed            seed of the instance's Random, or null to derive it from the simulator's seed and the name
 * @param load            generated load, or null for none
 * @param etags           whether status answers carry an ETag and honour If-None-Match with 304 (Okast's PHP
 *                        endpoint is not known to; off by default)
 * @param gzip            whether the status endpoint answers gzip to clients whose Accept-Encoding allows it (on by
 *                        default: a PHP server behind Apache or nginx usually compresses JSON; the JDK clients never
 *                        ask, so they see identity either way)
 * @param oauth2          whether requests need a bearer token from the simulator's token endpoint
 *                        ({@link OkastSimulator#oauth2()}); when set, {@code credentials} are ignored
 */
public record InstanceSettings(
        String name,
        ZoneId zone,
        Lifecycle lifecycle,
        double errorRate,
        Duration retention,
        Duration rejectionDelay,
        BasicCredentials credentials,
        JsonStyle jsonStyle,
        String contentType,
        Long seed,
        LoadProfile load,
        boolean etags,
        boolean gzip,
        boolean oauth2) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public InstanceSettings {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("instance name must be one URL path segment [A-Za-z0-9._-]: " + name);
        }
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("errorRate outside [0,1]");
        }
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(rejectionDelay, "rejectionDelay");
        if (retention.isNegative() || rejectionDelay.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        Objects.requireNonNull(jsonStyle, "jsonStyle");
        Objects.requireNonNull(contentType, "contentType");
    }

    public static InstanceSettings named(String name) {
        return builder(name).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        return new Builder(name)
                .zone(zone)
                .lifecycle(lifecycle)
                .errorRate(errorRate)
                .retention(retention)
                .rejectionDelay(rejectionDelay)
                .credentials(credentials)
                .jsonStyle(jsonStyle)
                .contentType(contentType)
                .seed(seed)
                .load(load)
                .etags(etags)
                .gzip(gzip)
                .oauth2(oauth2);
    }

    public InstanceSettings withName(String newName) {
        return toBuilder().name(newName).build();
    }

    public static final class Builder {
        private String name;
        private ZoneId zone = ZoneOffset.UTC;
        private Lifecycle lifecycle = Lifecycle.defaults();
        private double errorRate;
        private Duration retention = Duration.ofMinutes(10);
        private Duration rejectionDelay = Duration.ZERO;
        private BasicCredentials credentials;
        private JsonStyle jsonStyle = JsonStyle.COMPACT;
        private String contentType = "application/json";
        private Long seed;
        private LoadProfile load;
        private boolean etags;
        private boolean gzip = true;
        private boolean oauth2;

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder zone(ZoneId value) {
            this.zone = value;
            return this;
        }

        public Builder lifecycle(Lifecycle value) {
            this.lifecycle = value;
            return this;
        }

        public Builder errorRate(double value) {
            this.errorRate = value;
            return this;
        }

        public Builder retention(Duration value) {
            this.retention = value;
            return this;
        }

        public Builder rejectionDelay(Duration value) {
            this.rejectionDelay = value;
            return this;
        }

        public Builder credentials(BasicCredentials value) {
            this.credentials = value;
            return this;
        }

        public Builder basicAuth(String username, String password) {
            return credentials(new BasicCredentials(username, password));
        }

        public Builder jsonStyle(JsonStyle value) {
            this.jsonStyle = value;
            return this;
        }

        public Builder contentType(String value) {
            this.contentType = value;
            return this;
        }

        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        public Builder load(LoadProfile value) {
            this.load = value;
            return this;
        }

        public Builder etags(boolean value) {
            this.etags = value;
            return this;
        }

        public Builder gzip(boolean value) {
            this.gzip = value;
            return this;
        }

        /** Require a bearer token issued by the simulator's token endpoint (instead of any basic credentials). */
        public Builder oauth2(boolean value) {
            this.oauth2 = value;
            return this;
        }

        public InstanceSettings build() {
            return new InstanceSettings(
                    name,
                    zone,
                    lifecycle,
                    errorRate,
                    retention,
                    rejectionDelay,
                    credentials,
                    jsonStyle,
                    contentType,
                    seed,
                    load,
                    etags,
                    gzip,
                    oauth2);
        }
    }
}
