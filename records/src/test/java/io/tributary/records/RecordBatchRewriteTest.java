package io.tributary.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The in-place header rewrites the leader makes on append leave a batch that Kafka accepts with the new values. */
class RecordBatchRewriteTest {

    private static ByteBuffer kafkaBatch(CompressionType compression) {
        return KafkaOracle.write(TestBatchSpec.typicalRecords().compression(compression).producer(3, (short) 1, 0));
    }

    private static org.apache.kafka.common.record.internal.MutableRecordBatch kafkaView(ByteBuffer bytes) {
        var batch = KafkaOracle.records(bytes).batches().iterator().next();
        assertTrue(batch.isValid());
        batch.ensureValid();
        return batch;
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void setBaseOffsetKeepsTheCrcAndKafkaSeesTheNewOffsets(CompressionType compression) {
        ByteBuffer bytes = kafkaBatch(compression);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        long crcBefore = batch.checksum();

        batch.setBaseOffset(9_000_000_000L);

        assertEquals(crcBefore, batch.checksum());
        assertTrue(batch.isValid());
        var kafka = kafkaView(bytes);
        assertEquals(9_000_000_000L, kafka.baseOffset());
        assertEquals(9_000_000_005L, kafka.lastOffset());
        assertEquals(9_000_000_003L, kafka.iterator().next().offset() + 3);
        assertEquals(KafkaOracle.read(bytes), TributaryCodec.read(bytes));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void setPartitionLeaderEpochKeepsTheCrcAndKafkaSeesTheNewEpoch(CompressionType compression) {
        ByteBuffer bytes = kafkaBatch(compression);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        long crcBefore = batch.checksum();

        batch.setPartitionLeaderEpoch(12345);

        assertEquals(crcBefore, batch.checksum());
        assertEquals(12345, kafkaView(bytes).partitionLeaderEpoch());
        assertEquals(12345, batch.partitionLeaderEpoch());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void setMaxTimestampToLogAppendTimeRecomputesTheCrcAndKafkaReportsTheAppendTime(CompressionType compression) {
        ByteBuffer bytes = kafkaBatch(compression);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        long crcBefore = batch.checksum();

        batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, 1_999_999_999_999L);

        assertNotEquals(crcBefore, batch.checksum());
        assertTrue(batch.isValid());
        var kafka = kafkaView(bytes);
        assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, kafka.timestampType());
        assertEquals(1_999_999_999_999L, kafka.maxTimestamp());
        for (var record : kafka) {
            assertEquals(1_999_999_999_999L, record.timestamp());
        }
        assertEquals(compression, batch.compressionType());
        assertEquals(KafkaOracle.read(bytes), TributaryCodec.read(bytes));
    }

    @Test
    void setMaxTimestampBackToCreateTimeClearsTheTimestampTypeBit() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords().logAppendTime(5L));
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();

        batch.setMaxTimestamp(TimestampType.CREATE_TIME, 1_700_000_000_030L);

        assertEquals(org.apache.kafka.common.record.TimestampType.CREATE_TIME, kafkaView(bytes).timestampType());
        assertEquals(TimestampType.CREATE_TIME, batch.timestampType());
    }

    @Test
    void setMaxTimestampThatChangesNothingLeavesEveryByteUntouched() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords());
        byte[] before = TestBytes.toArray(bytes);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();

        batch.setMaxTimestamp(TimestampType.CREATE_TIME, batch.maxTimestamp());

        assertArrayEquals(before, TestBytes.toArray(bytes));
    }

    @Test
    void rewritesChangeTheBytesOfTheRecordsThatHoldTheBatchWithoutCopying() {
        ByteBuffer a = KafkaOracle.write(TestBatchSpec.typicalRecords());
        ByteBuffer b = KafkaOracle.write(TestBatchSpec.typicalRecords());
        MemoryRecords records = MemoryRecords.readableRecords(
                ByteBuffer.wrap(TestBytes.concat(TestBytes.toArray(a), TestBytes.toArray(b))));

        long offset = 0;
        for (RecordBatch batch : records.batches()) {
            batch.setBaseOffset(offset);
            offset = batch.nextOffset();
        }

        assertEquals(java.util.List.of(0L, 6L),
                KafkaOracle.read(records.buffer()).stream().map(ObservedBatch::baseOffset).toList());
    }

    @Test
    void readOnlyBuffersRefuseRewrites() {
        RecordBatch batch = RecordBatch.wrap(KafkaOracle.write(TestBatchSpec.typicalRecords()).asReadOnlyBuffer());

        assertThrows(ReadOnlyBufferException.class, () -> batch.setBaseOffset(1));
        assertThrows(ReadOnlyBufferException.class,
                () -> batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, 1));
    }

    @Test
    void setMaxTimestampOnATruncatedBatchIsRefused() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords());
        RecordBatch truncated = RecordBatch.wrap(bytes.duplicate().limit(bytes.limit() - 1));

        assertThrows(CorruptRecordException.class, () -> truncated.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, 1));
    }
}
