package io.tributary.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeIndexTest {

    private static final long BASE_OFFSET = 500;
    private static final int MAX_SIZE_BYTES = 12 * 6;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private Path file;
    private TimeIndex index;

    @BeforeEach
    void openIndex() throws IOException {
        file = TimeIndex.fileFor(dir, BASE_OFFSET);
        index = new TimeIndex(file, BASE_OFFSET, MAX_SIZE_BYTES);
    }

    @AfterEach
    void closeIndex() {
        index.closeHandler();
    }

    @Test
    void fileIsNamedAfterTheBaseOffsetInTwentyDigits() {
        assertEquals("00000000000000000500.timeindex", file.getFileName().toString());
    }

    @Test
    void defaultMaximumSizeIsRoundedDownToWholeTwelveByteEntries() throws IOException {
        try (TimeIndex big = new TimeIndex(TimeIndex.fileFor(dir, 0), 0, 10 * 1024 * 1024)) {
            assertEquals(10_485_756L, Files.size(big.file()));
        }
    }

    @Test
    void lookupInAnEmptyIndexReturnsNoTimestampAndTheBaseOffset() {
        assertEquals(new TimestampOffset(-1, BASE_OFFSET), index.lookup(T0));
        assertEquals(new TimestampOffset(-1, BASE_OFFSET), index.lastEntry());
    }

    @Test
    void lookupBeforeTheFirstTimestampReturnsNoTimestampAndTheBaseOffset() {
        appendThree();
        assertEquals(new TimestampOffset(-1, BASE_OFFSET), index.lookup(T0 - 1));
    }

    @Test
    void lookupOfAnIndexedTimestampReturnsItsEntry() {
        appendThree();
        assertEquals(new TimestampOffset(T0 + 100, BASE_OFFSET + 4), index.lookup(T0 + 100));
    }

    @Test
    void lookupBetweenTimestampsReturnsTheLowerEntry() {
        appendThree();
        assertEquals(new TimestampOffset(T0 + 100, BASE_OFFSET + 4), index.lookup(T0 + 199));
    }

    @Test
    void lookupAfterTheLastTimestampReturnsTheLastEntry() {
        appendThree();
        assertEquals(new TimestampOffset(T0 + 200, BASE_OFFSET + 9), index.lookup(Long.MAX_VALUE));
        assertEquals(new TimestampOffset(T0 + 200, BASE_OFFSET + 9), index.lastEntry());
    }

    @Test
    void maybeAppendIgnoresATimestampEqualToTheLast() {
        index.maybeAppend(T0, BASE_OFFSET);
        index.maybeAppend(T0, BASE_OFFSET + 3);
        assertEquals(1, index.entries());
        assertEquals(new TimestampOffset(T0, BASE_OFFSET), index.lastEntry());
    }

    @Test
    void maybeAppendRejectsATimestampBelowTheLast() {
        index.maybeAppend(T0, BASE_OFFSET);
        assertThrows(IllegalArgumentException.class, () -> index.maybeAppend(T0 - 1, BASE_OFFSET + 1));
        assertEquals(1, index.entries());
    }

    @Test
    void maybeAppendRejectsAnOffsetBelowTheLast() {
        index.maybeAppend(T0, BASE_OFFSET + 5);
        assertThrows(IllegalArgumentException.class, () -> index.maybeAppend(T0 + 1, BASE_OFFSET + 4));
    }

    @Test
    void maybeAppendAcceptsAGreaterTimestampAtTheSameOffset() {
        index.maybeAppend(T0, BASE_OFFSET + 5);
        index.maybeAppend(T0 + 1, BASE_OFFSET + 5);
        assertEquals(2, index.entries());
    }

    @Test
    void anEmptyIndexIgnoresNoTimestamp() {
        index.maybeAppend(-1, BASE_OFFSET);
        assertEquals(0, index.entries());
    }

    @Test
    void maybeAppendRejectsAnOffsetBelowTheBaseOffset() {
        assertThrows(IllegalArgumentException.class, () -> index.maybeAppend(T0, BASE_OFFSET - 1));
    }

    @Test
    void theLastSlotIsReservedForTheEntryWrittenOnRoll() {
        for (int i = 0; i < 5; i++) {
            index.maybeAppend(T0 + i, BASE_OFFSET + i);
        }
        assertTrue(index.isFull(), "5 of 6 slots used");
        assertThrows(IllegalStateException.class, () -> index.maybeAppend(T0 + 10, BASE_OFFSET + 10));
        index.maybeAppend(T0 + 10, BASE_OFFSET + 10, true);
        assertEquals(6, index.entries());
        assertThrows(IllegalStateException.class, () -> index.maybeAppend(T0 + 11, BASE_OFFSET + 11, true));
    }

    @Test
    void truncateToRemovesEntriesAtAndAboveTheOffset() {
        appendThree();
        index.truncateTo(BASE_OFFSET + 4);
        assertEquals(1, index.entries());
        assertEquals(new TimestampOffset(T0, BASE_OFFSET), index.lastEntry());
    }

    @Test
    void truncateToRemovesEveryEntryOfARepeatedOffset() {
        index.maybeAppend(T0, BASE_OFFSET + 1);
        index.maybeAppend(T0 + 1, BASE_OFFSET + 2);
        index.maybeAppend(T0 + 2, BASE_OFFSET + 2);
        index.truncateTo(BASE_OFFSET + 2);
        assertEquals(1, index.entries());
    }

    @Test
    void truncateToBetweenEntriesKeepsTheLowerOnes() {
        appendThree();
        index.truncateTo(BASE_OFFSET + 5);
        assertEquals(2, index.entries());
        assertEquals(new TimestampOffset(T0 + 100, BASE_OFFSET + 4), index.lastEntry());
    }

    @Test
    void afterTruncationAppendsContinueFromTheNewLastEntry() {
        appendThree();
        index.truncateTo(BASE_OFFSET + 4);
        index.maybeAppend(T0 + 50, BASE_OFFSET + 4);
        assertEquals(new TimestampOffset(T0 + 50, BASE_OFFSET + 4), index.lookup(T0 + 150));
    }

    @Test
    void closeTrimsTheFileAndReopeningRecoversTheEntries() throws IOException {
        appendThree();
        index.close();
        assertEquals(3L * TimeIndex.ENTRY_SIZE_BYTES, Files.size(file));
        index = new TimeIndex(file, BASE_OFFSET, MAX_SIZE_BYTES);
        index.sanityCheck();
        assertEquals(3, index.entries());
        assertEquals(new TimestampOffset(T0 + 200, BASE_OFFSET + 9), index.lastEntry());
        assertEquals(new TimestampOffset(T0 + 100, BASE_OFFSET + 4), index.lookup(T0 + 150));
    }

    @Test
    void entryReturnsTheNthEntryAndRejectsAMissingOne() {
        appendThree();
        assertEquals(new TimestampOffset(T0 + 100, BASE_OFFSET + 4), index.entry(1));
        assertThrows(IllegalArgumentException.class, () -> index.entry(-1));
        assertThrows(IllegalArgumentException.class, () -> index.entry(3));
    }

    @Test
    void deleteIfExistsRemovesTheFile() throws IOException {
        assertTrue(index.deleteIfExists());
        assertFalse(Files.exists(file));
    }

    private void appendThree() {
        index.maybeAppend(T0, BASE_OFFSET);
        index.maybeAppend(T0 + 100, BASE_OFFSET + 4);
        index.maybeAppend(T0 + 200, BASE_OFFSET + 9);
    }
}
