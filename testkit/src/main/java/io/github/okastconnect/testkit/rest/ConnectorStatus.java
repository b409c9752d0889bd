package io.github.okastconnect.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /connectors/{name}/status}.
 *
 * @param state    RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED or RESTARTING
 * @param workerId the worker running the connector, {@code host:port}
 * @param trace    the stack trace when FAILED, else null
 */
public record ConnectorStatus(
        String name, String type, String state, String workerId, String trace, List<TaskStatus> tasks) {

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    public record TaskStatus(int id, String state, String workerId, String trace) {}

    static ConnectorStatus fromJson(JsonNode json) {
        JsonNode connector = json.path("connector");
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode t : json.path("tasks")) {
            tasks.add(new TaskStatus(
                    t.path("id").asInt(),
                    t.path("state").asText(),
                    t.path("worker_id").asText(),
                    textOrNull(t.path("trace"))));
        }
        return new ConnectorStatus(
                json.path("name").asText(),
                textOrNull(json.path("type")),
                connector.path("state").asText(),
                connector.path("worker_id").asText(),
                textOrNull(connector.path("trace")),
                tasks);
    }

    /** Connector RUNNING with at least {@code minTasks} tasks, all RUNNING. */
    public boolean isRunning(int minTasks) {
        return "RUNNING".equals(state)
                && tasks.size() >= minTasks
                && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
    }

    /** How many of the connector's tasks run on the worker whose {@code worker_id} is {@code workerId}. */
    public long tasksOn(String workerId) {
        return tasks.stream().filter(t -> workerId.equals(t.workerId())).count();
    }

    /** The connector's or the first failed task's trace, when something is FAILED. */
    public Optional<String> failure() {
        if ("FAILED".equals(state)) {
            return Optional.of("connector " + name + " FAILED on " + workerId + ":\n" + trace);
        }
        return tasks.stream()
                .filter(t -> "FAILED".equals(t.state()))
                .findFirst()
                .map(t -> "task " + name + "-" + t.id() + " FAILED on " + t.workerId() + ":\n" + t.trace());
    }

    public String summary() {
        return name + " " + state + " on " + workerId + ", tasks "
                + tasks.stream()
                        .map(t -> t.id() + ":" + t.state() + "@" + t.workerId())
                        .toList();
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
