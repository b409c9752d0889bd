package io.github.okastconnect.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/** Writes in small flushed chunks with pauses, so a client sees a body arrive at a set rate. */
final class ThrottledOutputStream extends FilterOutputStream {

    /** Chunks of ~50 ms keep the rate smooth without a syscall per byte. */
    private static final int CHUNKS_PER_SECOND = 20;

    private final int bytesPerSecond;
    private final int chunk;

    private ThrottledOutputStream(OutputStream out, int bytesPerSecond) {
        super(out);
        this.bytesPerSecond = bytesPerSecond;
        this.chunk = Math.max(1, bytesPerSecond / CHUNKS_PER_SECOND);
    }

    static OutputStream wrap(OutputStream out, Fault.Trickle trickle) {
        return trickle == null ? out : new ThrottledOutputStream(out, trickle.bytesPerSecond());
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = Math.min(chunk, length - done);
            out.write(bytes, offset + done, n);
            out.flush();
            done += n;
            pause(n);
        }
    }

    private void pause(int bytesWritten) throws IOException {
        long nanos = bytesWritten * 1_000_000_000L / bytesPerSecond;
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the simulator is closing
            throw new InterruptedIOException("trickle interrupted");
        }
    }
}
