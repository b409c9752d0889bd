package io.github.okastconnect.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /oauth2/token}, the client-credentials grant of RFC 6749 section 4.4. Client authentication by
 * HTTP Basic (client_secret_basic, section 2.3.1: id and secret form-encoded, then Base64; plain ones are
 * accepted too) or by client_id and client_secret in the body (client_secret_post), never both. Every bad input
 * is a 4xx with an RFC 6749 section 5.2 error object; descriptions name what was wrong, never a secret.
 */
final class TokenRequestHandler {

    static final String JSON = "application/json;charset=UTF-8";
    /** A token request is a few hundred bytes; more is not one. */
    static final int MAX_BODY = 64 * 1024;

    private static final String FORM = "application/x-www-form-urlencoded";
    /** RFC 6749 section 3.3: scope tokens separated by single spaces. */
    private static final Pattern SCOPE =
            Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

    private static final String CLIENT_CHALLENGE = "Basic realm=\"oauth2\", charset=\"UTF-8\"";

    /** A refused token request: status, RFC 6749 error code, and a description safe to send. */
    private static final class Refusal extends Exception {
        final int status;
        final String error;
        final boolean challenge;

        Refusal(int status, String error, String description, boolean challenge) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
            this.challenge = challenge;
        }

        static Refusal invalidRequest(String description) {
            return new Refusal(400, "invalid_request", description, false);
        }

        static Refusal invalidClient(String description) {
            return new Refusal(401, "invalid_client", description, true);
        }
    }

    private final OAuth2TokenEndpoint endpoint;
    private final ObjectMapper mapper = new ObjectMapper();

    TokenRequestHandler(OAuth2TokenEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void handle(HttpExchange exchange) throws IOException {
        // One byte more than allowed tells "too large"; the JDK drains or drops the rest when the exchange closes.
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        endpoint.countRequest();
        FaultResponder.Plan plan = FaultResponder.Plan.of(endpoint.takeFaults());
        plan.sleep();
        if (plan.answer() != null) {
            FaultResponder.answerAlone(exchange, plan.answer(), JSON, plan.trickle());
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        try {
            OAuth2TokenEndpoint.Issued issued = grant(exchange, body);
            ObjectNode answer = mapper.createObjectNode()
                    .put("access_token", issued.accessToken())
                    .put("token_type", "Bearer")
                    .put("expires_in", issued.expiresInSeconds());
            send(exchange, 200, answer, plan);
        } catch (Refusal refusal) {
            endpoint.countRefused(refusal.error);
            if (refusal.challenge) {
                exchange.getResponseHeaders().set("WWW-Authenticate", CLIENT_CHALLENGE);
            }
            ObjectNode answer = mapper.createObjectNode()
                    .put("error", refusal.error)
                    .put("error_description", refusal.getMessage());
            send(exchange, refusal.status, answer, plan);
        }
    }

    private OAuth2TokenEndpoint.Issued grant(HttpExchange exchange, byte[] body) throws Refusal {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new Refusal(405, "invalid_request", "the token endpoint takes POST", false);
        }
        if (body.length > MAX_BODY) {
            throw new Refusal(413, "invalid_request", "request body over " + MAX_BODY + " bytes", false);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null
                || !contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(FORM)) {
            throw Refusal.invalidRequest("Content-Type must be " + FORM);
        }
        Map<String, String> parameters;
        try {
            parameters = FormParameters.parseUnique(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException duplicate) {
            throw Refusal.invalidRequest(duplicate.getMessage());
        }
        String scope = blankToNull(parameters.get("scope"));
        String audience = blankToNull(parameters.get("audience"));
        endpoint.recordSeen(scope, audience);
        String clientId = authenticate(exchange.getRequestHeaders().getFirst("Authorization"), parameters);
        String grantType = parameters.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            throw Refusal.invalidRequest("grant_type missing");
        }
        if (!grantType.equals("client_credentials")) {
            throw new Refusal(400, "unsupported_grant_type", "only client_credentials is supported", false);
        }
        if (scope != null && !SCOPE.matcher(scope).matches()) {
            throw new Refusal(400, "invalid_scope", "scope must be space-separated RFC 6749 scope tokens", false);
        }
        return endpoint.issue(clientId, scope, audience);
    }

    /** The authenticated client's id. */
    private String authenticate(String authorization, Map<String, String> parameters) throws Refusal {
        String postedId = parameters.get("client_id");
        String postedSecret = parameters.get("client_secret");
        if (authorization != null) {
            String header = authorization.trim();
            if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
                throw Refusal.invalidClient("client authentication must be HTTP Basic or client_secret in the body");
            }
            if (postedSecret != null) {
                throw Refusal.invalidRequest("more than one client authentication method");
            }
            String[] idAndSecret = decodeBasic(header.substring(6).trim());
            if (postedId != null && !postedId.equals(idAndSecret[0]) && !postedId.equals(formDecode(idAndSecret[0]))) {
                throw Refusal.invalidRequest("client_id differs from the Basic credentials");
            }
            // RFC 6749 2.3.1 form-encodes both before Base64; many clients do not, so either way is accepted.
            if (endpoint.authenticates(formDecode(idAndSecret[0]), formDecode(idAndSecret[1]))) {
                return formDecode(idAndSecret[0]);
            }
            if (endpoint.authenticates(idAndSecret[0], idAndSecret[1])) {
                return idAndSecret[0];
            }
            throw Refusal.invalidClient("client authentication failed");
        }
        if (postedId == null && postedSecret == null) {
            throw Refusal.invalidClient("no client authentication");
        }
        if (postedId == null || postedSecret == null) {
            throw Refusal.invalidClient("client_secret_post needs both client_id and client_secret");
        }
        if (endpoint.authenticates(postedId, postedSecret)) {
            return postedId;
        }
        throw Refusal.invalidClient("client authentication failed");
    }

    private static String[] decodeBasic(String credentials) throws Refusal {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidClient("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw Refusal.invalidClient("malformed Basic credentials");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static String formDecode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private void send(HttpExchange exchange, int status, ObjectNode answer, FaultResponder.Plan plan)
            throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(answer);
        Responses.send(exchange, status, JSON, bytes, bytes.length, plan.trickle());
    }
}
