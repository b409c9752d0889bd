package io.github.okastconnect.streams;

import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a caller-supplied listener on the stream thread, logging its failures instead of letting them
 * propagate: a broken printer or test hook must not shut the stream thread down.
 */
final class SafeListener<T> implements Consumer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final String name;
    private final Consumer<? super T> delegate;

    SafeListener(String name, Consumer<? super T> delegate) {
        this.name = name;
        this.delegate = Objects.requireNonNull(delegate, name + " listener");
    }

    @Override
    public void accept(T value) {
        try {
            delegate.accept(value);
        } catch (RuntimeException e) {
            LOG.warn("{} listener failed on {}", name, value, e);
        }
    }
}
