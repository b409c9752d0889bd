package io.github.okastconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.testkit.LifecycleEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's inputs: instance specs, the connector template and its placeholders, event records. */
class QuickstartConfigTest {

    @TempDir
    Path dir;

    @Test
    void instanceSpecsCarryOptionalBasicAuth() {
        InstanceEndpoint plain = InstanceEndpoint.parse("paris=https://paris.example.com");
        assertEquals(Optional.empty(), plain.basicAuth());
        InstanceEndpoint auth = InstanceEndpoint.parse("lyon=https://lyon.example.com/x,bob:p:a,ss");
        assertEquals("https://lyon.example.com/x", auth.url());
        assertEquals(
                new InstanceEndpoint.Credentials("bob", "p:a,ss"),
                auth.basicAuth().orElseThrow());
        assertEquals(
                Map.of(
                        "okast.instance.lyon.url",
                        "https://lyon.example.com/x",
                        "okast.instance.lyon.auth.type",
                        "basic",
                        "okast.instance.lyon.auth.username",
                        "bob",
                        "okast.instance.lyon.auth.password",
                        "p:a,ss"),
                auth.connectorProperties());
        assertFalse(auth.toString().contains("p:a,ss"));
        assertThrows(IllegalArgumentException.class, () -> InstanceEndpoint.parse("paris=ftp://x"));
    }

    @Test
    void placeholdersAreReplacedAndProviderReferencesKept() throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, """
                {"name": "okast", "config": {"connector.class": "C", "tasks.max": 2,
                 "okast.instances": "paris,lyon",
                 "okast.instance.paris.url": "${SIM_URL_paris}", "okast.instance.paris.auth.type": "basic",
                 "okast.instance.paris.auth.username": "u", "okast.instance.paris.auth.password": "pw",
                 "okast.instance.lyon.url": "${SIM_URL_lyon}",
                 "okast.instance.lyon.auth.token": "${env:OKAST_LYON_TOKEN}"}}
                """);
        ConnectorTemplate template = ConnectorTemplate.load(file);
        assertEquals("okast", template.name());
        assertEquals(List.of("paris", "lyon"), template.instanceIds());
        assertEquals("pw", template.literalBasicAuth("paris").orElseThrow().password());
        List<InstanceEndpoint> sims = List.of(
                new InstanceEndpoint("paris", "http://127.0.0.1:1/paris", Optional.empty()),
                new InstanceEndpoint("lyon", "http://127.0.0.1:1/lyon", Optional.empty()));
        Map<String, String> rendered = template.render(sims);
        assertEquals("http://127.0.0.1:1/paris", rendered.get("okast.instance.paris.url"));
        assertEquals("${env:OKAST_LYON_TOKEN}", rendered.get("okast.instance.lyon.auth.token"));
        assertEquals("2", rendered.get("tasks.max"));
        // paris only: lyon's placeholder has no value
        assertThrows(IllegalArgumentException.class, () -> template.render(sims.subList(0, 1)));

        Properties overlay = new Properties();
        overlay.setProperty("poll.interval.ms", "1000");
        ConnectorTemplate real =
                template.withInstances(overlay, List.of(InstanceEndpoint.parse("nice=https://nice.example.com,a:b")));
        assertEquals("nice", real.config().get("okast.instances"));
        assertEquals("1000", real.config().get("poll.interval.ms"));
        assertFalse(real.config().keySet().stream().anyMatch(k -> k.startsWith("okast.instance.paris.")));
    }

    @Test
    void eventsParseFromPlainJsonEnvelopesAndTombstones() {
        String key = "{\"instance\":\"paris\",\"filePath\":\"https://s/a.mp4\",\"requestTime\":\"2022-1018 14:20:00\"}";
        LifecycleEvent e = event(
                key,
                "{\"changeType\":\"STATUS_CHANGED\",\"instance\":\"paris\","
                        + "\"filePath\":\"https://s/a.mp4\",\"previousStatus\":\"PENDING\",\"status\":\"DONE\"}");
        assertTrue(e.isReadable());
        assertEquals("DONE", e.status());
        LifecycleEvent enveloped = event(
                key,
                "{\"schema\":{},\"payload\":{\"changeType\":\"NEW\",\"instance\":\"lyon\",\"status\":\"PENDING\"}}");
        assertTrue(enveloped.isReadable());
        assertEquals("lyon", enveloped.instance());
        assertTrue(event(key, null).isReadable());
        assertTrue(event(key, null).isTombstone());
        assertFalse(event(key, "\"tick\"").isReadable());
        assertFalse(event(key, "not json").isReadable());
        assertEquals("a.mp4", EventFormatter.shortPath("https://s/a.mp4"));

        InstanceSummaries summaries = new InstanceSummaries();
        summaries.record(e);
        assertTrue(summaries.report(java.time.Duration.ofSeconds(10)).get(0).contains("{DONE=1}"));
    }

    private static LifecycleEvent event(String key, String value) {
        return new LifecycleEvent("okast.ingest.lifecycle", 0, 0, 0, key, value, List.of(), -1);
    }
}
