package io.github.okastconnect.quickstart;

import java.util.List;

/** Real Okast instances given with --instance or OKAST_INSTANCES: nothing to start or stop. */
public record RealInstances(List<InstanceEndpoint> endpoints) implements EndpointSource {

    public RealInstances {
        endpoints = List.copyOf(endpoints);
    }

    @Override
    public List<InstanceEndpoint> start() {
        return endpoints;
    }

    @Override
    public String description() {
        return endpoints.isEmpty() ? "instances from the --config file" : "real instances " + endpoints;
    }

    @Override
    public void close() {
        // nothing was started
    }
}
