package io.github.okastconnect.parser;

/**
 * The body as a whole cannot be read as an Okast status list. The message is safe to log: it describes the body's
 * shape and quotes at most a short, sanitised prefix of it.
 */
public class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
