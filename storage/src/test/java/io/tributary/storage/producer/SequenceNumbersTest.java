package io.tributary.storage.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void incrementWrapsPastMaxValueToZero() {
        assertEquals(Integer.MAX_VALUE, SequenceNumbers.increment(Integer.MAX_VALUE - 1, 1));
        assertEquals(0, SequenceNumbers.increment(Integer.MAX_VALUE, 1));
        assertEquals(2, SequenceNumbers.increment(Integer.MAX_VALUE - 1, 4));
    }

    @Test
    void decrementWrapsBelowZeroToMaxValue() {
        assertEquals(Integer.MAX_VALUE, SequenceNumbers.decrement(0, 1));
        assertEquals(Integer.MAX_VALUE - 1, SequenceNumbers.decrement(2, 4));
        assertEquals(5, SequenceNumbers.decrement(9, 4));
    }

    @Test
    void decrementUndoesIncrementAcrossTheWrap() {
        for (int start : new int[] {0, 17, Integer.MAX_VALUE - 3, Integer.MAX_VALUE}) {
            for (int delta : new int[] {0, 1, 4, 1000}) {
                assertEquals(start, SequenceNumbers.decrement(SequenceNumbers.increment(start, delta), delta));
            }
        }
    }

    @Test
    void zeroFollowsMaxValue() {
        assertTrue(SequenceNumbers.isNext(Integer.MAX_VALUE, 0));
        assertTrue(SequenceNumbers.isNext(41, 42));
        assertFalse(SequenceNumbers.isNext(41, 43));
        assertFalse(SequenceNumbers.isNext(Integer.MAX_VALUE, 1));
        assertFalse(SequenceNumbers.isNext(Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    @Test
    void batchWithoutSequenceHasNoLastSequence() {
        assertEquals(SequenceNumbers.NO_SEQUENCE, SequenceNumbers.lastSequence(SequenceNumbers.NO_SEQUENCE, 9));
        assertEquals(9, SequenceNumbers.lastSequence(0, 9));
    }
}
