package io.github.okastconnect.testkit.rest;

import java.util.List;
import java.util.Map;

/** What {@code POST /connectors} and {@code PUT /connectors/{name}/config} answer. */
public record ConnectorInfo(String name, Map<String, String> config, List<Integer> tasks, String type) {

    public ConnectorInfo {
        config = Map.copyOf(config);
        tasks = List.copyOf(tasks);
    }
}
