package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block definition that the client's on-arrival comparison and the whole-body fingerprint share. */
class BodyFingerprintTest {
    private static final int BLOCK = BodyFingerprint.BLOCK_BYTES;

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aBodyFedInAnyPiecesIntoAGrowingBufferHasTheFingerprintOfTheWholeBody() {
        for (int length : new int[] {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 17}) {
            byte[] body = bytes(length);
            BodyFingerprint.Accumulator accumulator = BodyFingerprint.accumulator();
            byte[] buffer = new byte[16];
            int received = 0;
            for (int piece = 1; received < length; piece = piece * 3 + 1) {
                int n = Math.min(piece, length - received);
                if (received + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, received + n));
                }
                System.arraycopy(body, received, buffer, received, n);
                received += n;
                accumulator.advance(buffer, received);
            }
            BodyFingerprint whole = BodyFingerprint.of(body);
            assertEquals(whole, accumulator.finish(buffer, length), "length " + length);
            assertEquals(length, whole.length());
            assertEquals((length + BLOCK - 1) / BLOCK, whole.blockCount(), "length " + length);
        }
    }

    @Test
    void eachBlockMatchesOnlyItsOwnBytesLengthAndPlace() {
        byte[] body = bytes(2 * BLOCK + 100);
        BodyFingerprint fingerprint = BodyFingerprint.of(body);
        for (int index = 0; index < 3; index++) {
            int from = index * BLOCK;
            byte[] block = Arrays.copyOfRange(body, from, Math.min(body.length, from + BLOCK));
            assertTrue(fingerprint.blockMatches(index, block, block.length), "block " + index);
            assertFalse(fingerprint.blockMatches(index, block, block.length - 1), "shorter block " + index);
            block[block.length / 2] ^= 1;
            assertFalse(fingerprint.blockMatches(index, block, block.length), "one bit off in block " + index);
        }
        byte[] first = Arrays.copyOf(body, BLOCK);
        assertFalse(fingerprint.blockMatches(1, first, BLOCK), "block 0's bytes are not block 1");
        assertFalse(fingerprint.blockMatches(3, first, BLOCK), "no block 3");
    }

    @Test
    void bodiesOfTheSameLengthDifferingInOneByteDiffer() {
        byte[] body = bytes(3 * BLOCK);
        byte[] other = body.clone();
        other[other.length - 1] ^= 0x20;
        assertNotEquals(BodyFingerprint.of(body), BodyFingerprint.of(other));
        assertFalse(BodyFingerprint.of(body).matches(null));
        assertTrue(BodyFingerprint.of(body).matches(BodyFingerprint.of(body.clone())));
    }
}
