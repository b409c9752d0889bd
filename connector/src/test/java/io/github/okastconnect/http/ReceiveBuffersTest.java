package io.github.okastconnect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceiveBuffersTest {
    private static final int MIN = ReceiveBuffers.MIN_BUFFER_BYTES;

    @Test
    void aGivenBufferIsTakenAgainWhenItFits() {
        ReceiveBuffers buffers = new ReceiveBuffers(10 * MIN);
        byte[] first = buffers.take(3 * MIN, Integer.MAX_VALUE);
        buffers.give(first);
        assertEquals(first.length, buffers.retainedBytes());
        assertSame(first, buffers.take(3 * MIN, Integer.MAX_VALUE));
        assertEquals(0, buffers.retainedBytes(), "a taken buffer is no longer retained");
        assertNotSame(first, buffers.take(3 * MIN, Integer.MAX_VALUE), "the pool is empty again");
    }

    @Test
    void aNewBufferHasAnEighthToSpareButNeverLessThanAskedNorMoreThanTheLimit() {
        ReceiveBuffers buffers = new ReceiveBuffers(100 * MIN);
        assertEquals(MIN, buffers.take(0, Integer.MAX_VALUE).length);
        assertEquals(9 * MIN, buffers.take(8 * MIN, Integer.MAX_VALUE).length);
        assertEquals(8 * MIN + 10, buffers.take(8 * MIN, 8 * MIN + 10).length);
        assertEquals(8 * MIN, buffers.take(8 * MIN, 100).length, "asked length wins over the limit");
    }

    @Test
    void aNewBufferTooLargeToBeKeptHasNoSpare() {
        ReceiveBuffers buffers = new ReceiveBuffers(4 * MIN);
        assertEquals(8 * MIN, buffers.take(8 * MIN, Integer.MAX_VALUE).length);
        assertEquals(4 * MIN + 1, buffers.take(4 * MIN + 1, Integer.MAX_VALUE).length);
        int fits = 3 * MIN + MIN / 2;
        assertEquals(fits + fits / 8, buffers.take(fits, Integer.MAX_VALUE).length, "spare when it stays in budget");
        assertEquals(MIN, new ReceiveBuffers(0).take(0, Integer.MAX_VALUE).length, "never below the minimum");
        assertEquals(MIN, new ReceiveBuffers(0).take(10, Integer.MAX_VALUE).length);
    }

    @Test
    void theSmallestFittingBufferIsTaken() {
        ReceiveBuffers buffers = new ReceiveBuffers(100 * MIN);
        byte[] small = new byte[2 * MIN];
        byte[] medium = new byte[5 * MIN];
        byte[] large = new byte[20 * MIN];
        buffers.give(large);
        buffers.give(small);
        buffers.give(medium);
        assertSame(medium, buffers.take(3 * MIN, Integer.MAX_VALUE));
        assertSame(small, buffers.take(MIN, Integer.MAX_VALUE));
        assertSame(large, buffers.take(MIN, Integer.MAX_VALUE));
    }

    @Test
    void retainedBytesNeverExceedTheBudget() {
        ReceiveBuffers buffers = new ReceiveBuffers(10 * MIN);
        buffers.give(new byte[4 * MIN]);
        buffers.give(new byte[4 * MIN]);
        assertEquals(8 * MIN, buffers.retainedBytes());
        byte[] bigger = new byte[6 * MIN];
        buffers.give(bigger);
        assertEquals(10 * MIN, buffers.retainedBytes(), "one smaller buffer made room for the bigger one");
        assertSame(bigger, buffers.take(5 * MIN, Integer.MAX_VALUE));

        buffers.give(new byte[11 * MIN]);
        assertEquals(4 * MIN, buffers.retainedBytes(), "a buffer over the whole budget is never kept");
        buffers.give(new byte[2 * MIN]);
        buffers.give(new byte[3 * MIN]);
        assertTrue(buffers.retainedBytes() <= 10 * MIN, "retained " + buffers.retainedBytes());
    }

    @Test
    void smallerBuffersDoNotDisplaceLargerOnes() {
        ReceiveBuffers buffers = new ReceiveBuffers(8 * MIN);
        byte[] large = new byte[8 * MIN];
        buffers.give(large);
        buffers.give(new byte[MIN]);
        assertEquals(8 * MIN, buffers.retainedBytes());
        assertSame(large, buffers.take(MIN, Integer.MAX_VALUE));
    }

    @Test
    void aZeroBudgetKeepsNothing() {
        ReceiveBuffers buffers = new ReceiveBuffers(0);
        buffers.give(new byte[MIN]);
        assertEquals(0, buffers.retainedBytes());
        assertThrows(IllegalArgumentException.class, () -> new ReceiveBuffers(-1));
    }
}
