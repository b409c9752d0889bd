package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.simulator.Fault;
import io.github.okastconnect.simulator.IngestRequest;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.simulator.StatusEntry;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.SecretScan;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.process.FreePorts;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator's Prometheus sees: a stock Connect worker process with the JMX exporter agent and
 * config/okast-jmx-exporter.yml, this connector from its plugin archive, two simulated instances. The test makes things
 * happen (events of each change type, 401s, an outage, late polls) and checks that each metric documented in
 * docs/monitoring.md is scraped with its labels and the value those events imply; then that every metric the Grafana
 * dashboard and the alert rules use exists in that scrape, so a rename breaks this test, not the dashboard.
 */
class MonitoringIT {
    /**
     * What Connect counts for the scenario's 6 events: each event is followed by the state record of its entry
     * (a tombstone for the REMOVED one) in the connector's state topic, and Connect's record metrics count both.
     */
    private static final double RECORDS = 12;
    /** lyon requires basic auth; the worker logs are scanned for the password once the stack is down. */
    private static final String LYON_PASSWORD = "m0nitoring-pa55-never-logged";

    private static final String CONNECTOR = "okast-mon";
    private static final String TOPIC = "okast.monitoring";
    private static final long INTERVAL_MS = 500;
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void scrapedMetricsMatchWhatTheTestCausedAndTheDashboardAndRulesUseOnlyThem() throws Exception {
        Steps steps = new Steps();
        int port = FreePorts.allocate(1).get(0);
        Path exporterConfig = SystemTestSettings.repoConfigDir().resolve(MonitoringFiles.EXPORTER_CONFIG);
        URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        HttpClient http = HttpClient.newHttpClient();

        try (OkastSimulator sim = OkastSimulator.builder().port(0).build().start();
                LocalKafkaStack stack = SystemTestSettings.stackWithPlugin("monitoring", tmp)
                        .workers(1)
                        // the documented way: -javaagent:<jar>=127.0.0.1:<port>:<rules> on the worker's JVM
                        .workerJvmOption("-javaagent:" + SystemTestSettings.jmxExporterAgent() + "=127.0.0.1:" + port
                                + ":" + exporterConfig)
                        .workerProperty("offset.flush.interval.ms", "1000")
                        .build()
                        .start()) {
            steps.done("stack start");
            SimulatedInstance paris = sim.addInstance("paris");
            StatusEntry a = entry("a.mp4", 0, "PENDING");
            StatusEntry b = entry("b.mp4", 10, "DONE");
            paris.setEntries(List.of(a, b));
            SimulatedInstance lyon = sim.addInstance(InstanceSettings.builder("lyon")
                    .basicAuth("ops", LYON_PASSWORD)
                    .build());
            lyon.setEntries(List.of(entry("c.mp4", 20, "PROCESSING")));

            TopicReader.createTopic(stack.bootstrapServers(), TOPIC, 1);
            ConnectRestClient rest = stack.restClient(0);
            rest.createConnector(CONNECTOR, connectorConfig(sim, stack.bootstrapServers()));
            rest.awaitRunningAtLeast(CONNECTOR, 1, Duration.ofSeconds(60));
            steps.done("connector running");

            try (TopicReader reader = TopicReader.fromStart(stack.bootstrapServers(), TOPIC, false)) {
                expectEvents(reader, 3, "3 NEW");
                StatusEntry downloading = changed(a, "DOWNLOADING", 30);
                paris.setEntries(List.of(downloading, changed(b, "DONE", 40)));
                expectEvents(reader, 2, "STATUS_CHANGED + UPDATED");
                paris.setEntries(List.of(downloading));
                expectEvents(reader, 1, "REMOVED");
            }
            steps.done("6 events");

            long lyonBefore = lyon.requestCount();
            lyon.failNext(3, new Fault.HttpStatus(401, null, "{\"error\":\"unauthorized\"}", "application/json"));
            await(() -> lyon.requestCount() >= lyonBefore + 4, "3 answers 401 to lyon, then a good one");

            // One request at a time (http.max.concurrent.requests=1): while paris answers 1.5 s late, lyon's polls
            // fall due and wait: the task's schedule delay goes above the 0.5 s interval.
            long parisBefore = paris.requestCount();
            paris.setFault(new Fault.Latency(Duration.ofMillis(1500)));
            await(() -> paris.requestCount() >= parisBefore + 2, "2 slow answers of paris");
            paris.clearFault();
            steps.done("401s and late polls");

            long outageFromMs = System.currentTimeMillis();
            long outageStart = lyon.requestCount();
            lyon.setFault(new Fault.HttpStatus(503, null, "down for maintenance", "text/plain"));
            await(() -> lyon.requestCount() > outageStart, "a first 503");
            long firstFailureSeenMs = System.currentTimeMillis();
            await(
                    () -> System.currentTimeMillis() >= firstFailureSeenMs + 3000
                            && lyon.requestCount() >= outageStart + 3,
                    "3 s of outage");
            steps.done("lyon outage");

            Map<String, String> task = Map.of("connector", CONNECTOR, "task", "0");
            PrometheusScrape ready = awaitScrape(
                    http,
                    metrics,
                    s -> s.value("kafka_connect_source_task_record_write_total", task)
                                            .orElse(-1.0)
                                    == RECORDS
                            && s.value("kafka_connect_task_offset_commit_success_ratio", task)
                                            .orElse(-1.0)
                                    == 1.0,
                    "12 records (6 events + their 6 state records) written and an offset commit");
            assertTrue(ready.samples().size() > 0);
            long parisRequestsBefore = paris.requestCount();
            long lyonRequestsBefore = lyon.requestCount();
            long scrapeStartMs = System.currentTimeMillis();
            PrometheusScrape scrape = PrometheusScrape.get(http, metrics);
            long scrapeEndMs = System.currentTimeMillis();
            long parisRequestsAfter = paris.requestCount();
            long lyonRequestsAfter = lyon.requestCount();
            Files.writeString(SystemTestSettings.workDir("monitoring").resolve("scrape.txt"), scrape.text());
            steps.done("scrape (" + scrape.samples().size() + " samples)");

            Map<String, String> parisLabels = Map.of("connector", CONNECTOR, "task", "0", "okast_instance", "paris");
            Map<String, String> lyonLabels = Map.of("connector", CONNECTOR, "task", "0", "okast_instance", "lyon");
            Values v = new Values(scrape);

            // events by change type, entries tracked
            assertEquals(2, v.get("okast_events_total", parisLabels, "change_type", "new"));
            assertEquals(1, v.get("okast_events_total", parisLabels, "change_type", "status_changed"));
            assertEquals(1, v.get("okast_events_total", parisLabels, "change_type", "updated"));
            assertEquals(1, v.get("okast_events_total", parisLabels, "change_type", "removed"));
            assertEquals(1, v.get("okast_events_total", lyonLabels, "change_type", "new"));
            for (String type : List.of("status_changed", "updated", "removed")) {
                assertEquals(0, v.get("okast_events_total", lyonLabels, "change_type", type));
            }
            assertEquals(1, v.get("okast_entries_tracked", parisLabels));
            assertEquals(1, v.get("okast_entries_tracked", lyonLabels));

            // polls: each completed one counted, and a request may still be in flight at the scrape
            assertBetween(parisRequestsBefore - 1, parisRequestsAfter, v.get("okast_polls_total", parisLabels));
            assertBetween(lyonRequestsBefore - 1, lyonRequestsAfter, v.get("okast_polls_total", lyonLabels));

            // failures by cause after the faults: exactly 3 x 401, and one 503 per request of the outage
            assertEquals(3, v.get("okast_poll_failures_total", lyonLabels, "cause", "unauthorized"));
            assertBetween(
                    lyonRequestsBefore - outageStart - 1,
                    lyonRequestsAfter - outageStart,
                    v.get("okast_poll_failures_total", lyonLabels, "cause", "server_error"));
            for (PrometheusScrape.Sample s : scrape.all("okast_poll_failures_total")) {
                boolean caused = s.has(lyonLabels)
                        && Set.of("unauthorized", "server_error")
                                .contains(s.labels().get("cause"));
                if (!caused) {
                    assertEquals(0.0, s.value(), "no failure of this kind was caused: " + s);
                }
            }
            for (PrometheusScrape.Sample s : scrape.all("okast_skipped_entries_total")) {
                assertEquals(0.0, s.value(), "every entry was usable: " + s);
            }

            // time since the last success: paris healthy, lyon down since the outage began
            assertBetween(0, 2.0, v.get("okast_time_since_last_success_seconds", parisLabels));
            double lyonAge = v.get("okast_time_since_last_success_seconds", lyonLabels);
            assertBetween(
                    (scrapeStartMs - firstFailureSeenMs) / 1000.0,
                    (scrapeEndMs - outageFromMs + INTERVAL_MS + 500) / 1000.0,
                    lyonAge);

            assertTrue(v.get("okast_fetched_bytes_total", parisLabels) > 0);
            assertTrue(v.get("okast_fetched_bytes_total", lyonLabels) > 0);
            assertTrue(v.get("okast_unchanged_bodies_total", parisLabels) >= 1, "paris's queue was quiet at times");
            assertBetween(0, 3, v.get("okast_refetches_total", parisLabels));
            assertBetween(0, 5, v.get("okast_last_poll_duration_seconds", parisLabels));

            // the task's schedule: the configured interval, and the delay the slow answers caused
            assertEquals(INTERVAL_MS / 1000.0, v.get("okast_poll_interval_seconds", task));
            double maxDelay = v.get("okast_poll_start_delay_max_seconds", task);
            assertBetween(INTERVAL_MS / 1000.0, 10, maxDelay);
            assertBetween(0, maxDelay, v.get("okast_poll_start_delay_avg_seconds", task));

            // Connect's own: every event and its state record polled and written, offsets committed, task and
            // connector running
            assertEquals(RECORDS, v.get("kafka_connect_source_task_record_poll_total", task));
            assertEquals(RECORDS, v.get("kafka_connect_source_task_record_write_total", task));
            assertEquals(0, v.get("kafka_connect_source_task_record_active_count", task));
            assertBetween(0, 30, v.get("kafka_connect_source_task_poll_batch_max_time_seconds", task));
            assertEquals(1, v.get("kafka_connect_task_offset_commit_success_ratio", task));
            assertEquals(0, v.get("kafka_connect_task_offset_commit_failure_ratio", task));
            assertBetween(0, 30, v.get("kafka_connect_task_offset_commit_max_time_seconds", task));
            assertBetween(0.01, 1, v.get("kafka_connect_task_running_ratio", task));
            assertEquals(0, v.get("kafka_connect_task_record_errors_total", task));
            assertEquals(1, v.get("kafka_connect_task_status", task, "status", "running"));
            assertEquals(1, scrape.all("kafka_connect_task_status").size(), "one status sample per task");
            assertEquals(
                    1, v.get("kafka_connect_connector_status", Map.of("connector", CONNECTOR), "status", "running"));

            checkDocumentedMetricList(scrape);
            checkNamesUsedByDashboardAndRules(scrape);
            steps.done("assertions");
        }
        steps.done("close");
        // What the worker and broker processes wrote, from their start to their shutdown.
        int files = SecretScan.of(LYON_PASSWORD)
                .assertAbsentInFiles(SystemTestSettings.workDir("monitoring").resolve("logs"));
        assertTrue(files >= 2, "the broker's and the worker's logs were read: " + files);
    }

    /** docs/monitoring.md lists exactly the metrics scraped, with their type and labels. */
    private static void checkDocumentedMetricList(PrometheusScrape scrape) throws Exception {
        List<MonitoringFiles.DocumentedMetric> documented =
                MonitoringFiles.documentedMetrics(SystemTestSettings.repoDir().resolve("docs/monitoring.md"));
        Set<String> documentedNames = new TreeSet<>();
        for (MonitoringFiles.DocumentedMetric metric : documented) {
            documentedNames.add(metric.name());
            List<PrometheusScrape.Sample> samples = scrape.all(metric.name());
            assertFalse(samples.isEmpty(), "documented metric " + metric.name() + " not scraped");
            assertEquals(
                    metric.type(),
                    scrape.typeOf(metric.name()).orElse("<no TYPE>"),
                    "type of " + metric.name() + " in docs/monitoring.md");
            for (PrometheusScrape.Sample sample : samples) {
                assertEquals(
                        new TreeSet<>(metric.labels()),
                        new TreeSet<>(sample.labels().keySet()),
                        "labels of " + sample + " against docs/monitoring.md");
                assertTrue(sample.labels().values().stream().noneMatch(String::isEmpty), "empty label in " + sample);
                assertEquals(CONNECTOR, sample.labels().get("connector"), sample.toString());
            }
        }
        assertEquals(
                scrape.names("okast_", "kafka_connect_"),
                documentedNames,
                "docs/monitoring.md's metric list and the scraped okast_/kafka_connect_ metrics differ");
    }

    private static void checkNamesUsedByDashboardAndRules(PrometheusScrape scrape) throws Exception {
        Set<String> scraped = scrape.names("okast_", "kafka_connect_");
        Set<String> dashboard = MonitoringFiles.dashboardMetrics(
                SystemTestSettings.repoConfigDir().resolve(MonitoringFiles.DASHBOARD));
        Set<String> rules =
                MonitoringFiles.ruleMetrics(SystemTestSettings.repoConfigDir().resolve(MonitoringFiles.ALERT_RULES));
        System.out.println("dashboard uses " + dashboard);
        System.out.println("alert rules use " + rules);
        assertTrue(dashboard.size() >= 10, "the dashboard's queries were read: " + dashboard);
        assertTrue(rules.size() >= 4, "the rules' expressions were read: " + rules);
        Set<String> unknown = new TreeSet<>(dashboard);
        unknown.removeAll(scraped);
        assertEquals(Set.of(), unknown, "metrics the dashboard queries but the worker does not export");
        unknown = new TreeSet<>(rules);
        unknown.removeAll(scraped);
        assertEquals(Set.of(), unknown, "metrics the alert rules use but the worker does not export");
    }

    private Map<String, String> connectorConfig(OkastSimulator sim, String bootstrapServers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SystemTestSettings.CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topic", TOPIC);
        config.put("state.bootstrap.servers", bootstrapServers);
        config.put("poll.interval.ms", Long.toString(INTERVAL_MS));
        config.put("http.max.concurrent.requests", "1");
        config.put("backoff.initial.ms", "100");
        config.put("backoff.max.ms", "200");
        // the probe's GETs would reach the simulator without being polls
        config.put("validation.probe.enabled", "false");
        config.put("okast.instances", "paris,lyon");
        config.put("okast.instance.paris.url", sim.baseUrl("paris"));
        config.put("okast.instance.lyon.url", sim.baseUrl("lyon"));
        config.put("okast.instance.lyon.auth.type", "basic");
        config.put("okast.instance.lyon.auth.username", "ops");
        config.put("okast.instance.lyon.auth.password", LYON_PASSWORD);
        return config;
    }

    private static StatusEntry entry(String file, int second, String status) {
        return StatusEntry.of(
                IngestRequest.builder()
                        .filePath("https://storage.example.com/" + file)
                        .build(),
                T0.plusSeconds(second),
                T0.plusSeconds(second),
                status);
    }

    private static StatusEntry changed(StatusEntry entry, String status, int second) {
        return new StatusEntry(entry.request(), entry.requestTime(), T0.plusSeconds(second), status, null);
    }

    private static void expectEvents(TopicReader reader, int count, String what) {
        List<LifecycleEvent> events = reader.take(count, Duration.ofSeconds(60));
        assertEquals(count, events.size(), what + ": " + events);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static PrometheusScrape awaitScrape(
            HttpClient http, URI metrics, Predicate<PrometheusScrape> done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        PrometheusScrape last = PrometheusScrape.get(http, metrics);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("scrape never showed " + what + ":\n" + last.text());
            }
            Thread.sleep(250);
            last = PrometheusScrape.get(http, metrics);
        }
        return last;
    }

    private static void assertBetween(double low, double high, double actual) {
        assertTrue(actual >= low && actual <= high, actual + " not within [" + low + ", " + high + "]");
    }

    /** Values of a scrape that must be there: a missing sample fails with the metric and labels asked for. */
    private record Values(PrometheusScrape scrape) {
        double get(String name, Map<String, String> labels) {
            return scrape.value(name, labels)
                    .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in the scrape"));
        }

        double get(String name, Map<String, String> labels, String label, String value) {
            Map<String, String> all = new LinkedHashMap<>(labels);
            all.put(label, value);
            return get(name, all);
        }
    }
}
