package io.tributary.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting {@link MemoryRecords} into batches: by length fields, never past the buffer, stopping where Kafka stops. */
class MemoryRecordsBatchesTest {

    private static ByteBuffer twoBatchesThen(byte[] tail) {
        byte[] a = TestBytes.toArray(KafkaOracle.write(TestBatchSpec.typicalRecords().baseOffset(0)));
        byte[] b = TestBytes.toArray(KafkaOracle.write(TestBatchSpec.typicalRecords().baseOffset(6)
                .compression(CompressionType.GZIP)));
        return ByteBuffer.wrap(TestBytes.concat(a, b, tail));
    }

    private static List<Long> baseOffsets(ByteBuffer bytes) {
        List<Long> offsets = new ArrayList<>();
        for (RecordBatch batch : MemoryRecords.readableRecords(bytes).batches()) {
            offsets.add(batch.baseOffset());
        }
        return offsets;
    }

    @Test
    void emptyRecordsHaveNoBatches() {
        assertEquals(List.of(), baseOffsets(ByteBuffer.allocate(0)));
        assertNull(MemoryRecords.EMPTY.firstBatch());
    }

    @Test
    void batchesAreReturnedInOrder() {
        assertEquals(List.of(0L, 6L), baseOffsets(twoBatchesThen(new byte[0])));
    }

    @Test
    void incompleteTrailingBatchEndsTheIterationQuietlyAsInKafka() {
        byte[] third = TestBytes.toArray(KafkaOracle.write(TestBatchSpec.typicalRecords().baseOffset(12)));
        for (int cut : new int[] {1, 11, 12, 17, 60, 61, third.length - 1}) {
            ByteBuffer bytes = twoBatchesThen(java.util.Arrays.copyOf(third, cut));

            assertEquals(List.of(0L, 6L), baseOffsets(bytes), "cut after " + cut + " bytes");
            assertEquals(2, KafkaOracle.countBatches(bytes), "Kafka, cut after " + cut + " bytes");
        }
    }

    @Test
    void batchLengthBelowTheMinimumEndsTheIterationWithCorruptRecordException() {
        ByteBuffer tail = ByteBuffer.allocate(61);
        tail.putLong(0, 12).putInt(8, 48).put(16, (byte) 2);
        Iterator<RecordBatch> batches = MemoryRecords.readableRecords(twoBatchesThen(tail.array())).batches().iterator();

        batches.next();
        batches.next();
        CorruptRecordException e = assertThrows(CorruptRecordException.class, batches::hasNext);
        assertEquals(true, e.getMessage().contains("batch length 48"), e.getMessage());
    }

    @Test
    void negativeBatchLengthIsCorruptRatherThanATruncatedTail() {
        ByteBuffer tail = ByteBuffer.allocate(12);
        tail.putLong(0, 12).putInt(8, -1);

        assertThrows(CorruptRecordException.class, () -> baseOffsets(twoBatchesThen(tail.array())));
    }

    @Test
    void unsupportedMagicEndsTheIterationWithInvalidRecordException() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords());
        bytes.put(RecordBatchDescriptor.MAGIC_OFFSET, (byte) 1);

        assertThrows(InvalidRecordException.class, () -> baseOffsets(bytes));
    }

    @Test
    void firstBatchIsNullWhenNoBatchIsComplete() {
        ByteBuffer bytes = KafkaOracle.write(TestBatchSpec.typicalRecords());

        assertNull(MemoryRecords.readableRecords(bytes.duplicate().limit(bytes.limit() - 1)).firstBatch());
    }

    @Test
    void batchViewsDoNotMoveTheRecordsBuffer() {
        MemoryRecords records = MemoryRecords.readableRecords(twoBatchesThen(new byte[0]));
        int size = records.sizeInBytes();

        baseOffsets(records.buffer());
        records.firstBatch().records().toList();

        assertEquals(size, records.sizeInBytes());
        assertEquals(0, records.buffer().position());
    }
}
