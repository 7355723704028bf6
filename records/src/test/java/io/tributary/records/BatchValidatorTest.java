package io.tributary.records;

import static io.tributary.records.TestBatchSpec.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the storage engine's produce-path validation accepts and refuses. */
class BatchValidatorTest {

    private static final BatchValidator SHALLOW = BatchValidator.shallow();
    private static final BatchValidator DEEP = BatchValidator.deep(RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES);

    private static MemoryRecords records(ByteBuffer bytes) {
        return MemoryRecords.readableRecords(bytes);
    }

    private static ByteBuffer typical(CompressionType compression) {
        return KafkaOracle.write(TestBatchSpec.typicalRecords().compression(compression).producer(1, (short) 0, 0));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void batchesWrittenByKafkaPassShallowAndDeepValidation(CompressionType compression) {
        ByteBuffer bytes = typical(compression);

        assertEquals(1, SHALLOW.validate(records(bytes)));
        assertEquals(1, DEEP.validate(records(bytes)));
        assertEquals(0L + 1000, DEEP.validateSingleBatch(records(bytes)).baseOffset());
    }

    @Test
    void controlBatchesFromClientsAreRefused() {
        ByteBuffer bytes = KafkaOracle.write(batch().producer(1, (short) 0, 0).transactional()
                .marker(1, ControlRecordType.COMMIT, 1));

        RecordBatch.wrap(bytes).ensureValid();
        assertThrows(InvalidRecordException.class, () -> DEEP.validateSingleBatch(records(bytes)));
    }

    @Test
    void incompleteTrailingBatchIsRefused() {
        ByteBuffer bytes = typical(CompressionType.NONE);

        assertThrows(CorruptRecordException.class,
                () -> SHALLOW.validate(records(bytes.duplicate().limit(bytes.limit() - 1))));
    }

    @Test
    void bytesAfterTheLastBatchAreRefused() {
        ByteBuffer bytes = ByteBuffer.wrap(TestBytes.concat(TestBytes.toArray(typical(CompressionType.NONE)), new byte[5]));

        assertThrows(CorruptRecordException.class, () -> SHALLOW.validate(records(bytes)));
    }

    @Test
    void crcMismatchIsRefusedAsCorrupt() {
        ByteBuffer bytes = typical(CompressionType.LZ4);
        bytes.put(bytes.limit() - 1, (byte) (bytes.get(bytes.limit() - 1) ^ 1));

        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> SHALLOW.validate(records(bytes)));
        assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("base offset 1000"), e.getMessage());
    }

    @Test
    void magicOneIsRefusedAsInvalid() {
        ByteBuffer bytes = typical(CompressionType.NONE);
        bytes.put(RecordBatchDescriptor.MAGIC_OFFSET, (byte) 1);

        assertThrows(InvalidRecordException.class, () -> SHALLOW.validate(records(bytes)));
        assertThrows(InvalidRecordException.class, () -> RecordBatch.wrap(bytes).ensureValid());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recordCountDisagreeingWithLastOffsetDeltaIsRefused(CompressionType compression) {
        ByteBuffer bytes = typical(compression);
        bytes.putInt(RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET, 4);
        TestBytes.fixCrc(bytes);

        assertThrows(InvalidRecordException.class, () -> SHALLOW.validate(records(bytes)));
    }

    @Test
    void batchWithoutRecordsIsRefused() {
        ByteBuffer bytes = typical(CompressionType.NONE);
        ByteBuffer empty = TestBytes.withPayload(bytes, CompressionType.NONE, new byte[0]);
        empty.putInt(RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET, -1);
        empty.putInt(RecordBatchDescriptor.RECORD_COUNT_OFFSET, 0);
        TestBytes.fixCrc(empty);

        assertTrue(RecordBatch.wrap(empty).isValid());
        assertEquals(0, RecordBatch.wrap(empty).records().toList().size());
        assertThrows(InvalidRecordException.class, () -> SHALLOW.validate(records(empty)));
    }

    @Test
    void producerIdWithoutBaseSequenceIsRefused() {
        ByteBuffer bytes = typical(CompressionType.NONE);
        bytes.putInt(RecordBatchDescriptor.BASE_SEQUENCE_OFFSET, -1);
        TestBytes.fixCrc(bytes);

        assertThrows(InvalidRecordException.class, () -> SHALLOW.validate(records(bytes)));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void offsetDeltasWithAGapAreRefused(CompressionType compression) {
        MemoryRecordsBuilder builder = org.apache.kafka.common.record.internal.MemoryRecords.builder(
                java.nio.ByteBuffer.allocate(1024), KafkaOracle.compression(compression),
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0L);
        builder.appendWithOffset(0, 1L, TestBytes.utf8("a"), TestBytes.utf8("1"));
        builder.appendWithOffset(2, 1L, TestBytes.utf8("b"), TestBytes.utf8("2"));
        ByteBuffer bytes = builder.build().buffer();
        bytes.putInt(RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET, 1);
        TestBytes.fixCrc(bytes);

        InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> DEEP.validate(records(bytes)));
        assertTrue(e.getMessage().contains("offset delta 2"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void garbageInsideACompressedBatchPassesShallowButFailsDeepValidation(CompressionType compression) {
        ByteBuffer bytes = TestBytes.withPayload(typical(compression), compression, TestBytes.pattern(300, 5));

        SHALLOW.validate(records(bytes));
        assertThrows(InvalidRecordException.class, () -> DEEP.validate(records(bytes)));
    }

    @Test
    void garbageInsideAnUncompressedBatchFailsEvenShallowValidation() {
        ByteBuffer bytes = TestBytes.withPayload(typical(CompressionType.NONE), CompressionType.NONE,
                TestBytes.pattern(300, 5));

        assertThrows(InvalidRecordException.class, () -> SHALLOW.validate(records(bytes)));
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void compressedBatchBeyondTheDeepValidatorsLimitIsRefused(CompressionType compression) {
        ByteBuffer bytes = typical(compression);

        assertThrows(InvalidRecordException.class, () -> BatchValidator.deep(10_000).validate(records(bytes)));
        BatchValidator.deep(30_000).validate(records(bytes));
    }

    @Test
    void singleBatchValidationRefusesNoBatchAndTwoBatches() {
        ByteBuffer one = typical(CompressionType.NONE);
        ByteBuffer two = ByteBuffer.wrap(TestBytes.concat(TestBytes.toArray(one), TestBytes.toArray(one)));

        assertThrows(InvalidRecordException.class, () -> SHALLOW.validateSingleBatch(MemoryRecords.EMPTY));
        assertThrows(InvalidRecordException.class, () -> SHALLOW.validateSingleBatch(records(two)));
        assertEquals(2, SHALLOW.validate(records(two)));
    }
}
