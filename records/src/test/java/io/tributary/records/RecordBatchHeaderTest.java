package io.tributary.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.junit.jupiter.api.Test;

/** The header view: layout constants, wrapping, and the attribute bits. */
class RecordBatchHeaderTest {

    @Test
    void layoutConstantsMatchKafkasDefaultRecordBatch() {
        assertEquals(DefaultRecordBatch.CRC_OFFSET, RecordBatchDescriptor.CRC_OFFSET);
        assertEquals(DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET, RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET);
        assertEquals(DefaultRecordBatch.RECORDS_COUNT_OFFSET, RecordBatchDescriptor.RECORD_COUNT_OFFSET);
        assertEquals(DefaultRecordBatch.RECORD_BATCH_OVERHEAD, RecordBatchDescriptor.HEADER_SIZE_BYTES);
        assertEquals(org.apache.kafka.common.record.internal.Records.LOG_OVERHEAD, RecordBatchDescriptor.LOG_OVERHEAD_BYTES);
        assertEquals(org.apache.kafka.common.record.internal.Records.MAGIC_OFFSET, RecordBatchDescriptor.MAGIC_OFFSET);
        assertEquals(org.apache.kafka.common.record.internal.Records.SIZE_OFFSET, RecordBatchDescriptor.BATCH_LENGTH_OFFSET);
    }

    @Test
    void wrapNeedsTheWholeHeader() {
        ByteBuffer sixtyBytes = ByteBuffer.allocate(60);

        assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(sixtyBytes));
    }

    @Test
    void wrapViewsTheBufferWithoutCopyingOrMovingIt() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords());
        int position = bytes.position();

        RecordBatch batch = RecordBatch.wrap(bytes);
        bytes.putLong(position, 77L);

        assertEquals(77L, batch.baseOffset());
        assertEquals(position, bytes.position());
    }

    @Test
    void wrapEndsTheViewWhereTheBatchDeclaresItEnds() {
        ByteBuffer one = KafkaOracle.write(TestBatchSpec.typicalRecords());
        ByteBuffer two = ByteBuffer.wrap(TestBytes.concat(TestBytes.toArray(one), TestBytes.toArray(one)));

        RecordBatch batch = RecordBatch.wrap(two);

        assertEquals(one.remaining(), batch.buffer().remaining());
        assertTrue(batch.isValid());
    }

    @Test
    void attributeBitsAreDecodedIndependently() {
        ByteBuffer bytes = new RecordBatchBuilder().compression(CompressionType.ZSTD).logAppendTime(1)
                .producer(1, (short) 0, 0).transactional(true).deleteHorizonMs(5)
                .appendEndTxnMarker(1, new EndTransactionMarker(ControlRecordType.ABORT, 0)).build().buffer();
        RecordBatch batch = RecordBatch.wrap(bytes);

        assertEquals(0x04 | 0x08 | 0x10 | 0x20 | 0x40, batch.attributes());
        assertEquals(CompressionType.ZSTD, batch.compressionType());
        assertTrue(batch.isCompressed());
        assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
        assertTrue(batch.isTransactional());
        assertTrue(batch.isControlBatch());
        assertTrue(batch.hasDeleteHorizon());
    }

    @Test
    void unknownCompressionCodecIsCorrupt() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords());
        bytes.putShort(RecordBatchDescriptor.ATTRIBUTES_OFFSET, (short) 6);
        TestBytes.fixCrc(bytes);
        RecordBatch batch = RecordBatch.wrap(bytes);

        assertTrue(batch.isValid());
        assertThrows(CorruptRecordException.class, batch::compressionType);
        assertThrows(CorruptRecordException.class, batch::records);
    }

    @Test
    void batchWithoutProducerReportsNoSequences() {
        RecordBatch batch = RecordBatch.wrap(KafkaOracle.write(TestBatchSpec.typicalRecords()));

        assertFalse(batch.hasProducerId());
        assertEquals(-1, batch.lastSequence());
        assertEquals(-1, batch.records().toList().get(0).sequence());
    }

    @Test
    void toStringNamesTheHeaderFieldsEvenForAnUnknownCodec() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords().baseOffset(1000));
        bytes.putShort(RecordBatchDescriptor.ATTRIBUTES_OFFSET, (short) 7);

        String text = RecordBatch.wrap(bytes).toString();

        assertTrue(text.contains("baseOffset=1000"), text);
        assertTrue(text.contains("attributes=0x7"), text);
    }
}
