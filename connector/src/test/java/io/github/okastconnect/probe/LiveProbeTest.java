package io.github.okastconnect.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.OkastSourceConnector;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import io.github.okastconnect.testkit.ValidationErrors;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connector.validate calls each instance for real and reports problems on the key to fix. */
class LiveProbeTest {
    private ScriptedOkastServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedOkastServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, List<String>> validate(Map<String, String> props) {
        List<ConfigValue> values = new OkastSourceConnector().validate(props).configValues();
        assertFalse(values.toString().contains("t0ps3cret"), "secret echoed by validate");
        return ValidationErrors.byKey(values);
    }

    private Map<String, String> props(String... ids) {
        Map<String, String> p = new HashMap<>();
        p.put("okast.instances", String.join(",", ids));
        for (String id : ids) {
            p.put("okast.instance." + id + ".url", server.baseUrl(id));
        }
        return p;
    }

    @Test
    void healthyInstancesValidateCleanly() {
        server.setBody("paris", "[]");
        assertEquals(Map.of(), validate(props("paris")));
    }

    @Test
    void rejectedCredentialsAreReportedOnThePasswordKey() {
        server.setBody("paris", "[]");
        server.requireAuthorization(
                "paris", "Basic " + Base64.getEncoder().encodeToString("ops:right".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> p = props("paris");
        p.put("okast.instance.paris.auth.type", "basic");
        p.put("okast.instance.paris.auth.username", "ops");
        p.put("okast.instance.paris.auth.password", "t0ps3cret");
        Map<String, List<String>> errors = validate(p);
        assertEquals(List.of("okast.instance.paris.auth.password"), List.copyOf(errors.keySet()));
        assertTrue(
                errors.get("okast.instance.paris.auth.password").get(0).contains("401 Unauthorized"),
                errors.toString());
    }

    @Test
    void missingCredentialsAreReportedOnTheAuthTypeKey() {
        server.setBody("paris", "[]");
        server.requireAuthorization("paris", "Basic abc");
        Map<String, List<String>> errors = validate(props("paris"));
        assertTrue(errors.get("okast.instance.paris.auth.type").get(0).contains("requires authentication"));
    }

    @Test
    void unreachableWrongPathAndNonOkastAnswersAreReportedOnTheUrlKey() throws Exception {
        server.setBody("lyon", "<html>login</html>");
        Map<String, String> p = props("lyon", "nantes", "lille");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        p.put("okast.instance.nantes.url", "http://127.0.0.1:" + closed);
        Map<String, List<String>> errors = validate(p);
        assertTrue(
                errors.get("okast.instance.lyon.url").get(0).contains("not with an Okast ingest status list"),
                errors.toString());
        assertTrue(errors.get("okast.instance.nantes.url").get(0).contains("connection refused"), errors.toString());
        assertTrue(errors.get("okast.instance.lille.url").get(0).contains("404"), errors.toString());
    }

    @Test
    void theProbeCanBeSwitchedOff() {
        Map<String, String> p = props("nowhere");
        p.put("validation.probe.enabled", "false");
        assertEquals(Map.of(), validate(p));
    }
}
