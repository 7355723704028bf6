package io.tributary.storage.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our index files are byte-for-byte Kafka's. The golden vectors below are the files Kafka 4.3.1's
 * own {@code OffsetIndex} and {@code TimeIndex} (kafka-storage) wrote for the same appends, checked
 * once out of tree since kafka-storage is not a test dependency; Kafka's classes and
 * {@code kafka-dump-log --index-sanity-check} also read the files these tests write.
 */
class IndexFileFormatTest {

    private static final int MAX_SIZE_BYTES = 1024;
    private static final long T0 = 1_700_000_000_000L;

    /** base 100: (100 -> 0), (105 -> 4096), (100 + 2^31-1 -> 2^31-1); each int32 relative offset, int32 position. */
    private static final String KAFKA_OFFSET_INDEX = "00000000" + "00000000"
            + "00000005" + "00001000"
            + "7fffffff" + "7fffffff";

    /** base 100: (T0 -> 100), (T0+500 -> 105); each int64 timestamp, int32 relative offset. */
    private static final String KAFKA_TIME_INDEX = "0000018bcfe56800" + "00000000"
            + "0000018bcfe569f4" + "00000005";

    @TempDir
    Path dir;

    @Test
    void offsetIndexFileIsKafkasByteLayout() throws IOException {
        Path file = OffsetIndex.fileFor(dir, 100);
        try (OffsetIndex index = new OffsetIndex(file, 100, MAX_SIZE_BYTES)) {
            index.append(100, 0);
            index.append(105, 4096);
            index.append(100L + Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
        assertArrayEquals(HexFormat.of().parseHex(KAFKA_OFFSET_INDEX), Files.readAllBytes(file));
    }

    @Test
    void timeIndexFileIsKafkasByteLayout() throws IOException {
        Path file = TimeIndex.fileFor(dir, 100);
        try (TimeIndex index = new TimeIndex(file, 100, MAX_SIZE_BYTES)) {
            index.maybeAppend(T0, 100);
            index.maybeAppend(T0 + 500, 105);
            index.maybeAppend(T0 + 500, 106);
        }
        assertArrayEquals(HexFormat.of().parseHex(KAFKA_TIME_INDEX), Files.readAllBytes(file));
    }

    @Test
    void anOffsetIndexKafkaWroteIsReadBack() throws IOException {
        Path file = OffsetIndex.fileFor(dir, 100);
        Files.write(file, HexFormat.of().parseHex(KAFKA_OFFSET_INDEX));
        try (OffsetIndex index = new OffsetIndex(file, 100, MAX_SIZE_BYTES, false)) {
            index.sanityCheck();
            assertEquals(3, index.entries());
            assertEquals(new OffsetPosition(105, 4096), index.lookup(1000));
            assertEquals(new OffsetPosition(100L + Integer.MAX_VALUE, Integer.MAX_VALUE), index.entry(2));
        }
    }

    @Test
    void aTimeIndexKafkaWroteIsReadBack() throws IOException {
        Path file = TimeIndex.fileFor(dir, 100);
        Files.write(file, HexFormat.of().parseHex(KAFKA_TIME_INDEX));
        try (TimeIndex index = new TimeIndex(file, 100, MAX_SIZE_BYTES, false)) {
            index.sanityCheck();
            assertEquals(new TimestampOffset(T0, 100), index.lookup(T0 + 499));
            assertEquals(new TimestampOffset(T0 + 500, 105), index.lastEntry());
        }
    }

    @Test
    void segmentFileNamesAreTheBaseOffsetInTwentyDigits() {
        assertEquals("09223372036854775807.index", OffsetIndex.fileFor(dir, Long.MAX_VALUE).getFileName().toString());
        assertEquals("00000000000000000000.timeindex", TimeIndex.fileFor(dir, 0).getFileName().toString());
    }
}
