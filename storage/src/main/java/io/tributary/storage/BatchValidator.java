package io.tributary.storage;

import io.tributary.records.CorruptRecordException;
import io.tributary.records.InvalidRecordException;
import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchDescriptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks batches offered for append before a byte is written (DESIGN D13): whole batches only,
 * magic 2, sizes against {@code max.message.bytes}, at most one batch when producer ids are used,
 * and the record-level rules of {@link io.tributary.records.BatchValidator} (CRC-32C, record count,
 * a bounded decode of every record). Failures name the partition and the batch's position.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchValidator {

    private static final io.tributary.records.BatchValidator RECORDS =
            io.tributary.records.BatchValidator.deep(RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES);

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

    /**
     * The record-level checks of the records module; maps its two failures to ours. Records of
     * every batch are decoded (compressed ones bounded by {@link RecordBatch#DEFAULT_MAX_UNCOMPRESSED_BYTES}),
     * so a batch with a valid CRC but malformed records never reaches the log (DESIGN D13).
     */
    private static void checkBatch(RecordBatch batch, TopicPartition partition, int position) {
        try {
            RECORDS.validate(batch);
        } catch (CorruptRecordException e) {
            throw corrupt(partition, position, e.getMessage(), e);
        } catch (InvalidRecordException e) {
            throw new InvalidBatchException(partition + ": batch at position " + position + ": " + e.getMessage(), e);
        }
    }

    private static CorruptBatchException corrupt(TopicPartition partition, int position, String why, Throwable cause) {
        return new CorruptBatchException(partition + ": corrupt batch at position " + position + ": " + why, cause);
    }
}
