package io.tributary.records;

import static io.tributary.records.TestBatchSpec.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

/** Batches written by Apache Kafka's {@code MemoryRecordsBuilder} are read by Tributary exactly as Kafka reads them. */
class KafkaWrittenBatchesTest {

    private static void assertReadLikeKafka(ByteBuffer kafkaBytes) {
        List<ObservedBatch> kafka = KafkaOracle.read(kafkaBytes);
        List<ObservedBatch> ours = TributaryCodec.read(kafkaBytes);
        assertEquals(kafka, ours);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void batchWrittenByKafkaIsReadRecordByRecord(CompressionType compression) {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords().compression(compression));

        assertReadLikeKafka(bytes);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        assertEquals(compression, batch.compressionType());
        assertEquals(6, batch.recordCount());
        assertEquals(bytes.remaining(), batch.sizeInBytes());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void largeBatchSpanningManyCompressionBlocksIsRead(CompressionType compression) {
        TestBatchSpec spec = batch().compression(compression);
        for (int i = 0; i < 300; i++) {
            spec.record(1_000L + i, TestBytes.utf8("key-" + i), TestBytes.pattern(4000 + i, i));
        }

        assertReadLikeKafka(KafkaOracle.write(spec));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void idempotentBatchHeaderFieldsAreRead(CompressionType compression) {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords()
                .compression(compression).baseOffset(1L << 40).producer(987_654_321L, (short) 17, 4242)
                .partitionLeaderEpoch(31));

        assertReadLikeKafka(bytes);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        assertEquals(1L << 40, batch.baseOffset());
        assertEquals((1L << 40) + 5, batch.lastOffset());
        assertEquals((1L << 40) + 6, batch.nextOffset());
        assertEquals(987_654_321L, batch.producerId());
        assertEquals(17, batch.producerEpoch());
        assertEquals(4242, batch.baseSequence());
        assertEquals(4247, batch.lastSequence());
        assertEquals(31, batch.partitionLeaderEpoch());
        assertTrue(batch.hasProducerId());
        assertFalse(batch.isTransactional());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void transactionalBatchWrittenByKafkaIsTransactional(CompressionType compression) {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords()
                .compression(compression).producer(5, (short) 1, 0).transactional());

        assertReadLikeKafka(bytes);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        assertTrue(batch.isTransactional());
        assertFalse(batch.isControlBatch());
    }

    @Test
    void sequenceNumbersWrapPastIntegerMaxValueAsKafkaWrapsThem() {
        ByteBuffer bytes = KafkaOracle.write(batch().producer(1, (short) 0, Integer.MAX_VALUE - 1)
                .record(1, "a", "1").record(2, "b", "2").record(3, "c", "3").record(4, "d", "4"));

        assertReadLikeKafka(bytes);
        List<Record> records = MemoryRecords.readableRecords(bytes).firstBatch().records().toList();
        assertEquals(List.of(Integer.MAX_VALUE - 1, Integer.MAX_VALUE, 0, 1),
                records.stream().map(Record::sequence).toList());
    }

    @Test
    void commitMarkerWrittenByKafkaIsAControlBatchHoldingTheMarker() {
        ByteBuffer bytes = KafkaOracle.write(batch().producer(77, (short) 3, -1).transactional()
                .marker(123_456L, ControlRecordType.COMMIT, 12));

        assertReadLikeKafka(bytes);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        assertTrue(batch.isControlBatch());
        assertTrue(batch.isTransactional());
        Record record = batch.records().toList().get(0);
        assertEquals(ControlRecordType.COMMIT, ControlRecordType.parse(record.key()));
        assertEquals(new EndTransactionMarker(ControlRecordType.COMMIT, 12), EndTransactionMarker.decode(record));
    }

    @Test
    void abortMarkerWrittenByKafkaIsReadAsAbort() {
        ByteBuffer bytes = KafkaOracle.write(batch().producer(77, (short) 3, -1).transactional()
                .marker(1L, ControlRecordType.ABORT, 0));

        assertReadLikeKafka(bytes);
        Record record = MemoryRecords.readableRecords(bytes).firstBatch().records().toList().get(0);
        assertEquals(new EndTransactionMarker(ControlRecordType.ABORT, 0), EndTransactionMarker.decode(record));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void logAppendTimeBatchReportsTheAppendTimeForEveryRecord(CompressionType compression) {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords().compression(compression)
                .logAppendTime(1_800_000_000_000L));

        assertReadLikeKafka(bytes);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
        assertEquals(1_800_000_000_000L, batch.maxTimestamp());
        for (Record record : batch.records().toList()) {
            assertEquals(1_800_000_000_000L, record.timestamp());
        }
    }

    @Test
    void deleteHorizonWrittenByKafkaIsReported() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords().deleteHorizonMs(1_650_000_000_000L));

        assertReadLikeKafka(bytes);
        RecordBatch batch = MemoryRecords.readableRecords(bytes).firstBatch();
        assertTrue(batch.hasDeleteHorizon());
        assertEquals(OptionalLong.of(1_650_000_000_000L), batch.deleteHorizonMs());
    }

    @Test
    void batchWithoutDeleteHorizonReportsNone() {
        RecordBatch batch = MemoryRecords.readableRecords(KafkaOracle.write(TestBatchSpec.typicalRecords())).firstBatch();

        assertFalse(batch.hasDeleteHorizon());
        assertEquals(OptionalLong.empty(), batch.deleteHorizonMs());
        assertEquals(1_700_000_000_000L, batch.baseTimestamp());
        assertEquals(1_700_000_000_030L, batch.maxTimestamp());
    }

    @Test
    void consecutiveBatchesOfMixedCodecsAreIteratedInOrder() {
        ByteBuffer a = KafkaOracle.write(TestBatchSpec.typicalRecords().baseOffset(0));
        ByteBuffer b = KafkaOracle.write(TestBatchSpec.typicalRecords().baseOffset(6).compression(CompressionType.ZSTD));
        ByteBuffer c = KafkaOracle.write(batch().baseOffset(12).compression(CompressionType.LZ4).record(5, "k", "v"));
        ByteBuffer all = ByteBuffer.wrap(TestBytes.concat(TestBytes.toArray(a), TestBytes.toArray(b), TestBytes.toArray(c)));

        assertReadLikeKafka(all);
        assertEquals(List.of(0L, 6L, 12L), TributaryCodec.read(all).stream().map(ObservedBatch::baseOffset).toList());
    }

    @Test
    void standardLz4FrameWithContentSizeAndChecksumsIsRead() throws Exception {
        ByteBuffer template = KafkaOracle.write(TestBatchSpec.typicalRecords());
        byte[] records = TestBytes.payload(template);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(frame, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                records.length, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE,
                LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM)) {
            lz4.write(records);
        }
        ByteBuffer bytes = TestBytes.withPayload(template, CompressionType.LZ4, frame.toByteArray());

        assertReadLikeKafka(bytes);
    }

    @Test
    void lz4FrameWithBlockChecksumsAsKafkaCanWriteItIsRead() throws Exception {
        ByteBuffer template = KafkaOracle.write(TestBatchSpec.typicalRecords());
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try (var lz4 = new org.apache.kafka.common.compress.Lz4BlockOutputStream(frame, 4, 9, true, false)) {
            lz4.write(TestBytes.payload(template));
        }
        ByteBuffer bytes = TestBytes.withPayload(template, CompressionType.LZ4, frame.toByteArray());

        assertReadLikeKafka(bytes);
    }

    @Test
    void rawSnappyBlockAsLibrdkafkaWritesItIsRead() throws Exception {
        ByteBuffer template = KafkaOracle.write(TestBatchSpec.typicalRecords());
        byte[] raw = Snappy.compress(TestBytes.payload(template));
        ByteBuffer bytes = TestBytes.withPayload(template, CompressionType.SNAPPY, raw);

        assertReadLikeKafka(bytes);
    }

    @Test
    void concatenatedSnappyStreamsAreRead() {
        ByteBuffer template = KafkaOracle.write(TestBatchSpec.typicalRecords());
        byte[] records = TestBytes.payload(template);
        int half = records.length / 2;
        byte[] first = TestBytes.compress(CompressionType.SNAPPY, java.util.Arrays.copyOfRange(records, 0, half));
        byte[] second = TestBytes.compress(CompressionType.SNAPPY, java.util.Arrays.copyOfRange(records, half, records.length));
        ByteBuffer bytes = TestBytes.withPayload(template, CompressionType.SNAPPY, TestBytes.concat(first, second));

        assertReadLikeKafka(bytes);
    }
}
