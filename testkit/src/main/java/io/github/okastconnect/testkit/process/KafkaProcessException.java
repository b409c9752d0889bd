package io.github.okastconnect.testkit.process;

/** A broker or worker process did not start, stop or answer as expected; the message carries its log tail. */
public class KafkaProcessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaProcessException(String message) {
        super(message);
    }

    public KafkaProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
