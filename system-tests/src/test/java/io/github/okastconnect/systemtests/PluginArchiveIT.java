package io.github.okastconnect.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.simulator.IngestRequest;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.OkastTime;
import io.github.okastconnect.simulator.SimulatedInstance;
import io.github.okastconnect.simulator.StatusEntry;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.SecretScan;
import io.github.okastconnect.testkit.TopicReader;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import io.github.okastconnect.testkit.rest.ConfigValidation;
import io.github.okastconnect.testkit.rest.ConnectRestClient;
import io.github.okastconnect.testkit.rest.PluginInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release artifact as an operator uses it: the Confluent-Hub-style zip from connector/target, checked for its
 * layout, unzipped into a fresh plugin.path of a stock Kafka 4.4.0 Connect worker (a separate JVM on Kafka's jars
 * only), discovered, validated over REST, and run against a simulated Okast instance.
 */
class PluginArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "okast.archive.lifecycle";
    private static final String CONNECTOR = "okast-from-archive";
    private static final String LITERAL_PASSWORD = "Lit3ral-pa55word-4-validate";
    private static final String FILE_PASSWORD = "fr0m-the-secrets-file";

    @TempDir
    Path tmp;

    @Test
    void archiveLayoutIsWhatConnectAndConfluentHubExpect() throws Exception {
        Path zip = SystemTestSettings.pluginZip();
        String root = SystemTestSettings.archiveName() + "/";
        List<String> names = PluginArchive.entryNames(zip);
        System.out.println("archive " + zip.getFileName() + ": " + names.size() + " entries");
        names.forEach(n -> System.out.println("  " + n));

        assertTrue(names.stream().allMatch(n -> n.startsWith(root)), "everything under " + root + ": " + names);

        JsonNode manifest = JSON.readTree(PluginArchive.read(zip, root + "manifest.json"));
        assertEquals("kafka-connect-okast", manifest.path("name").asText());
        assertEquals(
                SystemTestSettings.projectVersion(), manifest.path("version").asText());
        assertEquals("okastconnect", manifest.path("owner").path("username").asText());
        assertFalse(manifest.path("owner").path("name").asText().isBlank(), "owner.name");
        assertEquals(
                List.of("source"),
                JSON.convertValue(manifest.path("component_types"), new TypeReference<List<String>>() {}));
        assertEquals("doc/README.md", manifest.path("documentation_url").asText());

        List<String> lib = names.stream()
                .filter(n -> n.startsWith(root + "lib/") && n.endsWith(".jar"))
                .map(n -> n.substring((root + "lib/").length()))
                .sorted()
                .toList();
        System.out.println("lib/: " + lib);
        assertTrue(lib.contains("kafka-connect-okast-" + SystemTestSettings.projectVersion() + ".jar"), lib::toString);
        for (String bundled : List.of("jackson-databind-", "jackson-core-", "jackson-annotations-", "hash4j-")) {
            assertTrue(lib.stream().anyMatch(j -> j.startsWith(bundled)), bundled + " missing from " + lib);
        }
        // Connect provides these; a second copy in the plugin would break its class loading
        for (String provided : List.of(
                "kafka-clients",
                "connect-api",
                "connect-runtime",
                "connect-json",
                "connect-transforms",
                "kafka_2.",
                "kafka-server",
                "slf4j-",
                "log4j-")) {
            assertTrue(lib.stream().noneMatch(j -> j.startsWith(provided)), provided + " must not be shipped: " + lib);
        }

        for (String example : List.of(
                "okast-source-connector.json",
                "okast-source.properties",
                "connect-distributed.properties",
                "connect-standalone.properties",
                "okast-secrets.properties.example")) {
            String entry = root + "etc/" + example;
            assertTrue(names.contains(entry), entry + " missing");
            Path inRepo = SystemTestSettings.repoConfigDir().resolve(example);
            if (Files.exists(inRepo)) {
                assertEquals(
                        Files.readString(inRepo),
                        new String(PluginArchive.read(zip, entry), StandardCharsets.UTF_8),
                        entry + " differs from config/" + example + ": rebuild connector/");
            }
        }
        JsonNode example = JSON.readTree(PluginArchive.read(zip, root + "etc/okast-source-connector.json"));
        assertEquals(
                SystemTestSettings.CONNECTOR_CLASS,
                example.path("config").path("connector.class").asText());

        // README is the front door; the pages it links to (docs/*.md) are shipped beside it, with the licence
        String readme = new String(PluginArchive.read(zip, root + "doc/README.md"), StandardCharsets.UTF_8);
        assertTrue(
                readme.contains("okast.instances") && readme.contains("docs/configuration.md"),
                "doc/README.md is the project's README");
        String reference =
                new String(PluginArchive.read(zip, root + "doc/docs/configuration.md"), StandardCharsets.UTF_8);
        assertTrue(reference.contains("`okast.instances`"), "doc/docs/configuration.md is the configuration reference");
        String events = new String(PluginArchive.read(zip, root + "doc/docs/events.md"), StandardCharsets.UTF_8);
        assertTrue(events.startsWith("# Event format"), "doc/docs/events.md is the event format");
        String license = new String(PluginArchive.read(zip, root + "doc/LICENSE"), StandardCharsets.UTF_8);
        assertTrue(
                license.contains("Apache License") && license.contains("Version 2.0"),
                "doc/LICENSE is the Apache License 2.0 that manifest.json declares");
        assertEquals(
                "Apache License 2.0",
                manifest.path("license").path(0).path("name").asText());
    }

    @Test
    void unzippedArchiveRunsInAStockWorker() throws Exception {
        Steps steps = new Steps();
        Path pluginPath = tmp.resolve("plugins");
        Path pluginDir = PluginArchive.unzipInto(SystemTestSettings.pluginZip(), pluginPath);
        assertTrue(Files.isRegularFile(pluginDir.resolve("manifest.json")), pluginDir + " holds the plugin");
        Path secrets = tmp.resolve("okast-secrets.properties");
        Files.writeString(secrets, "paris.username=ops\nparis.password=" + FILE_PASSWORD + "\nlyon.token=t0ken\n");
        steps.done("unzip");

        Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
        List<StatusEntry> queue = new ArrayList<>(List.of(
                StatusEntry.of(
                        IngestRequest.builder()
                                .filePath("https://storage.example.com/a.mp4")
                                .destinationFolder("f-a")
                                .destinationFolderKind("queueBottom")
                                .build(),
                        t0,
                        t0.plusSeconds(42),
                        "DONE"),
                StatusEntry.errored(
                        IngestRequest.builder().reschedule("2026-11-29").build(),
                        t0.plusSeconds(60),
                        t0.plusSeconds(61),
                        "file path missing"),
                StatusEntry.of(
                        IngestRequest.builder()
                                .filePath("https://storage.example.com/b.mp4")
                                .build(),
                        t0.plusSeconds(120),
                        t0.plusSeconds(120),
                        "PENDING")));

        try (OkastSimulator sim = OkastSimulator.builder().port(0).build().start();
                LocalKafkaStack stack = LocalKafkaStack.builder()
                        .workDir(SystemTestSettings.workDir("plugin-archive"))
                        .pluginPath(pluginPath)
                        .workers(1)
                        .workerProperty("config.providers", "file")
                        .workerProperty(
                                "config.providers.file.class",
                                "org.apache.kafka.common.config.provider.FileConfigProvider")
                        .build()
                        .start()) {
            SimulatedInstance paris = sim.addInstance("paris");
            paris.setEntries(queue);
            SimulatedInstance guarded = sim.addInstance("guarded");
            guarded.setBasicAuth("ops", LITERAL_PASSWORD);
            sim.addInstance("lyon").setEntries(List.of());
            steps.done("stack start " + stack.startTimes().orElseThrow().total().toMillis() + " ms");

            // the worker runs on Kafka's jars only: the connector can only come from the unzipped archive
            String jvmArgs = Files.readString(stack.workDir().resolve("config/worker-0.jvmargs"));
            assertFalse(
                    jvmArgs.contains("okastconnect")
                            || jvmArgs.contains("kafka-connect-okast")
                            || jvmArgs.contains("target/classes"),
                    "worker classpath must not hold the project: " + jvmArgs);
            assertEquals(
                    pluginPath.toAbsolutePath().normalize().toString(),
                    stack.workerConfig(0).get("plugin.path"));

            ConnectRestClient rest = stack.restClient(0);
            List<PluginInfo> plugins = rest.listConnectorPlugins();
            System.out.println("GET /connector-plugins: " + plugins);
            PluginInfo okast = plugins.stream()
                    .filter(p -> p.className().equals(SystemTestSettings.CONNECTOR_CLASS))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("connector not listed: " + plugins));
            assertEquals("source", okast.type());
            assertEquals(SystemTestSettings.projectVersion(), okast.version());
            steps.done("plugin listed");

            validations(rest, sim, secrets, stack.bootstrapServers());
            steps.done("validations");

            TopicReader.createTopic(stack.bootstrapServers(), TOPIC, 1);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("connector.class", SystemTestSettings.CONNECTOR_CLASS);
            config.put("tasks.max", "1");
            config.put("topic", TOPIC);
            config.put("poll.interval.ms", "300");
            config.put("okast.instances", "paris");
            config.put("state.bootstrap.servers", stack.bootstrapServers());
            config.put("okast.instance.paris.url", sim.baseUrl("paris"));
            rest.createConnector(CONNECTOR, config);
            rest.awaitRunningAtLeast(CONNECTOR, 1, Duration.ofSeconds(60));
            steps.done("connector running");

            try (TopicReader reader = TopicReader.fromStart(stack.bootstrapServers(), TOPIC, false)) {
                List<LifecycleEvent> first = reader.take(3, Duration.ofSeconds(60));
                first.forEach(e -> System.out.println("event: " + e.key() + " " + e.value() + " " + e.headers()));
                assertEquals(3, first.size(), "three NEW events: " + first);
                for (StatusEntry entry : queue) {
                    LifecycleEvent event = find(first, entry);
                    assertNew(entry, event);
                }
                assertEquals(List.of(), quietAfterPolls(reader, paris), "an unchanged queue emits nothing");
                steps.done("3 NEW");

                StatusEntry pending = queue.get(2);
                StatusEntry downloading = new StatusEntry(
                        pending.request(),
                        pending.requestTime(),
                        pending.requestTime().plusSeconds(7),
                        "DOWNLOADING",
                        null);
                queue.set(2, downloading);
                paris.setEntries(queue);
                List<LifecycleEvent> change = reader.take(1, Duration.ofSeconds(30));
                change = new ArrayList<>(change);
                change.addAll(quietAfterPolls(reader, paris));
                assertEquals(1, change.size(), "exactly one event for one status change: " + change);
                LifecycleEvent changed = change.get(0);
                System.out.println("event: " + changed.key() + " " + changed.value());
                assertEquals("STATUS_CHANGED", changed.changeType());
                assertEquals(keyOf(downloading), keyOf(changed));
                assertEquals("DOWNLOADING", changed.status());
                assertEquals(utc(downloading.lastStatusUpdate()), changed.lastStatusUpdate());
                assertEquals("PENDING", changed.text("previousStatus"));
                assertEquals(utc(pending.lastStatusUpdate()), changed.text("previousLastStatusUpdate"));
                assertEquals(
                        downloading.lastStatusUpdate().toEpochMilli(),
                        changed.value().path("lastStatusUpdateMs").asLong());
                assertEquals("STATUS_CHANGED", changed.header("okast.change.type"));
                steps.done("1 STATUS_CHANGED");
            }
        }
        steps.done("close");
        // What the worker and broker processes wrote, from their start to their shutdown.
        int files = SecretScan.of(FILE_PASSWORD, LITERAL_PASSWORD)
                .assertAbsentInFiles(
                        SystemTestSettings.workDir("plugin-archive").resolve("logs"));
        assertTrue(files >= 2, "the broker's and the worker's logs were read: " + files);
        steps.done("no secret in " + files + " log file(s)");
    }

    private void validations(ConnectRestClient rest, OkastSimulator sim, Path secrets, String bootstrap)
            throws Exception {
        // 1. a URL the connector cannot use: the error is reported on that instance's url key
        Map<String, String> badUrl = Map.of(
                "name",
                "bad-url",
                "connector.class",
                SystemTestSettings.CONNECTOR_CLASS,
                "okast.instances",
                "paris",
                "okast.instance.paris.url",
                "ftp://paris.example.com/okast",
                "state.bootstrap.servers",
                bootstrap);
        ConfigValidation bad = rest.validate(SystemTestSettings.CONNECTOR_CLASS, badUrl);
        System.out.println("validate (bad url): error_count=" + bad.errorCount() + " " + bad.errorsByKey());
        assertTrue(bad.errorCount() >= 1);
        assertTrue(bad.errorsByKey().containsKey("okast.instance.paris.url"), bad.errorsByKey()::toString);
        assertEquals(
                List.of("okast.instance.paris.url"),
                List.copyOf(bad.errorsByKey().keySet()));

        // 2. the archive's own example (etc/okast-source-connector.json), pointed at simulated instances, with
        //    its secrets in a file read by the worker's FileConfigProvider, as docs/operations.md recommends
        Map<String, String> example = JSON.convertValue(
                JSON.readTree(PluginArchive.read(
                                SystemTestSettings.pluginZip(),
                                SystemTestSettings.archiveName() + "/etc/okast-source-connector.json"))
                        .path("config"),
                new TypeReference<LinkedHashMap<String, String>>() {});
        example.replaceAll((k, v) -> v.replace("/etc/kafka-connect/okast-secrets.properties", secrets.toString()));
        example.put("okast.instance.paris.url", sim.baseUrl("paris"));
        example.put("okast.instance.lyon.url", sim.baseUrl("lyon"));
        example.put("name", "shipped-example");
        example.put("state.bootstrap.servers", bootstrap);
        example.put("okast.instance.lyon.auth.token", "${file:" + secrets + ":lyon.token}");
        sim.instance("paris").setBasicAuth("ops", FILE_PASSWORD);
        try {
            ConfigValidation good = rest.validate(SystemTestSettings.CONNECTOR_CLASS, example);
            System.out.println(
                    "validate (shipped example): error_count=" + good.errorCount() + " " + good.errorsByKey());
            assertEquals(0, good.errorCount(), good.errorsByKey()::toString);
            assertFalse(good.raw().toString().contains(FILE_PASSWORD), "resolved secret echoed by validate");
            // the instance really demanded the credentials from the file: a wrong one is reported
            sim.instance("paris").setBasicAuth("ops", FILE_PASSWORD + "-rotated");
            ConfigValidation stale = rest.validate(SystemTestSettings.CONNECTOR_CLASS, example);
            System.out.println("validate (example, rotated password): " + stale.errorsByKey());
            assertTrue(stale.errorCount() >= 1, "a 401 from the instance is reported");
            assertFalse(stale.raw().toString().contains(FILE_PASSWORD), "secret echoed by validate");
        } finally {
            sim.instance("paris").clearBasicAuth();
        }

        // 3. a literal password (what docs/operations.md warns against): validate hides it, accepted or refused
        Map<String, String> literal = new LinkedHashMap<>();
        literal.put("name", "literal-password");
        literal.put("connector.class", SystemTestSettings.CONNECTOR_CLASS);
        literal.put("okast.instances", "guarded");
        literal.put("state.bootstrap.servers", bootstrap);
        literal.put("okast.instance.guarded.url", sim.baseUrl("guarded"));
        literal.put("okast.instance.guarded.auth.type", "basic");
        literal.put("okast.instance.guarded.auth.username", "ops");
        literal.put("okast.instance.guarded.auth.password", LITERAL_PASSWORD);
        ConfigValidation accepted = rest.validate(SystemTestSettings.CONNECTOR_CLASS, literal);
        String acceptedJson = accepted.raw().toString();
        System.out.println("validate (literal password): error_count=" + accepted.errorCount() + ", value shown: "
                + passwordValue(accepted.raw(), "okast.instance.guarded.auth.password"));
        assertEquals(0, accepted.errorCount(), accepted.errorsByKey()::toString);
        assertFalse(acceptedJson.contains(LITERAL_PASSWORD), "validate output contains the literal password");
        assertTrue(acceptedJson.contains("okast.instance.guarded.auth.password"), "the key itself is reported");

        literal.put("okast.instance.guarded.auth.password", "wrong-" + LITERAL_PASSWORD);
        ConfigValidation refused = rest.validate(SystemTestSettings.CONNECTOR_CLASS, literal);
        System.out.println("validate (wrong literal password): " + refused.errorsByKey());
        assertTrue(refused.errorCount() >= 1, "the instance's 401 is reported");
        assertFalse(refused.raw().toString().contains(LITERAL_PASSWORD), "validate output contains the password");
        assertTrue(
                refused.errorsByKey().keySet().stream().allMatch(k -> k.startsWith("okast.instance.guarded.")),
                "401 reported on the instance's keys: " + refused.errorsByKey());
    }

    private static String passwordValue(JsonNode validation, String key) {
        for (JsonNode config : validation.path("configs")) {
            if (key.equals(config.path("value").path("name").asText())) {
                return config.path("value").path("value").asText(null);
            }
        }
        return "<key not reported>";
    }

    private static void assertNew(StatusEntry entry, LifecycleEvent event) {
        assertEquals("NEW", event.changeType(), event::toString);
        assertEquals("paris", event.key().path("instance").asText());
        assertEquals(0, event.key().path("occurrence").asInt());
        assertEquals(4, event.key().size(), "key fields: " + event.key());
        assertEquals(entry.status(), event.status());
        assertEquals(entry.statusError(), event.text("statusError"));
        assertEquals(utc(entry.lastStatusUpdate()), event.lastStatusUpdate());
        assertEquals(
                entry.lastStatusUpdate().toEpochMilli(),
                event.value().path("lastStatusUpdateMs").asLong());
        assertEquals(
                entry.requestTime().toEpochMilli(),
                event.value().path("requestTimeMs").asLong());
        assertEquals(utc(entry.requestTime()), event.text("requestTime"));
        assertEquals(entry.request().fields().get(IngestRequest.FILE_PATH), event.text("filePath"));
        assertEquals(entry.request().fields().get(IngestRequest.DESTINATION_FOLDER), event.text("destinationFolder"));
        assertEquals(
                entry.request().fields().get(IngestRequest.DESTINATION_FOLDER_KIND),
                event.text("destinationFolderKind"));
        assertEquals(entry.request().fields().get(IngestRequest.RESCHEDULE), event.text("reschedule"));
        assertNull(event.text("previousStatus"));
        assertNull(event.text("previousLastStatusUpdate"));
        assertTrue(event.value().path("observedAtMs").asLong() > 0);
        assertEquals("NEW", event.header("okast.change.type"));
        assertEquals("paris", event.header("okast.instance"));
    }

    private static LifecycleEvent find(List<LifecycleEvent> events, StatusEntry entry) {
        List<LifecycleEvent> matching =
                events.stream().filter(e -> keyOf(e).equals(keyOf(entry))).toList();
        assertEquals(1, matching.size(), "one event for " + keyOf(entry) + " in " + events);
        return matching.get(0);
    }

    private static String keyOf(StatusEntry entry) {
        return LifecycleEvent.Keys.entryKey(
                "paris", entry.request().fields().get(IngestRequest.FILE_PATH), utc(entry.requestTime()), 0);
    }

    private static String keyOf(LifecycleEvent event) {
        return event.entryKey();
    }

    private static String utc(Instant instant) {
        return OkastTime.format(instant, ZoneOffset.UTC);
    }

    /** Lets the instance be polled three more times, then returns whatever else arrived. */
    private static List<LifecycleEvent> quietAfterPolls(TopicReader reader, SimulatedInstance instance)
            throws InterruptedException {
        long polls = instance.requestCount();
        assertTrue(instance.awaitRequestCount(polls + 3, Duration.ofSeconds(20)), "3 more polls");
        return reader.drain(Duration.ofMillis(800));
    }
}
