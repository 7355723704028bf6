package io.tributary.records;

import static io.tributary.records.CorruptBatchTest.batchOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compressed batches cannot make the broker decompress, or allocate, more than a bound: "zip bombs"
 * fail with {@link CorruptRecordException}. The timeouts only guard against hangs; no test asserts speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecompressionBoundTest {

    private static final int MEGABYTE = 1024 * 1024;

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void hundredMegabytesOfZerosInASmallBatchAreRefused(CompressionType compression) {
        byte[] payload = TestBytes.compressRepeated(compression, new byte[MEGABYTE], 100);
        ByteBuffer bomb = TestBytes.withPayload(batchOf(compression, 1, new byte[0]), compression, payload);
        bomb.putInt(RecordBatchDescriptor.RECORD_COUNT_OFFSET, 1);
        TestBytes.fixCrc(bomb);

        assertTrue(bomb.remaining() < 6 * MEGABYTE, "the bomb is small: " + bomb.remaining());
        assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(bomb).records().toList());
        // The CRC holds, so the validator answers INVALID_RECORD (as Kafka does once the CRC passed).
        assertThrows(InvalidRecordException.class,
                () -> BatchValidator.deep(RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES).validate(MemoryRecords.readableRecords(bomb)));
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void recordDeclaringMoreThanTheLimitIsRefusedBeforeItIsDecompressed(CompressionType compression) {
        byte[] header = TestBytes.concat(TestBytes.varint(100 * MEGABYTE), new byte[] {0, 0, 0, 1});
        byte[] payload = TestBytes.concat(TestBytes.compress(compression, header));
        ByteBuffer bomb = TestBytes.withPayload(batchOf(compression, 1, new byte[0]), compression, payload);
        bomb.putInt(RecordBatchDescriptor.RECORD_COUNT_OFFSET, 1);
        TestBytes.fixCrc(bomb);

        CorruptRecordException e = assertThrows(CorruptRecordException.class,
                () -> RecordBatch.wrap(bomb).records().toList());
        assertTrue(e.getMessage().contains("past the limit of " + RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void wellFormedRecordsBeyondAConfiguredLimitAreRefused(CompressionType compression) {
        RecordBatchBuilder builder = new RecordBatchBuilder().compression(compression);
        for (int i = 0; i < 20; i++) {
            builder.append(i, null, new byte[MEGABYTE]);
        }
        RecordBatch batch = builder.build().firstBatch();

        assertTrue(batch.sizeInBytes() < MEGABYTE, "20 MB of zeros compress well: " + batch.sizeInBytes());
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> batch.records(8 * MEGABYTE).toList());
        assertTrue(e.getMessage().contains("limit of " + 8 * MEGABYTE), e.getMessage());
        assertEquals(20, batch.records(21 * MEGABYTE).toList().size());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void zerosAfterTheLastDeclaredRecordAreRefused(CompressionType compression) {
        byte[] record = CorruptBatchTest.validRecord(0);
        byte[] payload = TestBytes.compress(compression, record, new byte[10 * MEGABYTE]);
        ByteBuffer bytes = TestBytes.withPayload(batchOf(compression, 1, record), compression, payload);

        CorruptRecordException e = assertThrows(CorruptRecordException.class,
                () -> RecordBatch.wrap(bytes).records().toList());
        assertTrue(e.getMessage().contains("continues after the last record"), e.getMessage());
    }
}
