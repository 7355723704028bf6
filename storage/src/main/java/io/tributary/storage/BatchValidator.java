package io.tributary.storage;

import io.tributary.records.CompressionType;
import io.tributary.records.Record;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchDescriptor;
import io.tributary.records.RecordIterator;
import io.tributary.records.RecordsException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks batches offered for append before a byte is written (DESIGN D3, D13): whole batches only,
 * magic 2, sizes, CRC-32C, {@code max.message.bytes}, a record count that matches the offsets, and
 * for compressed batches a bounded decode of every record. Uncompressed batches are not iterated:
 * their CRC covers the records and the count must equal {@code lastOffsetDelta + 1}.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchValidator {

    private BatchValidator() {
    }

    /** The batches of a validated append and their totals. */
    record ValidatedBatches(List<RecordBatch> batches, int recordCount, int sizeInBytes) {
    }

    static ValidatedBatches validate(ByteBuffer records, LogConfig config, TopicPartition partition) {
        List<RecordBatch> batches = new ArrayList<>(1);
        ByteBuffer view = records.duplicate();
        int recordCount = 0;
        while (view.hasRemaining()) {
            int position = view.position() - records.position();
            if (view.remaining() < RecordBatchDescriptor.LOG_OVERHEAD_BYTES + 5) {
                throw corrupt(partition, position, view.remaining() + " trailing bytes are not a batch", null);
            }
            int batchLength = view.getInt(view.position() + RecordBatchDescriptor.BATCH_LENGTH_OFFSET);
            long size = (long) batchLength + RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
            byte magic = view.get(view.position() + RecordBatchDescriptor.MAGIC_OFFSET);
            if (magic != RecordBatchDescriptor.MAGIC_V2) {
                throw new InvalidBatchException(partition + ": batch at position " + position + " has magic " + magic
                        + "; only magic 2 is accepted");
            }
            if (size < RecordBatchDescriptor.HEADER_SIZE_BYTES || size > view.remaining()) {
                throw corrupt(partition, position, "batch length " + batchLength + " does not fit the "
                        + view.remaining() + " bytes remaining", null);
            }
            if (size > config.maxMessageBytes()) {
                throw new RecordTooLargeException(partition + ": batch of " + size + " bytes exceeds max.message.bytes "
                        + config.maxMessageBytes());
            }
            ByteBuffer slice = view.slice(view.position(), (int) size);
            RecordBatch batch = RecordBatch.wrap(slice);
            checkBatch(batch, partition, position);
            batches.add(batch);
            recordCount += batch.recordCount();
            view.position(view.position() + (int) size);
        }
        if (batches.isEmpty()) {
            throw new InvalidBatchException(partition + ": no record batch to append");
        }
        if (batches.size() > 1 && batches.stream().anyMatch(RecordBatch::hasProducerId)) {
            throw new InvalidBatchException(partition + ": an idempotent or transactional produce must carry exactly one batch, got "
                    + batches.size());
        }
        return new ValidatedBatches(batches, recordCount, records.remaining());
    }

    private static void checkBatch(RecordBatch batch, TopicPartition partition, int position) {
        try {
            batch.ensureValid();
        } catch (RecordsException e) {
            throw corrupt(partition, position, e.getMessage(), e);
        }
        if (batch.recordCount() <= 0 || batch.lastOffsetDelta() < 0) {
            throw new InvalidBatchException(partition + ": batch at position " + position + " has " + batch.recordCount()
                    + " records and last offset delta " + batch.lastOffsetDelta());
        }
        if (batch.compressionType() == CompressionType.NONE) {
            if (batch.recordCount() != batch.lastOffsetDelta() + 1) {
                throw new InvalidBatchException(partition + ": batch at position " + position + " declares "
                        + batch.recordCount() + " records but its last offset delta is " + batch.lastOffsetDelta());
            }
            return;
        }
        checkCompressedRecords(batch, partition, position);
    }

    /** Decodes every record (bounded by the records module) and checks offsets are 0..count-1. */
    private static void checkCompressedRecords(RecordBatch batch, TopicPartition partition, int position) {
        int expectedDelta = 0;
        try (RecordIterator records = batch.records()) {
            while (records.hasNext()) {
                Record record = records.next();
                long delta = record.offset() - batch.baseOffset();
                if (delta != expectedDelta) {
                    throw new InvalidBatchException(partition + ": compressed batch at position " + position
                            + " has record offset delta " + delta + " where " + expectedDelta + " was expected");
                }
                expectedDelta++;
            }
        } catch (RecordsException e) {
            throw corrupt(partition, position, e.getMessage(), e);
        }
        if (expectedDelta != batch.recordCount() || expectedDelta != batch.lastOffsetDelta() + 1) {
            throw new InvalidBatchException(partition + ": compressed batch at position " + position + " holds "
                    + expectedDelta + " records but declares " + batch.recordCount());
        }
    }

    private static CorruptBatchException corrupt(TopicPartition partition, int position, String why, Throwable cause) {
        return new CorruptBatchException(partition + ": corrupt batch at position " + position + ": " + why, cause);
    }
}
