package io.tributary.storage.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetIndexTest {

    private static final long BASE_OFFSET = 1000;
    private static final int MAX_SIZE_BYTES = 8 * 16;

    @TempDir
    Path dir;

    private Path file;
    private OffsetIndex index;

    @BeforeEach
    void openIndex() throws IOException {
        file = OffsetIndex.fileFor(dir, BASE_OFFSET);
        index = new OffsetIndex(file, BASE_OFFSET, MAX_SIZE_BYTES);
    }

    @AfterEach
    void closeIndex() {
        index.closeHandler();
    }

    @Test
    void fileIsNamedAfterTheBaseOffsetInTwentyDigits() {
        assertEquals("00000000000000001000.index", file.getFileName().toString());
    }

    @Test
    void newIndexIsPreallocatedToItsMaximumSizeAndEmpty() throws IOException {
        assertEquals(MAX_SIZE_BYTES, Files.size(file));
        assertEquals(0, index.entries());
        assertEquals(16, index.maxEntries());
        assertEquals(BASE_OFFSET, index.lastOffset());
    }

    @Test
    void maximumSizeIsRoundedDownToWholeEntries() throws IOException {
        try (OffsetIndex odd = new OffsetIndex(OffsetIndex.fileFor(dir, 0), 0, 8 * 3 + 5)) {
            assertEquals(3, odd.maxEntries());
            assertEquals(24, Files.size(odd.file()));
        }
    }

    @Test
    void defaultMaximumSizeIsKafkasTenMebibytes() throws IOException {
        try (OffsetIndex big = new OffsetIndex(OffsetIndex.fileFor(dir, 0), 0, OffsetIndex.DEFAULT_MAX_INDEX_SIZE_BYTES)) {
            assertEquals(10L * 1024 * 1024, Files.size(big.file()));
        }
    }

    @Test
    void lookupInAnEmptyIndexReturnsTheBaseOffsetAtPositionZero() {
        assertEquals(new OffsetPosition(BASE_OFFSET, 0), index.lookup(BASE_OFFSET + 50));
    }

    @Test
    void lookupBeforeTheFirstEntryReturnsTheBaseOffsetAtPositionZero() {
        index.append(BASE_OFFSET + 10, 700);
        assertEquals(new OffsetPosition(BASE_OFFSET, 0), index.lookup(BASE_OFFSET + 9));
        assertEquals(new OffsetPosition(BASE_OFFSET, 0), index.lookup(0));
    }

    @Test
    void lookupOfAnIndexedOffsetReturnsItsEntry() {
        appendThree();
        assertEquals(new OffsetPosition(BASE_OFFSET, 0), index.lookup(BASE_OFFSET));
        assertEquals(new OffsetPosition(BASE_OFFSET + 5, 4096), index.lookup(BASE_OFFSET + 5));
        assertEquals(new OffsetPosition(BASE_OFFSET + 9, 8200), index.lookup(BASE_OFFSET + 9));
    }

    @Test
    void lookupBetweenEntriesReturnsTheLowerEntry() {
        appendThree();
        assertEquals(new OffsetPosition(BASE_OFFSET, 0), index.lookup(BASE_OFFSET + 4));
        assertEquals(new OffsetPosition(BASE_OFFSET + 5, 4096), index.lookup(BASE_OFFSET + 8));
    }

    @Test
    void lookupAfterTheLastEntryReturnsTheLastEntry() {
        appendThree();
        assertEquals(new OffsetPosition(BASE_OFFSET + 9, 8200), index.lookup(BASE_OFFSET + 10));
        assertEquals(new OffsetPosition(BASE_OFFSET + 9, 8200), index.lookup(Long.MAX_VALUE));
    }

    @Test
    void entryReturnsTheNthEntryAndRejectsAMissingOne() {
        appendThree();
        assertEquals(new OffsetPosition(BASE_OFFSET + 5, 4096), index.entry(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.entry(3));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void appendRejectsAnOffsetNotAboveTheLast() {
        index.append(BASE_OFFSET + 5, 100);
        assertThrows(IllegalArgumentException.class, () -> index.append(BASE_OFFSET + 5, 200));
        assertThrows(IllegalArgumentException.class, () -> index.append(BASE_OFFSET + 4, 200));
        assertEquals(1, index.entries());
    }

    @Test
    void appendRejectsAnOffsetThatDoesNotFitRelativeToTheBaseOffset() {
        assertFalse(index.canAppendOffset(BASE_OFFSET - 1));
        assertFalse(index.canAppendOffset(BASE_OFFSET + Integer.MAX_VALUE + 1L));
        assertTrue(index.canAppendOffset(BASE_OFFSET + Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> index.append(BASE_OFFSET - 1, 0));
        assertThrows(IllegalArgumentException.class, () -> index.append(BASE_OFFSET + Integer.MAX_VALUE + 1L, 0));
        assertEquals(0, index.entries());
    }

    @Test
    void appendRejectsANegativePosition() {
        assertThrows(IllegalArgumentException.class, () -> index.append(BASE_OFFSET, -1));
    }

    @Test
    void fullIndexRefusesAppend() {
        for (int i = 0; i < index.maxEntries(); i++) {
            index.append(BASE_OFFSET + i, i * 100);
        }
        assertTrue(index.isFull());
        assertThrows(IllegalStateException.class, () -> index.append(BASE_OFFSET + 100, 99_999));
        assertEquals(16, index.entries());
    }

    @Test
    void closeTrimsTheFileToItsEntries() throws IOException {
        appendThree();
        index.close();
        assertEquals(3L * OffsetIndex.ENTRY_SIZE_BYTES, Files.size(file));
    }

    @Test
    void trimToValidSizeCutsTheFileAndLeavesTheIndexUsable() throws IOException {
        appendThree();
        index.trimToValidSize();
        assertEquals(24, Files.size(file));
        assertTrue(index.isFull());
        assertEquals(new OffsetPosition(BASE_OFFSET + 5, 4096), index.lookup(BASE_OFFSET + 6));
    }

    @Test
    void reopeningAClosedIndexRecoversItsEntries() throws IOException {
        appendThree();
        index.close();
        index = new OffsetIndex(file, BASE_OFFSET, MAX_SIZE_BYTES);
        index.sanityCheck();
        assertEquals(3, index.entries());
        assertEquals(BASE_OFFSET + 9, index.lastOffset());
        assertEquals(new OffsetPosition(BASE_OFFSET + 5, 4096), index.lookup(BASE_OFFSET + 7));
    }

    @Test
    void reopenedIndexAcceptsAppendsAfterResizingToTheMaximum() throws IOException {
        appendThree();
        index.close();
        index = new OffsetIndex(file, BASE_OFFSET, MAX_SIZE_BYTES);
        assertTrue(index.isFull(), "a reopened index holds exactly its entries until resized");
        assertTrue(index.resize(MAX_SIZE_BYTES));
        index.append(BASE_OFFSET + 12, 9000);
        assertEquals(4, index.entries());
        assertEquals(MAX_SIZE_BYTES, Files.size(file));
    }

    @Test
    void resizeToTheCurrentLengthChangesNothing() throws IOException {
        assertFalse(index.resize(MAX_SIZE_BYTES + 7));
    }

    @Test
    void resizeBelowTheEntriesIsRejected() {
        appendThree();
        assertThrows(IllegalArgumentException.class, () -> index.resize(16));
        assertEquals(3, index.entries());
    }

    @Test
    void truncateToAnIndexedOffsetRemovesItAndEverythingAbove() {
        appendThree();
        index.truncateTo(BASE_OFFSET + 5);
        assertEquals(1, index.entries());
        assertEquals(BASE_OFFSET, index.lastOffset());
    }

    @Test
    void truncateToAnOffsetBetweenEntriesKeepsTheLowerOnes() {
        appendThree();
        index.truncateTo(BASE_OFFSET + 7);
        assertEquals(2, index.entries());
        assertEquals(BASE_OFFSET + 5, index.lastOffset());
    }

    @Test
    void truncateToAboveTheLastEntryRemovesNothing() {
        appendThree();
        index.truncateTo(BASE_OFFSET + 100);
        assertEquals(3, index.entries());
    }

    @Test
    void truncateToBelowTheFirstEntryRemovesEverything() {
        appendThree();
        index.truncateTo(0);
        assertEquals(0, index.entries());
        assertEquals(BASE_OFFSET, index.lastOffset());
    }

    @Test
    void appendAfterTruncationMayReuseTruncatedOffsets() {
        appendThree();
        index.truncateTo(BASE_OFFSET + 5);
        index.append(BASE_OFFSET + 5, 5000);
        assertEquals(new OffsetPosition(BASE_OFFSET + 5, 5000), index.lookup(BASE_OFFSET + 9));
    }

    @Test
    void truncateRemovesAllEntries() {
        appendThree();
        index.truncate();
        assertEquals(0, index.entries());
        assertEquals(new OffsetPosition(BASE_OFFSET, 0), index.lookup(BASE_OFFSET + 9));
    }

    @Test
    void resetRemovesAllEntriesAndRestoresTheMaximumSize() throws IOException {
        appendThree();
        index.trimToValidSize();
        index.reset();
        assertEquals(0, index.entries());
        assertEquals(MAX_SIZE_BYTES, Files.size(file));
    }

    @Test
    void lookupsAcrossTheWarmAndColdSectionsFindTheGreatestLowerEntry() throws IOException {
        TreeMap<Long, Integer> model = new TreeMap<>();
        Random random = new Random(42);
        try (OffsetIndex large = new OffsetIndex(OffsetIndex.fileFor(dir, 0), 0, 8 * 5000)) {
            long offset = 0;
            for (int i = 0; i < 5000; i++) {
                offset += 1 + random.nextInt(10);
                large.append(offset, i * 10);
                model.put(offset, i * 10);
            }
            for (int i = 0; i < 20_000; i++) {
                long target = random.nextInt((int) offset + 20);
                Map.Entry<Long, Integer> expected = model.floorEntry(target);
                OffsetPosition want = expected == null ? new OffsetPosition(0, 0)
                        : new OffsetPosition(expected.getKey(), expected.getValue());
                assertEquals(want, large.lookup(target), "lookup(" + target + ")");
            }
        }
    }

    @Test
    void readOnlyIndexRefusesChanges() throws IOException {
        appendThree();
        index.close();
        index = new OffsetIndex(file, BASE_OFFSET, MAX_SIZE_BYTES, false);
        assertEquals(3, index.entries());
        assertThrows(IllegalStateException.class, () -> index.append(BASE_OFFSET + 20, 0));
        assertThrows(IllegalStateException.class, () -> index.truncateTo(BASE_OFFSET));
        assertThrows(IllegalStateException.class, () -> index.resize(MAX_SIZE_BYTES));
    }

    @Test
    void openingAMissingFileReadOnlyFails() {
        assertThrows(NoSuchFileException.class, () -> new OffsetIndex(OffsetIndex.fileFor(dir, 7), 7, MAX_SIZE_BYTES, false));
    }

    @Test
    void aClosedIndexRefusesLookups() throws IOException {
        index.close();
        assertThrows(IllegalStateException.class, () -> index.lookup(BASE_OFFSET));
        index.close();
    }

    @Test
    void deleteIfExistsRemovesTheFile() throws IOException {
        assertTrue(index.deleteIfExists());
        assertFalse(Files.exists(file));
        assertFalse(index.deleteIfExists());
    }

    @Test
    void renameToMovesTheFileAndKeepsTheEntries() throws IOException {
        appendThree();
        Path renamed = dir.resolve(file.getFileName() + ".deleted");
        index.renameTo(renamed);
        assertEquals(renamed, index.file());
        assertFalse(Files.exists(file));
        index.close();
        assertEquals(24, Files.size(renamed));
    }

    private void appendThree() {
        index.append(BASE_OFFSET, 0);
        index.append(BASE_OFFSET + 5, 4096);
        index.append(BASE_OFFSET + 9, 8200);
    }
}
