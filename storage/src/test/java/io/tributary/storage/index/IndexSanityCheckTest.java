package io.tributary.storage.index;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code sanityCheck()} accepts and rejects, including the files an unclean stop leaves. */
class IndexSanityCheckTest {

    private static final int MAX_SIZE_BYTES = 8 * 12 * 16;

    @TempDir
    Path dir;

    @Test
    void offsetIndexWithALengthThatIsNotAMultipleOfEightIsCorruptAndTheMessageNamesTheFile() throws IOException {
        Path file = OffsetIndex.fileFor(dir, 0);
        Files.write(file, new byte[13]);
        try (OffsetIndex index = new OffsetIndex(file, 0, MAX_SIZE_BYTES)) {
            CorruptIndexException e = assertThrows(CorruptIndexException.class, index::sanityCheck);
            assertTrue(e.getMessage().startsWith(file.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("13"), e.getMessage());
            assertEquals(file, e.file());
        }
    }

    @Test
    void offsetIndexWhoseLastOffsetIsBelowTheBaseOffsetIsCorrupt() throws IOException {
        Path file = OffsetIndex.fileFor(dir, 100);
        Files.write(file, ByteBuffer.allocate(8).putInt(-1).putInt(0).array());
        try (OffsetIndex index = new OffsetIndex(file, 100, MAX_SIZE_BYTES)) {
            CorruptIndexException e = assertThrows(CorruptIndexException.class, index::sanityCheck);
            assertTrue(e.getMessage().contains("last offset 99"), e.getMessage());
        }
    }

    @Test
    void offsetIndexReopenedWithItsPreallocatedTailAfterAnUncleanStopIsCorrupt() throws IOException {
        Path file = OffsetIndex.fileFor(dir, 0);
        OffsetIndex crashed = new OffsetIndex(file, 0, MAX_SIZE_BYTES);
        crashed.append(10, 100);
        crashed.append(20, 200);
        crashed.closeHandler();
        try (OffsetIndex index = new OffsetIndex(file, 0, MAX_SIZE_BYTES)) {
            assertEquals(MAX_SIZE_BYTES / 8, index.entries(), "Kafka's rule: entries = file length / entry size");
            assertThrows(CorruptIndexException.class, index::sanityCheck);
        }
    }

    @Test
    void offsetIndexThatWasNeverWrittenBeforeAnUncleanStopIsCorrupt() throws IOException {
        Path file = OffsetIndex.fileFor(dir, 0);
        new OffsetIndex(file, 0, MAX_SIZE_BYTES).closeHandler();
        try (OffsetIndex index = new OffsetIndex(file, 0, MAX_SIZE_BYTES)) {
            assertThrows(CorruptIndexException.class, index::sanityCheck);
        }
    }

    @Test
    void emptyAndSingleEntryOffsetIndexesPass() throws IOException {
        try (OffsetIndex index = new OffsetIndex(OffsetIndex.fileFor(dir, 0), 0, MAX_SIZE_BYTES)) {
            assertDoesNotThrow(index::sanityCheck);
            index.append(0, 0);
            assertDoesNotThrow(index::sanityCheck);
        }
    }

    @Test
    void timeIndexWithALengthThatIsNotAMultipleOfTwelveIsCorrupt() throws IOException {
        Path file = TimeIndex.fileFor(dir, 0);
        Files.write(file, new byte[30]);
        try (TimeIndex index = new TimeIndex(file, 0, MAX_SIZE_BYTES)) {
            CorruptIndexException e = assertThrows(CorruptIndexException.class, index::sanityCheck);
            assertTrue(e.getMessage().startsWith(file.toAbsolutePath().toString()), e.getMessage());
        }
    }

    @Test
    void timeIndexWhoseLastTimestampIsBelowTheFirstIsCorrupt() throws IOException {
        Path file = TimeIndex.fileFor(dir, 0);
        Files.write(file, ByteBuffer.allocate(24).putLong(5000).putInt(1).putLong(4000).putInt(2).array());
        try (TimeIndex index = new TimeIndex(file, 0, MAX_SIZE_BYTES)) {
            CorruptIndexException e = assertThrows(CorruptIndexException.class, index::sanityCheck);
            assertTrue(e.getMessage().contains("4000"), e.getMessage());
        }
    }

    @Test
    void timeIndexReopenedWithItsPreallocatedTailAfterAnUncleanStopIsCorrupt() throws IOException {
        Path file = TimeIndex.fileFor(dir, 0);
        TimeIndex crashed = new TimeIndex(file, 0, MAX_SIZE_BYTES);
        crashed.maybeAppend(1_000, 3);
        crashed.closeHandler();
        try (TimeIndex index = new TimeIndex(file, 0, MAX_SIZE_BYTES)) {
            assertThrows(CorruptIndexException.class, index::sanityCheck);
        }
    }

    @Test
    void cleanlyClosedIndexesPass() throws IOException {
        try (OffsetIndex offsets = new OffsetIndex(OffsetIndex.fileFor(dir, 5), 5, MAX_SIZE_BYTES);
                TimeIndex times = new TimeIndex(TimeIndex.fileFor(dir, 5), 5, MAX_SIZE_BYTES)) {
            offsets.append(5, 0);
            offsets.append(9, 300);
            times.maybeAppend(100, 5);
            times.maybeAppend(200, 9);
        }
        try (OffsetIndex offsets = new OffsetIndex(OffsetIndex.fileFor(dir, 5), 5, MAX_SIZE_BYTES);
                TimeIndex times = new TimeIndex(TimeIndex.fileFor(dir, 5), 5, MAX_SIZE_BYTES)) {
            assertDoesNotThrow(offsets::sanityCheck);
            assertDoesNotThrow(times::sanityCheck);
        }
    }
}
