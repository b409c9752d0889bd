package io.github.okastconnect.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.LongAdder;

/**
 * Adds every byte to a counter as it is handed on, so an answer cut short (a client giving up on a bomb, a
 * disconnect) still counts what did leave. Counting before handing on means a client that holds the bytes
 * never sees a counter that lacks them. Sits on the exchange's own stream: what it sees is the body as sent,
 * compressed if it is, without headers or chunk framing.
 */
final class CountingOutputStream extends FilterOutputStream {

    private final LongAdder counter;

    CountingOutputStream(OutputStream out, LongAdder counter) {
        super(out);
        this.counter = counter;
    }

    @Override
    public void write(int b) throws IOException {
        counter.increment();
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        counter.add(length);
        out.write(bytes, offset, length);
    }
}
