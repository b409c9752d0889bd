package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.config.Credentials;
import io.github.okastconnect.config.InstanceConfig;
import io.github.okastconnect.simulator.Fault;
import io.github.okastconnect.simulator.InstanceSettings;
import io.github.okastconnect.simulator.OkastSimulator;
import io.github.okastconnect.simulator.TokenGrant;
import io.github.okastconnect.testkit.ScriptedOkastServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth2 client credentials against the simulator's real token endpoint and an instance that accepts only its
 * tokens: a token per lifetime however often the instance is polled, one refresh when the instance revokes a token,
 * and a failing token endpoint that fails its own instance only, without being hammered.
 */
class StatusClientOAuth2Test {
    private static final String CLIENT = "okast-connect";
    private static final String SECRET = "cl1ent-s3cret-never-shown";

    private OkastSimulator sim;
    private StatusClient client;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder()
                .oauth2Client(CLIENT, SECRET)
                .tokenLifetime(Duration.ofSeconds(2))
                .build()
                .start();
        sim.addInstance(InstanceSettings.builder("secured").oauth2(true).build());
        sim.addInstance(InstanceSettings.builder("open").build());
        client = new StatusClient(
                HttpSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 24)
                        .withCompression(true),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private InstanceConfig secured(String secret) {
        return new InstanceConfig(
                "secured",
                URI.create(sim.statusUrl("secured")),
                new Credentials.OAuth2(
                        URI.create(sim.tokenUrl()),
                        CLIENT,
                        new Password(secret),
                        Optional.of("ingest:read"),
                        Optional.empty(),
                        false));
    }

    private InstanceConfig open() {
        return new InstanceConfig("open", URI.create(sim.statusUrl("open")), new Credentials.None());
    }

    private FetchResult fetch(InstanceConfig instance) throws Exception {
        return client.fetch(instance).get(30, TimeUnit.SECONDS);
    }

    @Test
    void tokensExpiringMidRunAreRenewedOncePerLifetimeAndEveryPollSucceeds() throws Exception {
        InstanceConfig instance = secured(SECRET);
        long start = System.nanoTime();
        int polls = 0;
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(7_000)) {
            FetchResult result = fetch(instance);
            assertInstanceOf(FetchResult.Success.class, result, "poll " + polls + ": " + result);
            polls++;
            Thread.sleep(50);
        }
        List<TokenGrant> grants = sim.oauth2().grants();
        // 2 s tokens renewed 0.2 s before expiry over 7 s: 4 or 5 tokens, never one per poll.
        assertTrue(grants.size() >= 4 && grants.size() <= 5, grants.size() + " tokens for " + polls + " polls");
        for (int i = 1; i < grants.size(); i++) {
            Duration heldFor =
                    Duration.between(grants.get(i - 1).issuedAt(), grants.get(i).issuedAt());
            assertTrue(heldFor.compareTo(Duration.ofMillis(1_500)) >= 0, "token " + i + " renewed after " + heldFor);
        }
        assertEquals(
                List.of("ingest:read"),
                sim.oauth2().scopesSeen().stream().distinct().toList());
        assertEquals(0, sim.oauth2().refusedCount());
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndThePollStillSucceeds() throws Exception {
        InstanceConfig instance = secured(SECRET);
        assertInstanceOf(FetchResult.Success.class, fetch(instance));
        assertEquals(1, sim.oauth2().issuedCount());
        sim.oauth2().revokeAll();
        assertInstanceOf(FetchResult.Success.class, fetch(instance));
        assertEquals(2, sim.oauth2().issuedCount(), "one refresh after the 401");
        assertInstanceOf(FetchResult.Success.class, fetch(instance));
        assertEquals(2, sim.oauth2().issuedCount(), "the fresh token is kept");
    }

    @Test
    void anInstanceThatRejectsEveryTokenGetsOneRefreshThenThe401IsReported() throws Exception {
        try (ScriptedOkastServer rejecting = new ScriptedOkastServer()) {
            rejecting.setAnswer("strict", 401, "");
            InstanceConfig instance = new InstanceConfig(
                    "strict",
                    URI.create(rejecting.baseUrl("strict") + ScriptedOkastServer.STATUS_PATH),
                    new Credentials.OAuth2(
                            URI.create(sim.tokenUrl()),
                            CLIENT,
                            new Password(SECRET),
                            Optional.empty(),
                            Optional.empty(),
                            true));
            FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, fetch(instance));
            assertEquals(FailureCause.UNAUTHORIZED, failure.cause());
            assertTrue(failure.message().contains("freshly issued"), failure.message());
            assertEquals(2, rejecting.requestCount("strict"), "the request, then one retry with a new token");
            assertEquals(2, sim.oauth2().issuedCount());
            List<String> sent = rejecting.authorizations("strict");
            assertTrue(sent.get(0).startsWith("Bearer ") && !sent.get(0).equals(sent.get(1)), "a new token");
            assertFalse(failure.message().contains(sent.get(0).substring(7)), "the token is never in a message");
        }
    }

    @Test
    void aClientTheEndpointRefusesIsReportedOnItsOwnCause() throws Exception {
        FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, fetch(secured("wrong-secret")));
        assertEquals(FailureCause.TOKEN_REJECTED, failure.cause(), failure.message());
        assertTrue(failure.message().contains("client.secret"), failure.message());
        assertFalse(failure.message().contains("wrong-secret"), failure.message());
        assertEquals(0, sim.instance("secured").requestCount(), "no request reached the instance");
    }

    @Test
    void aFailingTokenEndpointFailsOnlyItsInstanceIsNotHammeredAndRecovers() throws Exception {
        sim.oauth2().setFault(Fault.status(503));
        InstanceConfig instance = secured(SECRET);
        List<FetchResult> secured = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            secured.add(fetch(instance));
            assertInstanceOf(FetchResult.Success.class, fetch(open()), "an instance without OAuth2 is unaffected");
        }
        for (FetchResult result : secured) {
            FetchResult.Failure failure = assertInstanceOf(FetchResult.Failure.class, result);
            assertEquals(FailureCause.TOKEN_ENDPOINT, failure.cause(), failure.message());
            assertTrue(failure.retryAfter().isPresent(), "the instance waits for the token source's backoff");
        }
        assertEquals(1, sim.oauth2().requestCount(), "ten polls within the backoff window: one token request");
        sim.oauth2().clearFault();
        Thread.sleep(1_100); // the first backoff window (1 s)
        assertInstanceOf(FetchResult.Success.class, fetch(instance));
    }
}
