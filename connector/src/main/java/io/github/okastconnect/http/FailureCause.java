package io.github.okastconnect.http;

/** Why a poll of one instance produced no usable list. Each is reported once per episode and counted. */
public enum FailureCause {
    UNAUTHORIZED("HTTP 401: credentials rejected; check okast.instance.<id>.auth.*"),
    FORBIDDEN("HTTP 403: credentials lack access to the ingest status; check okast.instance.<id>.auth.*"),
    NOT_FOUND("HTTP 404: no status endpoint at this URL; check okast.instance.<id>.url and okast.status.path"),
    RATE_LIMITED("HTTP 429: rate limited by the instance"),
    SERVER_ERROR("HTTP 5xx: the instance failed to answer"),
    UNEXPECTED_STATUS("unexpected HTTP status"),
    REDIRECT("redirect refused"),
    CONNECTION("cannot connect"),
    TIMEOUT("timed out"),
    TLS("TLS handshake failed"),
    CLIENT_CERTIFICATE("the instance refused the client certificate"),
    TOKEN_ENDPOINT("the OAuth2 token endpoint failed"),
    TOKEN_REJECTED("the OAuth2 token endpoint refused this client"),
    PROXY_UNREACHABLE("cannot connect to the proxy"),
    PROXY_AUTH("HTTP 407: the proxy rejected its credentials"),
    PROXY_REFUSED("the proxy refused or failed to reach the instance"),
    TOO_LARGE("response larger than http.max.response.bytes"),
    MALFORMED("malformed body");

    private final String summary;

    FailureCause(String summary) {
        this.summary = summary;
    }

    public String summary() {
        return summary;
    }
}
