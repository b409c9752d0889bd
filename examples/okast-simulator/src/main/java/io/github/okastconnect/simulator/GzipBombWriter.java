package io.github.okastconnect.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Streams a gzip member that inflates to an exact, possibly huge, size without deflating it byte by byte:
 * one MiB of the fill byte is deflated once with a full flush (byte-aligned, no back-reference into what came
 * before), and those ~1 KB are sent again and again; only the CRC-32 of the trailer has to pass over every
 * inflated byte (about 0.25 s for 10 GB). Memory: one MiB, whatever the size.
 */
final class GzipBombWriter {

    private static final int BLOCK = 1 << 20;
    /** Magic, deflate, no flags, no mtime, no extra flags, OS unknown: what GZIPOutputStream writes too. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private GzipBombWriter() {}

    static void write(OutputStream out, Fault.GzipBomb bomb) throws IOException {
        boolean spaces = bomb.fill() == Fault.GzipBomb.Fill.SPACES;
        byte fill = spaces ? (byte) ' ' : (byte) '[';
        byte[] block = new byte[BLOCK];
        Arrays.fill(block, fill);
        CRC32 crc = new CRC32();
        out.write(HEADER);
        long middle = bomb.inflatedBytes();
        if (spaces) {
            byte[] open = {'['};
            out.write(deflate(open, false));
            crc.update(open);
            middle -= 2;
        }
        byte[] deflatedBlock = deflate(block, false);
        for (long i = middle / BLOCK; i > 0; i--) {
            out.write(deflatedBlock);
            crc.update(block);
        }
        int rest = (int) (middle % BLOCK);
        byte[] tail = Arrays.copyOf(block, rest + (spaces ? 1 : 0));
        if (spaces) {
            tail[rest] = ']';
        }
        out.write(deflate(tail, true));
        crc.update(tail);
        writeIntLittleEndian(out, crc.getValue());
        writeIntLittleEndian(out, bomb.inflatedBytes()); // ISIZE is the size modulo 2^32
        out.flush();
    }

    /** Raw deflate of {@code input} from a fresh state: ends with a full flush, or with the final block. */
    private static byte[] deflate(byte[] input, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(input);
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    deflated.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
                    deflated.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return deflated.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void writeIntLittleEndian(OutputStream out, long value) throws IOException {
        out.write((int) value & 0xff);
        out.write((int) (value >>> 8) & 0xff);
        out.write((int) (value >>> 16) & 0xff);
        out.write((int) (value >>> 24) & 0xff);
    }
}
