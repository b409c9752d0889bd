package io.github.okastconnect.tracker;

/** A request that gets a 4xx/5xx answer with a JSON message; thrown by handlers, answered by the server. */
final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HttpProblem badRequest(String message) {
        return new HttpProblem(400, message);
    }

    static HttpProblem notFound(String message) {
        return new HttpProblem(404, message);
    }

    static HttpProblem unavailable(String message) {
        return new HttpProblem(503, message);
    }
}
