package io.github.okastconnect.quickstart;

import io.github.okastconnect.testkit.Directories;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.process.FreePorts;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.process.StartTimes;
import io.github.okastconnect.testkit.rest.ConfigValidation;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import io.github.okastconnect.testkit.rest.ConnectRestException;
import io.github.okastconnect.testkit.rest.ConnectorStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Runs the whole demo: Kafka (real processes), the Okast instances, the connector, a console consumer and the
 * Streams example. Everything started is registered and closed in reverse order by {@link #close()}, which the
 * main's shutdown hook calls on Ctrl-C, even in the middle of {@link #start()}.
 */
public final class Quickstart implements AutoCloseable {

    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(90);
    private static final int TOPIC_PARTITIONS = 3;

    private final QuickstartOptions options;
    private final ConnectorTemplate template;
    private final EndpointSource endpointSource;
    private final StreamsExample streams;
    private final PrintStream out;
    private final InstanceSummaries summaries = new InstanceSummaries();
    private final EventFormatter formatter = new EventFormatter(ZoneId.systemDefault());
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Guarded by this: what close() must stop, newest first. */
    private final Deque<Named> started = new ArrayDeque<>();

    private boolean closing;
    private LocalKafkaStack stack;

    private record Named(String name, AutoCloseable resource) {}

    public Quickstart(
            QuickstartOptions options,
            ConnectorTemplate template,
            EndpointSource endpointSource,
            StreamsExample streams,
            PrintStream out) {
        this.options = options;
        this.template = template;
        this.endpointSource = endpointSource;
        this.streams = streams;
        this.out = out;
    }

    /** Starts everything, then blocks until {@link #close()} has finished. */
    public void run() throws InterruptedException {
        start();
        closed.await();
    }

    void start() {
        // read every input first: a typo must not cost a Kafka start
        Properties overlay = options.connectorProperties()
                .map(ConnectorTemplate::readProperties)
                .orElseGet(Properties::new);
        warnIfNoPlugin(options.pluginPath());
        out.println("Okast quickstart");
        out.println("  work dir        " + options.workDir() + "  (logs in logs/)");

        List<InstanceEndpoint> endpoints =
                register("Okast instances", endpointSource).start();
        out.println("  Okast instances " + endpointSource.description());
        endpoints.forEach(e -> out.println("                  " + e));
        List<String> ids = endpoints.stream().map(InstanceEndpoint::id).toList();
        // the template is used as written when its instances are the ones served; otherwise they are replaced
        ConnectorTemplate deployed =
                options.useSimulator() && template.instanceIds().equals(ids)
                        ? template
                        : template.withInstances(overlay, endpoints);
        Map<String, String> config = deployed.render(endpoints);

        LocalKafkaStack kafka = startKafka(deployed.name());
        createTopic(kafka.bootstrapServers(), deployed.topic());
        // The connector keeps its state in a topic of this broker; only the quickstart knows where that is.
        config.putIfAbsent("state.bootstrap.servers", kafka.bootstrapServers());
        deployConnector(kafka.restClient(0), deployed.name(), config);
        startViewers(kafka.bootstrapServers(), deployed.topic());
    }

    private LocalKafkaStack startKafka(String connectorName) {
        out.println("Starting Kafka 4.4.0: 1 KRaft broker + 1 Connect worker, each its own JVM ...");
        LocalKafkaStack kafka = LocalKafkaStack.builder()
                .workDir(options.workDir())
                .pluginPath(options.pluginPath())
                .workers(1)
                .exactlyOnce(options.exactlyOnce())
                // lets --config files use ${env:VAR} / ${file:path:key} for secrets, as config/connect-*.properties
                .workerProperty("config.providers", "env,file")
                .workerProperty(
                        "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
                .workerProperty(
                        "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider")
                // this object's close() stops Kafka in order; a second hook would race it
                .shutdownHook(false)
                .build();
        registerStack(kafka).start();
        StartTimes t = kafka.startTimes().orElseThrow();
        out.printf(
                "  Kafka up in %.1f s (storage format %.1f s, broker %.1f s, worker %.1f s)%n",
                seconds(t.total()), seconds(t.format()), seconds(t.broker()), seconds(t.workers()));
        out.println("  broker          bootstrap.servers=" + kafka.bootstrapServers());
        out.println("  Connect REST    " + kafka.connectUrl(0) + "   (try: curl -s " + kafka.connectUrl(0)
                + "/connectors/" + connectorName + "/status)");
        return kafka;
    }

    /** The Streams example, the console consumer and the periodic summary. */
    private void startViewers(String bootstrap, String topic) {
        Path streamsState = options.workDir().resolve("streams-state");
        Directories.deleteRecursively(streamsState);
        register("Kafka Streams example", streams)
                .start(bootstrap, topic, streamsState, alert -> out.println("[streams alert] " + alert));
        out.println("  " + streams.description());
        startTracker(bootstrap, topic);

        out.printf("%nPress Ctrl-C to stop. Events (time, instance, changeType, previousStatus -> status, file,"
                + " requestTime):%n");
        register(
                        "console consumer",
                        new LifecycleConsumer(
                                bootstrap,
                                topic,
                                options.exactlyOnce(),
                                this::onEvent,
                                raw -> out.println("  (unreadable record) " + raw)))
                .start();

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "summary-ticker");
            thread.setDaemon(true);
            return thread;
        });
        register("summary ticker", ticker::shutdownNow);
        long period = options.summaryInterval().toMillis();
        ticker.scheduleAtFixedRate(this::printSummary, period, period, TimeUnit.MILLISECONDS);
    }

    /** The ingest tracker; a taken port costs the page, not the demo. */
    private void startTracker(String bootstrap, String topic) {
        if (options.trackerPort() < 0) {
            return;
        }
        Path trackerState = options.workDir().resolve("tracker-state");
        Directories.deleteRecursively(trackerState);
        TrackerExample tracker = register("ingest tracker", new TrackerExample());
        try {
            String url = tracker.start(bootstrap, topic, trackerState, options.trackerPort());
            out.println("  Ingest tracker  " + url + "   (open it in a browser: search a file, watch it move)");
        } catch (IOException e) {
            out.println("  Ingest tracker  not started: cannot serve on 127.0.0.1:" + options.trackerPort() + " ("
                    + e.getMessage() + "); try --tracker-port 0 or another port");
        }
    }

    private void deployConnector(ConnectRestClient rest, String name, Map<String, String> config) {
        String connectorClass = config.get("connector.class");
        ConfigValidation validation;
        try {
            validation = rest.validate(connectorClass, withName(name, config));
        } catch (ConnectRestException e) {
            throw new IllegalStateException(
                    "the worker cannot validate " + connectorClass + " (is the connector built"
                            + " and under --plugin-path " + options.pluginPath() + "?): " + e.getMessage(),
                    e);
        }
        if (!validation.isValid()) {
            throw new IllegalStateException("the worker rejects the connector config: " + validation.errorsByKey());
        }
        rest.createConnector(name, config);
        ConnectorStatus status = rest.awaitRunningAtLeast(name, 1, CONNECTOR_TIMEOUT);
        out.println("  connector       " + name + " " + status.state() + " with "
                + status.tasks().size() + " task(s) -> topic "
                + config.getOrDefault("topic", ConnectorTemplate.DEFAULT_TOPIC));
    }

    private static Map<String, String> withName(String name, Map<String, String> config) {
        Map<String, String> named = new LinkedHashMap<>(config);
        named.put("name", name);
        return named;
    }

    /** Created up front: the consumer then never sees (and logs) UNKNOWN_TOPIC_OR_PARTITION while it waits. */
    private void createTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, TOPIC_PARTITIONS, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic " + topic + " not created after 30 s", e);
        }
    }

    private void onEvent(LifecycleEvent event) {
        summaries.record(event);
        out.println(formatter.format(event));
    }

    private void printSummary() {
        try {
            out.print(summaryBlock());
        } catch (RuntimeException e) {
            // an exception would silently cancel the periodic task
            out.println("(summary failed: " + e + ")");
        }
    }

    private String summaryBlock() {
        List<String> lines = summaries.report(options.summaryInterval());
        StringBuilder block = new StringBuilder(String.format(
                "-- summary %s (from the events read) --%n",
                LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_TIME)));
        lines.forEach(l -> block.append(l).append(System.lineSeparator()));
        List<String> streamLines = streams.summaryLines();
        if (!streamLines.isEmpty()) {
            block.append(String.format("-- Kafka Streams example (latest summary per instance) --%n"));
            streamLines.forEach(l -> block.append(l).append(System.lineSeparator()));
        }
        return block.toString();
    }

    private void warnIfNoPlugin(Path pluginPath) {
        if (!Files.isDirectory(pluginPath)) {
            out.println("WARNING: plugin path " + pluginPath + " does not exist: build the connector first"
                    + " (mvn install) or pass --plugin-path");
        }
    }

    private synchronized <T extends AutoCloseable> T register(String name, T resource) {
        if (closing) {
            closeQuietly(new Named(name, resource));
            throw new IllegalStateException("stopping");
        }
        started.push(new Named(name, resource));
        return resource;
    }

    private synchronized LocalKafkaStack registerStack(LocalKafkaStack kafka) {
        stack = register("Kafka", kafka);
        return kafka;
    }

    /** Idempotent; callers after the first wait until everything is stopped. */
    @Override
    public void close() {
        List<Named> toClose;
        LocalKafkaStack kafka;
        boolean first;
        synchronized (this) {
            first = !closing;
            closing = true;
            toClose = List.copyOf(started);
            started.clear();
            kafka = stack;
        }
        if (!first) {
            awaitClosed();
            return;
        }
        long t0 = System.nanoTime();
        out.println();
        out.println("Stopping ...");
        try {
            // only now ask the stack anything: its lock is held by a start() that close() is about to abort
            toClose.forEach(this::closeQuietly);
            List<Integer> ports = kafka != null ? kafka.ports() : List.of();
            List<Integer> busy =
                    ports.stream().filter(p -> !FreePorts.isFree(p)).toList();
            boolean processesGone = kafka == null || kafka.alivePids().isEmpty();
            out.printf(
                    "Stopped in %.1f s: %s, %s.%n",
                    seconds(Duration.ofNanos(System.nanoTime() - t0)),
                    processesGone ? "no Kafka process left" : "SOME KAFKA PROCESS IS STILL ALIVE",
                    busy.isEmpty() ? "ports " + ports + " free" : "PORTS STILL BUSY: " + busy);
        } finally {
            closed.countDown();
        }
    }

    private void closeQuietly(Named named) {
        long t0 = System.nanoTime();
        try {
            named.resource().close();
            out.printf("  stopped %-22s %5d ms%n", named.name(), (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            out.println("  could not stop " + named.name() + ": " + e);
        }
    }

    private void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isClosing() {
        synchronized (this) {
            return closing;
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
