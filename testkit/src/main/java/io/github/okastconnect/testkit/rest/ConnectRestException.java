package io.github.okastconnect.testkit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;

/** A Connect REST call answered with an error status; carries the response body (Connect's error JSON). */
public class ConnectRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final URI uri;
    private final int statusCode;
    private final String body;

    public ConnectRestException(String method, URI uri, int statusCode, String body) {
        super(method + " " + uri + " -> HTTP " + statusCode + ": " + errorMessageOf(body));
        this.method = method;
        this.uri = uri;
        this.statusCode = statusCode;
        this.body = body;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The raw response body, e.g. {@code {"error_code":409,"message":"..."}}. */
    public String body() {
        return body;
    }

    /** Connect's {@code message} field when the body is its error JSON, else the body itself. */
    public String errorMessage() {
        return errorMessageOf(body);
    }

    private static String errorMessageOf(String body) {
        try {
            JsonNode message = new ObjectMapper().readTree(body).path("message");
            return message.isTextual() ? message.asText() : body;
        } catch (Exception e) {
            return body;
        }
    }
}
