package io.github.okastconnect.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A basic-auth password that an integration test sets on the instances it polls, so that its logs can be scanned
 * for it afterwards ({@link SecretScan}): a test that configures no secret would prove nothing by scanning.
 */
public record InstanceSecret(String username, String password) {
    /** Makes {@code path} of the scripted server answer 401 unless the request carries these credentials. */
    public void requireOn(ScriptedOkastServer server, String path) {
        server.requireAuthorization(
                path,
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** The connector keys that send these credentials to instance {@code id}. */
    public void configure(Map<String, String> config, String id) {
        config.put("okast.instance." + id + ".auth.type", "basic");
        config.put("okast.instance." + id + ".auth.username", username);
        config.put("okast.instance." + id + ".auth.password", password);
    }

    public SecretScan scan() {
        return SecretScan.of(password);
    }
}
