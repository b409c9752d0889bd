package io.github.okastconnect.it.ecosystem;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.okastconnect.it.ecosystem.Entries.Entry;
import io.github.okastconnect.it.ecosystem.RecipesPage.Block;
import io.github.okastconnect.testkit.InstanceSecret;
import io.github.okastconnect.testkit.LifecycleEvent;
import io.github.okastconnect.testkit.ScriptedStack;
import io.github.okastconnect.testkit.SourceConfig;
import io.github.okastconnect.testkit.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs every ```json recipe of docs/recipes.md, as written, as the config of its own connector on one real Connect
 * worker, over one scripted timeline (the seed, a status change, a purge with tombstone, a change into ERRORED and an
 * UPDATED while ERRORED, the purge of an ERRORED entry with tombstone), and checks every record each connector writes
 * against what the page says the recipe does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtRecipesIT {
    private static final String INSTANCE = "paris";
    private static final Pattern TOPIC =
            Pattern.compile("^(?:staging\\.)?recipes\\.([a-z]+)(?:\\.errored|-(\\d{8}))?$");
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /**
     * What the connector writes without any SMT: an entry, its event value (null for a tombstone), its change type
     * and status (a tombstone's are those of the REMOVED event it follows).
     */
    private record Base(Entry entry, ObjectNode value, String changeType, String status) {
        static Base event(Entry entry, ObjectNode value) {
            JsonNode status = value.get("status");
            return new Base(entry, value, value.get("changeType").asText(), status.isNull() ? null : status.asText());
        }

        static Base tombstone(Entry last) {
            return new Base(last, null, "REMOVED", last.status());
        }
    }

    /**
     * One record as expected or as read: everything a consumer sees, in comparable form. An expected record also
     * knows the change type and status of the event it comes from (not printed: the headers show them).
     */
    private static final class Out {
        String changeType;
        String status;
        String topic;
        String key;
        final List<String> headers = new ArrayList<>();
        ObjectNode value;
        String schema;

        String line() {
            String v = value == null ? "<null>" : Canon.json(value);
            return topic + " key=" + key + "\n  headers=" + headers + "\n  value="
                    + (schema == null ? v : "schema=" + schema + " payload=" + v);
        }
    }

    /**
     * A recipe of the page: its topic slug, whether it writes String keys, settings the test adds to observe it,
     * and what it does to each record (null = dropped), written from the page's prose.
     */
    private record Recipe(String slug, boolean stringKey, Map<String, String> observe, UnaryOperator<Out> expect) {}

    private static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();

    static {
        RECIPES.put("Drop the request fields", new Recipe("slim", false, Map.of(), o -> {
            if (o.value != null) {
                Entries.REQUEST_FIELDS.forEach(o.value::remove);
                o.value.remove("requestExtra");
            }
            return o;
        }));
        RECIPES.put("Timestamps as ISO-8601 text", new Recipe("iso", false, Map.of(), o -> {
            if (o.value != null) {
                o.value.put(
                        "lastStatusUpdateMs",
                        iso(o.value.get("lastStatusUpdate").asText()));
                JsonNode previous = o.value.get("previousLastStatusUpdate");
                o.value.put("previousLastStatusUpdateMs", previous.isNull() ? null : iso(previous.asText()));
            }
            return o;
        }));
        RECIPES.put("Copy the status into a header", new Recipe("statushdr", false, Map.of(), o -> {
            if (o.value != null) {
                o.headers.add("okast.status=" + o.value.get("status").asText());
            }
            return o;
        }));
        RECIPES.put("Key records by file path", new Recipe("byfile", true, Map.of(), o -> {
            JsonNode filePath = Entries.tree(o.key).get("filePath");
            o.key = filePath.isNull() ? "<null>" : filePath.asText();
            return o;
        }));
        RECIPES.put("Add a static field", new Recipe("env", false, Map.of(), o -> {
            if (o.value != null) {
                o.value.put("environment", "production");
            }
            return o;
        }));
        RECIPES.put("One topic per day", new Recipe("daily", false, Map.of(), o -> {
            o.topic = o.topic + "-{day}";
            return o;
        }));
        RECIPES.put("Prefix the topic name", new Recipe("prefix", false, Map.of(), o -> {
            o.topic = "staging." + o.topic;
            return o;
        }));
        RECIPES.put(
                "Drop the tombstones, keep the REMOVED events",
                new Recipe("notomb", false, Map.of(), o -> o.value == null ? null : o));
        RECIPES.put(
                "Your own schema name",
                new Recipe(
                        "schemaname",
                        false,
                        Map.of(
                                "value.converter",
                                "org.apache.kafka.connect.json.JsonConverter",
                                "value.converter.schemas.enable",
                                "true"),
                        o -> {
                            if (o.value != null) {
                                // Renamed; version and fields as before (docs/events.md's order, observedAtMs last).
                                List<String> fields = new ArrayList<>();
                                o.value.fieldNames().forEachRemaining(fields::add);
                                fields.add("observedAtMs");
                                o.schema = "com.example.media.OkastIngestEvent v1 fields=" + fields;
                            }
                            return o;
                        }));
        // Every record whose status is ERRORED moves, whatever its change type: NEW, STATUS_CHANGED, UPDATED,
        // REMOVED and the tombstone after such a REMOVED. Headers and values are untouched.
        RECIPES.put("Route ERRORED events to their own topic", new Recipe("errored", false, Map.of(), o -> {
            if ("ERRORED".equals(o.status)) {
                o.topic = o.topic + ".errored";
            }
            return o;
        }));
        // The same, except REMOVED events and tombstones, which stay in the main topic.
        RECIPES.put(
                "Route ERRORED events, keep removals in the main topic",
                new Recipe("erroredkeepremovals", false, Map.of(), o -> {
                    if ("ERRORED".equals(o.status) && !o.changeType.equals("REMOVED")) {
                        o.topic = o.topic + ".errored";
                    }
                    return o;
                }));
        RECIPES.put(
                "Keep only status changes",
                new Recipe(
                        "statuschanges",
                        false,
                        Map.of(),
                        o -> o.value != null && o.changeType.equals("STATUS_CHANGED") ? o : null));
        RECIPES.put(
                "Keep first sights and status changes",
                new Recipe(
                        "firstandchanges",
                        false,
                        Map.of(),
                        o -> o.value != null && (o.changeType.equals("NEW") || o.changeType.equals("STATUS_CHANGED"))
                                ? o
                                : null));
    }

    /** "2022-1018 14:20:02" read in UTC, as TimestampConverter writes it with yyyy-MM-dd'T'HH:mm:ssXXX. */
    private static String iso(String okastTime) {
        return okastTime.substring(0, 4) + "-" + okastTime.substring(5, 7) + "-" + okastTime.substring(7, 9) + "T"
                + okastTime.substring(10) + "Z";
    }

    private static final InstanceSecret SECRET = new InstanceSecret("ops", "smt-r3cipes-pa55-never-logged");

    @RegisterExtension
    final ScriptedStack stack = ScriptedStack.of(SECRET);

    private TopicReader reader;

    @BeforeAll
    void start() throws Exception {
        reader = stack.closeFirst(
                TopicReader.matching(stack.cluster().bootstrapServers(), Pattern.compile("(staging\\.)?recipes\\..*")));
    }

    @Test
    void everyCodeBlockOnThePageIsARecipeThisTestRuns() {
        // Nothing on the page escapes the test: no custom code, no other kind of block.
        Set<String> languages = new TreeSet<>();
        RecipesPage.load().blocks().forEach(b -> languages.add(b.language()));
        assertEquals(Set.of("json"), languages, "code blocks on the page");
    }

    @Test
    void everyRecipeOnThePageDoesWhatItSays() {
        // The page's JSON blocks are exactly the recipes this test knows, one per heading.
        Map<String, Map<String, String>> page = new LinkedHashMap<>();
        for (Block b : RecipesPage.load().blocks("json")) {
            assertTrue(page.put(b.heading(), b.config()) == null, "one JSON block per heading: " + b.heading());
        }
        assertEquals(List.copyOf(RECIPES.keySet()), List.copyOf(page.keySet()), "recipes on the page");

        for (Map.Entry<String, Recipe> r : RECIPES.entrySet()) {
            Recipe recipe = r.getValue();
            stack.server().setBody(recipe.slug(), "[]");
            stack.cluster().rest().createConnector("recipe-" + recipe.slug(), config(recipe, page.get(r.getKey())));
        }
        for (Recipe recipe : RECIPES.values()) {
            stack.cluster().rest().awaitRunning("recipe-" + recipe.slug(), 1);
        }

        // 1. First sight of the seed's four entries (one DONE, three already ERRORED).
        step(
                Entries.seedBody(),
                Entries.SEED.stream()
                        .map(e -> Base.event(e, Entries.created(INSTANCE, e)))
                        .toList());
        // 2. The entry without filePath is retried: ERRORED -> PENDING.
        step(
                Entries.body(List.of(
                        Entries.SEED_DONE, Entries.SEED_DUPLICATE, Entries.SEED_RESCHEDULED, Entries.NO_PATH_RETRIED)),
                List.of(Base.event(
                        Entries.SEED_NO_PATH,
                        Entries.event("STATUS_CHANGED", INSTANCE, Entries.SEED_NO_PATH, Entries.NO_PATH_RETRIED))));
        // 3. The DONE entry is purged: REMOVED, then its tombstone.
        step(
                Entries.body(List.of(Entries.SEED_DUPLICATE, Entries.SEED_RESCHEDULED, Entries.NO_PATH_RETRIED)),
                List.of(
                        Base.event(Entries.SEED_DONE, Entries.removed(INSTANCE, Entries.SEED_DONE)),
                        Base.tombstone(Entries.SEED_DONE)));
        // 4. The retried entry fails again (PENDING -> ERRORED); the rescheduled entry, still ERRORED, gets a new
        // lastStatusUpdate (UPDATED).
        step(
                Entries.body(
                        List.of(Entries.SEED_DUPLICATE, Entries.RESCHEDULED_TOUCHED, Entries.NO_PATH_FAILED_AGAIN)),
                List.of(
                        Base.event(
                                Entries.SEED_NO_PATH,
                                Entries.event(
                                        "STATUS_CHANGED",
                                        INSTANCE,
                                        Entries.NO_PATH_RETRIED,
                                        Entries.NO_PATH_FAILED_AGAIN)),
                        Base.event(
                                Entries.SEED_RESCHEDULED,
                                Entries.event(
                                        "UPDATED", INSTANCE, Entries.SEED_RESCHEDULED, Entries.RESCHEDULED_TOUCHED))));
        // 5. An ERRORED entry is purged: REMOVED with its last known status, ERRORED, then its tombstone.
        step(
                Entries.body(List.of(Entries.RESCHEDULED_TOUCHED, Entries.NO_PATH_FAILED_AGAIN)),
                List.of(
                        Base.event(Entries.SEED_DUPLICATE, Entries.removed(INSTANCE, Entries.SEED_DUPLICATE)),
                        Base.tombstone(Entries.SEED_DUPLICATE)));

        assertQuietAndRunning("no record without a change");

        // The transforms left the state records intact (the task fails on one dropped or re-routed, and would
        // re-emit entries whose stored state a transform spoilt): stopped (tasks gone) and resumed (new tasks that
        // restore from the state topic), every connector writes nothing more.
        for (Recipe recipe : RECIPES.values()) {
            stack.cluster().rest().stop("recipe-" + recipe.slug());
        }
        for (Recipe recipe : RECIPES.values()) {
            stack.cluster().rest().resume("recipe-" + recipe.slug());
        }
        for (Recipe recipe : RECIPES.values()) {
            stack.cluster().rest().awaitRunning("recipe-" + recipe.slug(), 1);
        }
        assertQuietAndRunning("nothing re-emitted after a restart");
    }

    private void assertQuietAndRunning(String what) {
        Canon.awaitPolls(
                stack.server(), RECIPES.values().stream().map(Recipe::slug).toList(), 3);
        assertEquals(List.of(), reader.drain(Duration.ofSeconds(1)), what);
        for (Recipe recipe : RECIPES.values()) {
            assertEquals(
                    "RUNNING",
                    stack.cluster()
                            .rest()
                            .getStatus("recipe-" + recipe.slug())
                            .tasks()
                            .get(0)
                            .state(),
                    recipe.slug() + ": " + what);
        }
    }

    private Map<String, String> config(Recipe recipe, Map<String, String> fromPage) {
        Map<String, String> c = SourceConfig.of("recipes." + recipe.slug(), 1, 200);
        if (!fromPage.containsKey("removal.mode")) {
            // Every recipe but the one that is this setting is also proven safe with tombstones.
            c.put("removal.mode", "event_and_tombstone");
        }
        c.put("okast.instances", INSTANCE);
        c.put("state.bootstrap.servers", stack.cluster().bootstrapServers());
        c.put("okast.instance." + INSTANCE + ".url", stack.server().baseUrl(recipe.slug()));
        SECRET.requireOn(stack.server(), recipe.slug());
        SECRET.configure(c, INSTANCE);
        c.putAll(recipe.observe());
        for (Map.Entry<String, String> e : fromPage.entrySet()) {
            assertTrue(!c.containsKey(e.getKey()), "the page's recipe sets a key the test sets: " + e.getKey());
            c.put(e.getKey(), e.getValue());
        }
        return c;
    }

    /** Serves {@code body} to every connector; checks each wrote exactly what its recipe makes of {@code base}. */
    private void step(String body, List<Base> base) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        int total = 0;
        for (Recipe recipe : RECIPES.values()) {
            List<String> lines = new ArrayList<>();
            for (Base b : base) {
                Out o = recipe.expect().apply(plain(recipe, b));
                if (o != null) {
                    lines.add(o.line());
                }
            }
            expected.put(recipe.slug(), lines);
            total += lines.size();
            stack.server().setBody(recipe.slug(), body);
        }
        List<LifecycleEvent> got = reader.take(total, Duration.ofSeconds(40));
        // Every connector has seen this step's body before the next one is served (zero-output recipes too).
        Canon.awaitPolls(stack.server(), List.copyOf(expected.keySet()), 2);

        Map<String, List<LifecycleEvent>> bySlug = new HashMap<>();
        for (LifecycleEvent r : got) {
            Matcher m = TOPIC.matcher(r.topic());
            assertTrue(m.matches(), "unexpected topic " + r);
            bySlug.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(r);
        }
        List<Executable> checks = new ArrayList<>();
        for (Map.Entry<String, Recipe> e : RECIPES.entrySet()) {
            Recipe recipe = e.getValue();
            List<LifecycleEvent> records = bySlug.getOrDefault(recipe.slug(), List.of());
            checks.add(() -> assertEquals(
                    Canon.sorted(expected.get(recipe.slug())),
                    Canon.sorted(records.stream().map(r -> read(recipe, r)).toList()),
                    e.getKey()));
            checks.add(() -> assertRemovedBeforeTombstone(e.getKey(), records));
        }
        assertAll(checks);
    }

    /** The record the connector writes without SMTs, in the worker's JSON (schemas off) format. */
    private static Out plain(Recipe recipe, Base b) {
        Out o = new Out();
        o.changeType = b.changeType();
        o.status = b.status();
        o.topic = "recipes." + recipe.slug();
        o.key = Canon.json(Entries.key(INSTANCE, b.entry()));
        o.headers.addAll(Entries.headers(INSTANCE, b.changeType(), b.status()));
        o.value = b.value() == null ? null : b.value().deepCopy();
        return o;
    }

    /** A record as written, in the same comparable form; checks and strips observedAtMs and the day suffix. */
    private String read(Recipe recipe, LifecycleEvent r) {
        Out o = new Out();
        Matcher m = TOPIC.matcher(r.topic());
        assertTrue(m.matches());
        o.topic = r.topic();
        if (m.group(2) != null) {
            assertEquals(
                    DAY.format(Instant.ofEpochMilli(r.timestamp())),
                    m.group(2),
                    "the day of the record's timestamp, UTC: " + r);
            o.topic = r.topic().substring(0, r.topic().length() - 8) + "{day}";
        }
        o.key = r.keyText() == null
                ? "<null>"
                : recipe.stringKey() ? r.keyText() : Canon.json(Entries.tree(r.keyText()));
        o.headers.addAll(r.headers());
        if (r.valueText() != null) {
            ObjectNode value = (ObjectNode) Entries.tree(r.valueText());
            if (value.size() == 2 && value.has("schema") && value.has("payload")) {
                JsonNode schema = value.get("schema");
                List<String> fields = new ArrayList<>();
                schema.get("fields").forEach(f -> fields.add(f.get("field").asText()));
                o.schema = schema.get("name").asText() + " v"
                        + schema.get("version").asInt() + " fields=" + fields;
                value = (ObjectNode) value.get("payload");
            }
            Canon.takeObservedAt(value, r.timestamp(), stack.startedAtMs());
            o.value = value;
        }
        return o.line();
    }

    private static void assertRemovedBeforeTombstone(String recipe, List<LifecycleEvent> records) {
        for (LifecycleEvent tombstone : records) {
            if (tombstone.valueText() != null) {
                continue;
            }
            for (LifecycleEvent removed : records) {
                if (removed.valueText() != null
                        && removed.headers().contains("okast.change.type=REMOVED")
                        && removed.topic().equals(tombstone.topic())
                        && removed.partition() == tombstone.partition()) {
                    assertTrue(removed.offset() < tombstone.offset(), recipe + ": REMOVED before its tombstone");
                }
            }
        }
    }
}
