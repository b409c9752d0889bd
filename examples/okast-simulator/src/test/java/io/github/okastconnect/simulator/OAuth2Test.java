package io.github.okastconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client-credentials token endpoint and the instances that require its bearer tokens, over real HTTP. */
class OAuth2Test {

    private static final String SECRET = "s3cret+/:=&é";
    private final MutableClock clock = MutableClock.at("2022-10-18T14:20:00Z");
    private final TestHttp http = new TestHttp();
    private OkastSimulator sim;
    private OAuth2TokenEndpoint oauth2;
    private SimulatedInstance guarded;

    @BeforeEach
    void start() {
        sim = OkastSimulator.builder()
                .clock(clock)
                .oauth2Client("connector", SECRET)
                .build()
                .start();
        oauth2 = sim.oauth2();
        guarded =
                sim.addInstance(InstanceSettings.builder("guarded").oauth2(true).build());
        guarded.setEntries(SeedFormatTest.seedEntries());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    // ---- issuing ----

    @Test
    void clientSecretBasicGetsABearerTokenThatOpensTheInstance() throws Exception {
        HttpResponse<byte[]> response = http.postForm(
                sim.tokenUrl(),
                Map.of("grant_type", "client_credentials"),
                "Authorization",
                basic("connector", SECRET));

        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("no-cache", response.headers().firstValue("Pragma").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode body = TestHttp.MAPPER.readTree(response.body());
        assertEquals(3, body.size(), body.toString());
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(3600, body.get("expires_in").asLong());
        String token = body.get("access_token").asText();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "opaque, random, URL-safe");

        String expectedBody = guarded.currentBodyAsString();
        HttpResponse<byte[]> status = http.get(guarded.statusUrl(), "Authorization", "Bearer " + token);
        HttpResponse<byte[]> add = http.get(guarded.addUrl() + "?filePath=x", "Authorization", "bearer " + token);

        assertEquals(200, status.statusCode());
        assertEquals(expectedBody, TestHttp.body(status));
        assertEquals(200, add.statusCode(), "the add endpoint takes the same token; the scheme is case-insensitive");
        assertEquals(1, oauth2.issuedCount());
        assertEquals(1, oauth2.issuedCount("connector"));
        assertEquals(0, oauth2.issuedCount("other"));
        assertEquals(0, oauth2.refusedCount());
        assertEquals(1, oauth2.activeTokenCount());
        assertEquals(sim.serverUri() + "/oauth2/token", sim.tokenUrl());
    }

    @Test
    void clientSecretPostWithScopeAndAudienceWhichAreRecorded() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", "connector");
        form.put("client_secret", SECRET);
        form.put("scope", "ingest.read status:read");
        form.put("audience", "https://okast.example.com/api");

        HttpResponse<byte[]> response = http.postForm(sim.tokenUrl(), form);

        assertEquals(200, response.statusCode(), TestHttp.body(response));
        JsonNode body = TestHttp.MAPPER.readTree(response.body());
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(List.of("ingest.read status:read"), oauth2.scopesSeen());
        assertEquals(List.of("https://okast.example.com/api"), oauth2.audiencesSeen());
        TokenGrant grant = oauth2.grants().get(0);
        assertEquals(
                new TokenGrant(
                        "connector",
                        "ingest.read status:read",
                        "https://okast.example.com/api",
                        clock.instant(),
                        clock.instant().plusSeconds(3600)),
                grant);
        assertFalse(grant.toString().contains(body.get("access_token").asText()));
    }

    @Test
    void basicCredentialsAreAcceptedFormEncodedAsTheRfcSaysAndPlain() throws Exception {
        oauth2.registerClient("svc:a b", "p+q");
        String encoded = URLEncoder.encode("svc:a b", StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode("p+q", StandardCharsets.UTF_8);
        String plainPlus = "connector:" + SECRET; // SECRET's '+' would become a space if decoded

        assertEquals(
                200,
                token(Map.of("grant_type", "client_credentials"), "Authorization", "Basic " + b64(encoded))
                        .statusCode());
        assertEquals(
                200,
                token(Map.of("grant_type", "client_credentials"), "Authorization", "Basic " + b64(plainPlus))
                        .statusCode());
        assertEquals(1, oauth2.issuedCount("svc:a b"));
        assertEquals(1, oauth2.issuedCount("connector"));
    }

    @Test
    void lifetimeIsConfigurableAndTokensExpireWithTheClock() throws Exception {
        String hourLong = fetchToken();
        oauth2.setTokenLifetime(Duration.ofSeconds(60));
        HttpResponse<byte[]> response =
                token(Map.of("grant_type", "client_credentials"), "Authorization", basic("connector", SECRET));
        String minuteLong =
                TestHttp.MAPPER.readTree(response.body()).get("access_token").asText();

        assertEquals(
                60, TestHttp.MAPPER.readTree(response.body()).get("expires_in").asLong());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(200, statusWith(minuteLong).statusCode());
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> expired = statusWith(minuteLong);
        assertEquals(401, expired.statusCode());
        assertEquals(
                "Bearer realm=\"Okast Channels\", error=\"invalid_token\", "
                        + "error_description=\"The access token expired\"",
                challenge(expired));
        assertEquals(200, statusWith(hourLong).statusCode(), "issued tokens keep the lifetime they got");
        clock.advance(Duration.ofHours(1));
        assertEquals(401, statusWith(hourLong).statusCode());
        assertEquals(0, oauth2.activeTokenCount());
        assertThrows(IllegalArgumentException.class, () -> oauth2.setTokenLifetime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> oauth2.setTokenLifetime(Duration.ofMillis(1500)));
    }

    // ---- the protected instance ----

    @Test
    void missingUnknownAndOtherSchemesAreRefusedWithBearerChallenges() throws Exception {
        HttpResponse<byte[]> missing = http.get(guarded.statusUrl());
        HttpResponse<byte[]> basicInstead = http.get(guarded.statusUrl(), "Authorization", basic("connector", SECRET));
        HttpResponse<byte[]> unknown = statusWith("not-a-token-we-issued");
        HttpResponse<byte[]> empty = http.get(guarded.statusUrl(), "Authorization", "Bearer");
        HttpResponse<byte[]> addMissing = http.get(guarded.addUrl() + "?filePath=x");

        assertEquals(401, missing.statusCode());
        assertEquals(
                "Bearer realm=\"Okast Channels\"", challenge(missing), "RFC 6750 3.1: no error code without a token");
        assertEquals(401, basicInstead.statusCode());
        assertEquals("Bearer realm=\"Okast Channels\"", challenge(basicInstead));
        assertEquals(401, unknown.statusCode());
        assertEquals(
                "Bearer realm=\"Okast Channels\", error=\"invalid_token\", "
                        + "error_description=\"The access token is unknown\"",
                challenge(unknown));
        assertEquals(401, empty.statusCode());
        assertTrue(challenge(empty).contains("error=\"invalid_token\""));
        assertEquals(401, addMissing.statusCode());
        assertEquals(0, guarded.addRequestCount());
        assertEquals(4, guarded.requestCount(), "401s count as status requests");
    }

    @Test
    void revokingOneTokenOrAll() throws Exception {
        String first = fetchToken();
        String second = fetchToken();
        String third = fetchToken();

        assertTrue(oauth2.revoke(first));
        assertFalse(oauth2.revoke("never-issued"));
        HttpResponse<byte[]> revoked = statusWith(first);
        assertEquals(401, revoked.statusCode());
        assertEquals(
                "Bearer realm=\"Okast Channels\", error=\"invalid_token\", "
                        + "error_description=\"The access token was revoked\"",
                challenge(revoked));
        assertEquals(200, statusWith(second).statusCode());

        assertEquals(2, oauth2.revokeAll());
        assertEquals(401, statusWith(second).statusCode());
        assertEquals(401, statusWith(third).statusCode());
        assertEquals(0, oauth2.activeTokenCount());
        assertEquals(200, statusWith(fetchToken()).statusCode(), "new tokens work after a revocation");
    }

    @Test
    void oauth2CanBeSwitchedAtRunTimeAndWinsOverBasic() throws Exception {
        SimulatedInstance open = sim.addInstance(
                InstanceSettings.builder("open").basicAuth("u", "p").build());
        assertEquals(
                200,
                http.get(open.statusUrl(), "Authorization", basic("u", "p")).statusCode());

        open.setOAuth2(true);
        assertTrue(open.oauth2Required());
        assertEquals(
                401,
                http.get(open.statusUrl(), "Authorization", basic("u", "p")).statusCode());
        assertEquals(
                200,
                http.get(open.statusUrl(), "Authorization", "Bearer " + oauth2.issueToken("connector"))
                        .statusCode());

        open.setOAuth2(false);
        assertEquals(
                200,
                http.get(open.statusUrl(), "Authorization", basic("u", "p")).statusCode());
        assertThrows(IllegalArgumentException.class, () -> oauth2.issueToken("nobody"));
    }

    @Test
    void gzipAndOauth2Together() throws Exception {
        HttpResponse<byte[]> response =
                http.get(guarded.statusUrl(), "Authorization", "Bearer " + fetchToken(), "Accept-Encoding", "gzip");

        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals(
                guarded.currentBodyAsString(), new String(GzipTest.gunzip(response.body()), StandardCharsets.UTF_8));
    }

    @Test
    void anInstanceNamedOauth2KeepsItsPaths() throws Exception {
        SimulatedInstance named = sim.addInstance("oauth2");

        assertEquals("[]", TestHttp.body(http.get(named.statusUrl())));
        assertEquals(
                200,
                token(Map.of("grant_type", "client_credentials"), "Authorization", basic("connector", SECRET))
                        .statusCode());
    }

    // ---- refusals ----

    @Test
    void wrongUnknownOrMissingClientIs401InvalidClient() throws Exception {
        Map<String, String> grant = Map.of("grant_type", "client_credentials");
        HttpResponse<byte[]> wrongSecret = token(grant, "Authorization", basic("connector", "guess-" + SECRET));
        HttpResponse<byte[]> unknownClient =
                token(Map.of("grant_type", "client_credentials", "client_id", "intruder", "client_secret", SECRET));
        HttpResponse<byte[]> noClient = token(grant);
        HttpResponse<byte[]> idOnly = token(Map.of("grant_type", "client_credentials", "client_id", "connector"));
        HttpResponse<byte[]> bearerScheme = token(grant, "Authorization", "Bearer something");
        HttpResponse<byte[]> garbledBasic = token(grant, "Authorization", "Basic %%%not-base64");
        HttpResponse<byte[]> noColon = token(grant, "Authorization", "Basic " + b64("connector"));

        for (HttpResponse<byte[]> response :
                List.of(wrongSecret, unknownClient, noClient, idOnly, bearerScheme, garbledBasic, noColon)) {
            assertEquals(401, response.statusCode(), TestHttp.body(response));
            JsonNode body = TestHttp.MAPPER.readTree(response.body());
            assertEquals("invalid_client", body.get("error").asText());
            assertFalse(body.get("error_description").asText().isBlank());
            assertTrue(response.headers()
                    .firstValue("WWW-Authenticate")
                    .orElseThrow()
                    .startsWith("Basic "));
            assertEquals(
                    "no-store", response.headers().firstValue("Cache-Control").orElseThrow());
            assertFalse(TestHttp.body(response).contains("s3cret"), "the secret is never echoed");
        }
        assertEquals(0, oauth2.issuedCount());
        assertEquals(7, oauth2.refusedCount());
        assertEquals(7, oauth2.refusedCount("invalid_client"));
        assertEquals(List.of(), oauth2.scopesSeen());
    }

    @Test
    void malformedRequestsGetA4xxWithAnErrorObjectAndNeverCrash() throws Exception {
        String auth = basic("connector", SECRET);
        String url = sim.tokenUrl();
        record Case(String name, HttpRequest request, int status, String error) {}
        List<Case> cases = List.of(
                new Case("GET", request(url).GET().header("Authorization", auth).build(), 405, "invalid_request"),
                new Case(
                        "JSON body",
                        request(url)
                                .header("Content-Type", "application/json")
                                .header("Authorization", auth)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))
                                .build(),
                        400,
                        "invalid_request"),
                new Case(
                        "no Content-Type",
                        request(url)
                                .header("Authorization", auth)
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                .build(),
                        400,
                        "invalid_request"),
                new Case("no grant_type", form(url, "scope=a", auth), 400, "invalid_request"),
                new Case("empty body", form(url, "", auth), 400, "invalid_request"),
                new Case(
                        "password grant",
                        form(url, "grant_type=password&username=u&password=p", auth),
                        400,
                        "unsupported_grant_type"),
                new Case(
                        "authorization_code grant",
                        form(url, "grant_type=authorization_code&code=x", auth),
                        400,
                        "unsupported_grant_type"),
                new Case(
                        "duplicate grant_type",
                        form(url, "grant_type=client_credentials&grant_type=client_credentials", auth),
                        400,
                        "invalid_request"),
                new Case(
                        "two client authentications",
                        form(
                                url,
                                "grant_type=client_credentials&client_id=connector" + "&client_secret="
                                        + URLEncoder.encode(SECRET, StandardCharsets.UTF_8),
                                auth),
                        400,
                        "invalid_request"),
                new Case(
                        "client_id differs from Basic",
                        form(url, "grant_type=client_credentials&client_id=someone-else", auth),
                        400,
                        "invalid_request"),
                new Case(
                        "bad scope",
                        form(
                                url,
                                "grant_type=client_credentials&scope="
                                        + URLEncoder.encode("read \"write\"", StandardCharsets.UTF_8),
                                auth),
                        400,
                        "invalid_scope"),
                new Case(
                        "broken percent-encoding",
                        form(url, "grant_type=client_%ZZcredentials&%", auth),
                        400,
                        "unsupported_grant_type"),
                new Case(
                        "oversized body",
                        form(url, "grant_type=client_credentials&pad=" + "x".repeat(70_000), auth),
                        413,
                        "invalid_request"));

        for (Case c : cases) {
            HttpResponse<byte[]> response = http.send(c.request());
            assertEquals(c.status(), response.statusCode(), c.name() + ": " + TestHttp.body(response));
            JsonNode body = TestHttp.MAPPER.readTree(response.body());
            assertEquals(c.error(), body.get("error").asText(), c.name());
            assertFalse(body.get("error_description").asText().isBlank(), c.name());
            assertFalse(TestHttp.body(response).contains("s3cret"), c.name());
        }
        assertEquals(
                "POST",
                http.send(cases.get(0).request()).headers().firstValue("Allow").orElseThrow());
        assertEquals(0, oauth2.issuedCount());
        assertEquals(cases.size() + 1, oauth2.refusedCount());
        assertEquals(3, oauth2.refusedCount("unsupported_grant_type"), "broken encoding included");
        assertEquals(cases.size() + 1, oauth2.requestCount());
    }

    // ---- faults ----

    @Test
    void theTokenEndpointCanFailStopAnsweringAndRecover() throws Exception {
        Map<String, String> grant = Map.of("grant_type", "client_credentials");
        oauth2.setFault(Fault.status(503, "10", "maintenance"));
        HttpResponse<byte[]> unavailable = token(grant, "Authorization", basic("connector", SECRET));
        assertEquals(503, unavailable.statusCode());
        assertEquals("10", unavailable.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("maintenance", TestHttp.body(unavailable));

        oauth2.clearFault();
        oauth2.failNext(1, Fault.closeConnection());
        assertThrows(IOException.class, () -> token(grant, "Authorization", basic("connector", SECRET)));
        assertEquals(
                200, token(grant, "Authorization", basic("connector", SECRET)).statusCode());

        oauth2.setFault(Fault.latency(Duration.ofMinutes(5))); // an endpoint that stops answering
        HttpRequest slow = request(sim.tokenUrl())
                .timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic("connector", SECRET))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        assertThrows(java.net.http.HttpTimeoutException.class, () -> http.send(slow));

        oauth2.setFault(Fault.htmlPage());
        HttpResponse<byte[]> html = token(grant, "Authorization", basic("connector", SECRET));
        assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));

        assertEquals(1, oauth2.issuedCount(), "faults issue nothing");
        assertEquals(0, oauth2.refusedCount(), "and refuse nothing: they are not OAuth2 errors");
        assertEquals(5, oauth2.requestCount());
        assertThrows(IllegalArgumentException.class, () -> oauth2.setFault(Fault.truncatedJson()));
        assertThrows(IllegalArgumentException.class, () -> oauth2.failNext(1, Fault.disconnectMidBody()));
    }

    @Test
    void clientsCanBeAddedAndRemoved() throws Exception {
        oauth2.registerClient("late", "pw");
        assertEquals(List.of("connector", "late"), List.copyOf(oauth2.clientIds()));
        String token = TestHttp.MAPPER
                .readTree(token(Map.of("grant_type", "client_credentials"), "Authorization", basic("late", "pw"))
                        .body())
                .get("access_token")
                .asText();

        assertTrue(oauth2.removeClient("late"));
        assertEquals(
                401,
                token(Map.of("grant_type", "client_credentials"), "Authorization", basic("late", "pw"))
                        .statusCode());
        assertEquals(200, statusWith(token).statusCode(), "tokens already issued stay valid");
        assertThrows(IllegalArgumentException.class, () -> oauth2.registerClient("", "x"));
        assertThrows(
                IllegalArgumentException.class, () -> OkastSimulator.builder().oauth2Client("a", ""));
    }

    @Test
    void nothingSecretInToStrings() {
        OAuth2TokenEndpoint.Issued issued = oauth2.issue("connector", null, null);

        assertFalse(issued.toString().contains(issued.accessToken()));
        assertFalse(new CliOptions.OAuth2Client("id", "hidden-value").toString().contains("hidden-value"));
        assertNull(oauth2.grants().get(0).scope());
        assertEquals(
                Instant.parse("2022-10-18T15:20:00Z"), oauth2.grants().get(0).expiresAt());
    }

    // ---- helpers ----

    private String fetchToken() throws Exception {
        HttpResponse<byte[]> response =
                token(Map.of("grant_type", "client_credentials"), "Authorization", basic("connector", SECRET));
        assertEquals(200, response.statusCode(), TestHttp.body(response));
        return TestHttp.MAPPER.readTree(response.body()).get("access_token").asText();
    }

    private HttpResponse<byte[]> token(Map<String, String> form, String... headers) throws Exception {
        return http.postForm(sim.tokenUrl(), form, headers);
    }

    private HttpResponse<byte[]> statusWith(String token) throws Exception {
        return http.get(guarded.statusUrl(), "Authorization", "Bearer " + token);
    }

    private static String challenge(HttpResponse<byte[]> response) {
        return response.headers().firstValue("WWW-Authenticate").orElseThrow();
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest form(String url, String body, String authorization) {
        return request(url)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String basic(String id, String secret) {
        return "Basic " + b64(id + ":" + secret);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
