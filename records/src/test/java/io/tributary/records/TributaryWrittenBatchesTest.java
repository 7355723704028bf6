package io.tributary.records;

import static io.tributary.records.TestBatchSpec.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Batches written by Tributary's {@link RecordBatchBuilder} are valid to Apache Kafka and read back as Kafka's own. */
class TributaryWrittenBatchesTest {

    /** Kafka reads our bytes exactly as it reads the bytes it writes itself from the same spec. */
    private static void assertKafkaReadsItAsItsOwn(TestBatchSpec spec) {
        List<ObservedBatch> ours = KafkaOracle.read(TributaryCodec.write(spec));
        List<ObservedBatch> kafka = KafkaOracle.expected(spec);
        assertEquals(kafka.size(), ours.size());
        for (int i = 0; i < kafka.size(); i++) {
            assertEquals(kafka.get(i).ignoringCompressedBytes(), ours.get(i).ignoringCompressedBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void batchWrittenByTributaryIsValidAndReadRecordByRecordByKafka(CompressionType compression) {
        assertKafkaReadsItAsItsOwn(TestBatchSpec.typicalRecords().compression(compression)
                .producer(42, (short) 7, 100).partitionLeaderEpoch(9));
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void largeBatchWrittenByTributaryIsReadByKafka(CompressionType compression) {
        TestBatchSpec spec = batch().compression(compression).baseOffset(77);
        for (int i = 0; i < 300; i++) {
            spec.record(1_000L + i, TestBytes.utf8("key-" + i), TestBytes.pattern(4000 + i, i));
        }
        assertKafkaReadsItAsItsOwn(spec);
    }

    /** The levels of Kafka's compression.gzip.level, compression.lz4.level and compression.zstd.level, at their ends and defaults. */
    @ParameterizedTest(name = "{0} level {1}")
    @CsvSource({"GZIP, -1", "GZIP, 1", "GZIP, 9", "LZ4, 1", "LZ4, 9", "LZ4, 17", "ZSTD, -5", "ZSTD, 1", "ZSTD, 3", "ZSTD, 19",
            "SNAPPY, 0", "NONE, 0"})
    void batchCompressedAtAKafkaLevelIsReadByKafka(CompressionType compression, int level) {
        RecordBatchBuilder leveled = new RecordBatchBuilder().compression(compression, level).producer(42, (short) 1, 5);
        RecordBatchBuilder plain = new RecordBatchBuilder().producer(42, (short) 1, 5);
        for (int i = 0; i < 100; i++) {
            byte[] value = TestBytes.pattern(2000 + i, i);
            leveled.append(1_000L + i, TestBytes.utf8("key-" + i), value, Header.ofUtf8("h", "v" + i));
            plain.append(1_000L + i, TestBytes.utf8("key-" + i), value, Header.ofUtf8("h", "v" + i));
        }
        List<ObservedBatch> kafkaReads = KafkaOracle.read(leveled.build().buffer());
        assertEquals(1, kafkaReads.size());
        assertEquals(compression.id(), kafkaReads.get(0).compressionId());
        assertEquals(KafkaOracle.read(plain.build().buffer()).get(0).records(), kafkaReads.get(0).records());
    }

    @Test
    void uncompressedBatchIsByteForByteWhatKafkaWrites() {
        TestBatchSpec spec = TestBatchSpec.typicalRecords().producer(42, (short) 7, 100).partitionLeaderEpoch(9);

        assertArrayEquals(TestBytes.toArray(KafkaOracle.write(spec)), TestBytes.toArray(TributaryCodec.write(spec)));
    }

    @Test
    void uncompressedTransactionalLogAppendTimeBatchIsByteForByteWhatKafkaWrites() {
        TestBatchSpec spec = TestBatchSpec.typicalRecords().producer(42, (short) 7, 100).transactional()
                .logAppendTime(1_900_000_000_000L);

        assertArrayEquals(TestBytes.toArray(KafkaOracle.write(spec)), TestBytes.toArray(TributaryCodec.write(spec)));
    }

    @Test
    void commitMarkerIsByteForByteWhatKafkaWrites() {
        TestBatchSpec spec = batch().baseOffset(500).producer(9, (short) 2, -1).transactional().partitionLeaderEpoch(4)
                .marker(1_700_000_000_000L, ControlRecordType.COMMIT, 33);

        assertArrayEquals(TestBytes.toArray(KafkaOracle.write(spec)), TestBytes.toArray(TributaryCodec.write(spec)));
    }

    @Test
    void abortMarkerWrittenByTributaryIsAnEndTransactionMarkerToKafka() {
        ByteBuffer bytes = TributaryCodec.write(batch().producer(9, (short) 2, -1).transactional()
                .marker(5L, ControlRecordType.ABORT, 8));

        var batch = KafkaOracle.records(bytes).batches().iterator().next();
        assertTrue(batch.isControlBatch());
        assertTrue(batch.isTransactional());
        var marker = org.apache.kafka.common.record.internal.EndTransactionMarker.deserialize(batch.iterator().next());
        assertEquals(org.apache.kafka.common.record.internal.ControlRecordType.ABORT, marker.controlType());
        assertEquals(8, marker.coordinatorEpoch());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void logAppendTimeBatchIsReadByKafkaWithTheAppendTime(CompressionType compression) {
        assertKafkaReadsItAsItsOwn(TestBatchSpec.typicalRecords().compression(compression).logAppendTime(1_234L));
    }

    @Test
    void deleteHorizonBatchIsReadByKafkaWithItsHorizon() {
        TestBatchSpec spec = TestBatchSpec.typicalRecords().deleteHorizonMs(1_650_000_000_000L);

        assertKafkaReadsItAsItsOwn(spec);
        assertArrayEquals(TestBytes.toArray(KafkaOracle.write(spec)), TestBytes.toArray(TributaryCodec.write(spec)));
    }

    @Test
    void builderWithoutRecordsBuildsNoBatch() {
        assertSame(MemoryRecords.EMPTY, new RecordBatchBuilder().build());
    }

    @Test
    void controlAndDataRecordsCannotShareABatch() {
        RecordBatchBuilder data = new RecordBatchBuilder().append(1, new byte[1], new byte[1]);
        assertThrows(IllegalStateException.class,
                () -> data.appendEndTxnMarker(1, new EndTransactionMarker(ControlRecordType.COMMIT, 0)));

        RecordBatchBuilder control = new RecordBatchBuilder()
                .appendEndTxnMarker(1, new EndTransactionMarker(ControlRecordType.COMMIT, 0));
        assertThrows(IllegalStateException.class, () -> control.append(1, new byte[1], new byte[1]));
    }

    @Test
    void transactionMarkerOutsideATransactionalBatchIsRefused() {
        RecordBatchBuilder builder = new RecordBatchBuilder().producer(1, (short) 0, -1)
                .appendEndTxnMarker(1, new EndTransactionMarker(ControlRecordType.COMMIT, 0));

        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void transactionalBatchWithoutProducerIdIsRefused() {
        RecordBatchBuilder builder = new RecordBatchBuilder().transactional(true).append(1, new byte[1], new byte[1]);

        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void appendCopiesKeysAndValues() {
        byte[] value = TestBytes.utf8("original");
        RecordBatchBuilder builder = new RecordBatchBuilder().append(1, null, value);
        value[0] = 'X';

        Record record = builder.build().firstBatch().records().toList().get(0);
        assertEquals("6f726967696e616c", TestBytes.hex(record.value()));
    }
}
