package io.github.okastconnect.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams a valid JSON array of an exact byte size without holding it in memory: identical
 * fixed-width entries (only a 10-digit counter differs), then spaces (legal JSON whitespace) to
 * hit the size, then {@code ]}.
 */
final class HugeBodyWriter {

    private static final byte[] ENTRY =
            (",{\"request\":{\"filePath\":\"https://storage.example.com/media/huge/0000000000.mp4\"},"
                            + "\"requestTime\":\"2022-1018 14:20:00\",\"lastStatusUpdate\":\"2022-1018 14:20:02\",\"status\":\"DONE\"}")
                    .getBytes(StandardCharsets.US_ASCII);
    /** Entry length without its leading comma. */
    private static final int ENTRY_LENGTH = ENTRY.length - 1;

    private static final int COUNTER_END = new String(ENTRY, StandardCharsets.US_ASCII).indexOf(".mp4");
    private static final int BUFFER = 64 * 1024;

    private HugeBodyWriter() {}

    static void write(OutputStream out, long totalBytes) throws IOException {
        long entries = Math.max(0, (totalBytes - 1) / (ENTRY_LENGTH + 1)); // n entries take 2 + n*L + (n-1) bytes
        long used = 2 + entries * ENTRY_LENGTH + Math.max(0, entries - 1);
        long padding = totalBytes - used;
        byte[] entry = ENTRY.clone();
        byte[] buffer = new byte[BUFFER];
        int fill = 0;
        buffer[fill++] = '[';
        for (long i = 0; i < entries; i++) {
            writeCounter(entry, i);
            int from = i == 0 ? 1 : 0;
            int length = entry.length - from;
            if (fill + length > BUFFER) {
                out.write(buffer, 0, fill);
                fill = 0;
            }
            System.arraycopy(entry, from, buffer, fill, length);
            fill += length;
        }
        for (long i = 0; i <= padding; i++) {
            if (fill == BUFFER) {
                out.write(buffer, 0, fill);
                fill = 0;
            }
            buffer[fill++] = i == padding ? (byte) ']' : (byte) ' ';
        }
        out.write(buffer, 0, fill);
    }

    private static void writeCounter(byte[] entry, long value) {
        long rest = value;
        for (int p = COUNTER_END - 1; p >= COUNTER_END - 10; p--) {
            entry[p] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }
}
