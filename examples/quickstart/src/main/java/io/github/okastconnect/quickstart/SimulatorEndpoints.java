package io.github.okastconnect.quickstart;

import io.github.okastconnect.simulator.FeederSettings;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.OkastSimulator;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The in-process Okast simulator (examples/okast-simulator) with a feeder posting new ingest requests. */
final class SimulatorEndpoints implements EndpointSource {

    private final List<String> ids;
    private final Function<String, Optional<InstanceEndpoint.Credentials>> basicAuth;
    private final ZoneId zone;
    private final Duration feedInterval;
    private OkastSimulator simulator;

    /**
     * @param basicAuth credentials each instance demands (those the connector config sends), if any
     * @param zone      zone of the zone-less Okast timestamps; must match the connector's timestamp.zone
     */
    SimulatorEndpoints(
            List<String> ids,
            Function<String, Optional<InstanceEndpoint.Credentials>> basicAuth,
            ZoneId zone,
            Duration feedInterval) {
        this.ids = List.copyOf(ids);
        this.basicAuth = basicAuth;
        this.zone = zone;
        this.feedInterval = feedInterval;
    }

    @Override
    public synchronized List<InstanceEndpoint> start() {
        simulator = OkastSimulator.builder().build().start();
        List<InstanceEndpoint> endpoints = ids.stream()
                .map(id -> {
                    Optional<InstanceEndpoint.Credentials> auth = basicAuth.apply(id);
                    InstanceSettings.Builder settings =
                            InstanceSettings.builder(id).zone(zone);
                    auth.ifPresent(c -> settings.basicAuth(c.username(), c.password()));
                    simulator.addInstance(settings.build());
                    return new InstanceEndpoint(id, simulator.baseUrl(id), auth);
                })
                .toList();
        simulator.startFeeder(FeederSettings.every(feedInterval));
        return endpoints;
    }

    @Override
    public String description() {
        return "simulator on " + (simulator == null ? "(not started)" : simulator.serverUri()) + ", "
                + ids.size() + " instance(s), one new ingest request per instance every " + feedInterval.toMillis()
                + " ms (some duplicates and some without filePath, to show ERRORED entries), zone " + zone;
    }

    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
