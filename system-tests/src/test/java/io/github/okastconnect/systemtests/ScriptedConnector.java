package io.github.okastconnect.systemtests;

import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.systemtests.EventAccounting.Result;
import io.github.okastconnect.systemtests.LifecycleTimeline.Step;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One connector under test with its own simulated instances, topic, {@link LifecycleTimeline} and accounting: the
 * test publishes steps of the timeline to the simulator and waits for their events on the topic, whatever happens to
 * the Kafka cluster meanwhile. Judges only by the records on the output topic, never by stored offsets.
 */
final class ScriptedConnector implements AutoCloseable {

    /** What the connector is configured to guarantee. */
    enum Mode {
        /** exactly.once.source.support=enabled on the worker, "exactly.once.support":"required"; read_committed. */
        EXACTLY_ONCE,
        /** at-least-once with recovery.bootstrap.servers: a starting task reads back what it wrote. */
        READ_BACK,
        /** at-least-once on Connect's offsets alone (the default configuration). */
        OFFSETS_ONLY;

        boolean exactlyOnce() {
            return this == EXACTLY_ONCE;
        }
    }

    private final String name;
    private final Mode mode;
    private final LifecycleTimeline timeline;
    private final OkastSimulator sim;
    private final String bootstrapServers;
    private final Supplier<ConnectRestClient> rest;
    private final EventAccounting accounting;
    private final String topic;
    private TopicReader reader;
    private int transitions;

    /**
     * @param rest a REST client of a live worker of the connector's Connect cluster (asked anew for each call, as
     *     workers come and go)
     */
    ScriptedConnector(
            String name,
            Mode mode,
            LifecycleTimeline timeline,
            OkastSimulator sim,
            String bootstrapServers,
            Supplier<ConnectRestClient> rest) {
        this.name = name;
        this.mode = mode;
        this.timeline = timeline;
        this.sim = sim;
        this.bootstrapServers = bootstrapServers;
        this.rest = rest;
        this.accounting = new EventAccounting(mode.exactlyOnce());
        this.topic = "okast.system." + name;
        timeline.instances().forEach(sim::addInstance);
    }

    String name() {
        return name;
    }

    Mode mode() {
        return mode;
    }

    LifecycleTimeline timeline() {
        return timeline;
    }

    List<String> instances() {
        return timeline.instances();
    }

    int transitions() {
        return transitions;
    }

    TopicReader reader() {
        return reader;
    }

    /** Creates the topic and the connector ({@link #fill} first), and starts reading the topic. */
    void create(int tasksMax, int pollIntervalMs, Map<String, String> extraConfig) {
        TopicReader.createTopic(bootstrapServers, topic, 3);
        rest.get().createConnector(name, config(tasksMax, pollIntervalMs, extraConfig));
        reader = TopicReader.fromStart(bootstrapServers, topic, mode.exactlyOnce());
        reader.step(0);
    }

    /** The connector's config; {@code extra} is applied last. */
    Map<String, String> config(int tasksMax, int pollIntervalMs, Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SystemTestSettings.CONNECTOR_CLASS);
        config.put("tasks.max", Integer.toString(tasksMax));
        config.put("topic", topic);
        config.put("state.bootstrap.servers", bootstrapServers);
        config.put("poll.interval.ms", Integer.toString(pollIntervalMs));
        config.put("okast.instances", String.join(",", timeline.instances()));
        for (String id : timeline.instances()) {
            config.put("okast.instance." + id + ".url", sim.baseUrl(id));
        }
        switch (mode) {
            case EXACTLY_ONCE -> config.put("exactly.once.support", "required");
            case READ_BACK -> config.put("recovery.bootstrap.servers", bootstrapServers);
            case OFFSETS_ONLY -> {}
        }
        config.putAll(extra);
        return config;
    }

    /** Fills the (empty) instances: {@code entries} NEW entries each. Call before {@link #create}. */
    Step fill(int entries) {
        Step step = timeline.initial(entries);
        publish(step);
        return step;
    }

    /** The next step over every instance, published at once. */
    Step next(int transitionsPerStep) {
        Step step = timeline.next(transitionsPerStep, false);
        publish(step);
        return step;
    }

    /**
     * The next step changing only {@code only}'s queues, published at once; {@code touchEach}: every one of them
     * changes.
     */
    Step next(int transitionsPerStep, Collection<String> only, boolean touchEach) {
        Step step = timeline.next(transitionsPerStep, touchEach, only);
        publish(step);
        return step;
    }

    private void publish(Step step) {
        accounting.expect(step.events());
        transitions += step.events().size();
        if (reader != null) {
            reader.step(step.number());
        }
        for (String id : step.changedInstances()) {
            sim.instance(id).setEntries(timeline.statusEntries(id));
        }
    }

    /** True once every event expected so far has arrived (exactly, or as a state without exactly-once). */
    boolean poll(Duration timeout) {
        return reader.pollUntil(accounting::complete, timeout);
    }

    /** Waits for every expected event; fails with what is missing, the connector's status and where the logs are. */
    void await(Duration timeout, Path logs) {
        if (poll(timeout)) {
            return;
        }
        StringBuilder missing = new StringBuilder();
        accounting.pending(10).forEach(p -> missing.append("\n  ").append(p));
        String status;
        try {
            status = rest.get().getStatus(name).summary();
        } catch (RuntimeException e) {
            status = "unavailable: " + e;
        }
        throw new AssertionError("[" + name + "] " + accounting.pendingCount()
                + " expected event(s) not received within " + timeout.toSeconds() + " s, e.g.:" + missing
                + "\nconnector: " + status + "\nworker logs in " + logs);
    }

    /** Lets every instance be polled {@code polls} more times (late re-emissions come now), then reads the rest. */
    void settle(int polls, Duration timeout) throws InterruptedException {
        Map<String, Long> before = new LinkedHashMap<>();
        instances().forEach(id -> before.put(id, sim.instance(id).requestCount()));
        for (String id : instances()) {
            if (!sim.instance(id).awaitRequestCount(before.get(id) + polls, timeout)) {
                throw new AssertionError(id + " was not polled " + polls + " more times within " + timeout);
            }
        }
        reader.drain(Duration.ofSeconds(2));
    }

    /** The accounting of what arrived so far (what is still awaited counts as lost). */
    Result result() {
        return accounting.result(reader.all());
    }

    Map<String, List<String>> outOfOrderKeys() {
        return accounting.outOfOrderKeys(reader.all());
    }

    /** {@code [name] mode=..., expected=..., seen=..., lost=..., duplicated=..., out of order=... keys}. */
    String figures() {
        Result r = result();
        return "[" + name + "] mode=" + mode + ", transitions=" + transitions + ", " + r.summary() + ", out of order="
                + outOfOrderKeys().size() + " key(s)";
    }

    /** The first extra and missing events, for the test output. */
    List<String> details(int max) {
        Result r = result();
        List<String> lines = new ArrayList<>();
        r.duplicates().stream().limit(max).forEach(e -> lines.add("duplicate  " + e));
        r.unexpected().stream().limit(max).forEach(e -> lines.add("unexpected " + e));
        r.lost().stream()
                .limit(max)
                .forEach(e -> lines.add("lost       " + e.identity()
                        + (r.lostStates().contains(e) ? " (state never delivered)" : " (state delivered otherwise)")));
        outOfOrderKeys().entrySet().stream()
                .limit(max)
                .forEach(e -> lines.add("out of order " + e.getKey() + ": " + e.getValue()));
        return lines;
    }

    /** Every record as received, for a post-mortem (work dir of the test, {@code <name>-topic-dump.txt}). */
    void dump(Path dir, List<String> header) {
        List<String> lines = new ArrayList<>(header);
        lines.add("# dumped " + Instant.now());
        reader.all().forEach(e -> lines.add(e.toString()));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + "-topic-dump.txt"), lines);
        } catch (IOException e) {
            System.out.println("cannot write the topic dump of " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
