package io.tributary.storage;

import io.tributary.records.CorruptRecordException;
import io.tributary.records.InvalidRecordException;
import io.tributary.records.MemoryRecords;
import io.tributary.records.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks batches offered for append before a byte is written (DESIGN D13): whole batches only,
 * magic 2 (the records module's framing), sizes against {@code max.message.bytes}, at most one batch
 * when producer ids are used, the record-level rules of {@link io.tributary.records.BatchValidator}
 * (CRC-32C, record count, a bounded decode of every record), and the topic's rules for each record
 * ({@link RecordRules}: keys on compacted topics, timestamp bounds), checked during that same decode.
 * Failures name the partition and the batch's position.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchValidator {

    private static final io.tributary.records.BatchValidator RECORDS =
            io.tributary.records.BatchValidator.deep(RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES);

    private BatchValidator() {
    }

    /**
     * The batches of a validated append and their totals.
     *
     * @param buffer      the bytes to append: the batches, back to back
     * @param batches     views of each batch in {@code buffer}
     * @param recordCount records in all batches
     * @param sizeInBytes bytes in all batches
     */
    record ValidatedBatches(ByteBuffer buffer, List<RecordBatch> batches, int recordCount, int sizeInBytes) {
    }

    /**
     * @param nowMs the broker's time, for the timestamp bounds
     * @throws RecordTooLargeException for a batch over {@code max.message.bytes}
     * @throws CorruptBatchException   for a batch whose CRC or framing is wrong
     * @throws InvalidBatchException   for a batch that breaks a rule of the format
     * @throws RecordValidationException for records that break a rule of the topic
     */
    static ValidatedBatches validate(MemoryRecords records, LogConfig config, TopicPartition partition, long nowMs) {
        List<RecordBatch> batches = new ArrayList<>(1);
        int recordCount = 0;
        int position = 0;
        try {
            // Framing (whole batches, magic, lengths, nothing trailing) is the records module's.
            for (RecordBatch batch : records.completeBatches()) {
                if (batch.sizeInBytes() > config.maxMessageBytes()) {
                    throw new RecordTooLargeException(partition + ": batch of " + batch.sizeInBytes()
                            + " bytes exceeds max.message.bytes " + config.maxMessageBytes());
                }
                RecordRules rules = RecordRules.forBatch(batch, config, partition, nowMs);
                RECORDS.validate(batch, rules);
                if (rules != null) {
                    rules.throwIfAnyFailed();
                    rules.correctMaxTimestamp(batch);
                }
                batches.add(batch);
                recordCount += batch.recordCount();
                position += batch.sizeInBytes();
            }
        } catch (CorruptRecordException e) {
            throw new CorruptBatchException(partition + ": corrupt batch at position " + position + ": " + e.getMessage(), e);
        } catch (InvalidRecordException e) {
            throw new InvalidBatchException(partition + ": batch at position " + position + ": " + e.getMessage(), e);
        }
        if (batches.isEmpty()) {
            throw new InvalidBatchException(partition + ": no record batch to append");
        }
        if (batches.size() > 1 && batches.stream().anyMatch(RecordBatch::hasProducerId)) {
            throw new InvalidBatchException(partition + ": an idempotent or transactional produce must carry exactly one batch, got "
                    + batches.size());
        }
        return new ValidatedBatches(records.buffer(), batches, recordCount, records.sizeInBytes());
    }
}
