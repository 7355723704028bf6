package io.tributary.records;

import java.util.Iterator;

/**
 * The checks a batch from a producing client must pass before the storage engine appends it
 * (DESIGN D13: bad input never reaches the log); Kafka's {@code LogValidator} rules for
 * {@code AppendOrigin.CLIENT}. Batches a follower replicates or a coordinator writes need only
 * {@link RecordBatch#ensureValid()}. Stateless and thread-safe.
 *
 * <p>Every batch is checked for:
 * <ul>
 *   <li>framing: whole batches only, nothing after the last; batch length at least 49
 *       ({@link CorruptRecordException});</li>
 *   <li>magic 2 ({@link InvalidRecordException});</li>
 *   <li>CRC-32C over attributes to end, and a known compression codec ({@link CorruptRecordException});</li>
 *   <li>header rules ({@link InvalidRecordException}): recordCount = lastOffsetDelta + 1 with at
 *       least one record; not a control batch (only coordinators write those); a producer id
 *       comes with a non-negative base sequence;</li>
 *   <li>the records of uncompressed batches, always, and of compressed batches when this is a
 *       {@link #deep deep} validator: every record decodes, the record count matches the records
 *       present ({@link CorruptRecordException}), and offset deltas run 0, 1, 2, ...
 *       ({@link InvalidRecordException}; the broker assigns offsets by rewriting only the base
 *       offset, so other deltas would give consumers wrong offsets; Kafka instead recompresses
 *       such batches, which D3 rules out).</li>
 * </ul>
 *
 * <p>Not checked here, because they need broker or topic settings: timestamps against
 * {@code message.timestamp.*.ms} and a LogAppendTime type on a CreateTime topic, keys on
 * compacted topics, batch sizes against {@code max.message.bytes}, producer sequences against
 * producer state. For the record-level ones the caller passes a {@link RecordCheck}, which sees
 * every record as it is decoded here, so a compressed batch is decompressed once.
 */
public final class BatchValidator {

    /**
     * A rule the caller applies to each record of a batch the validator decodes (topic settings the
     * records module does not know). It may remember what it finds; it should not throw for a record
     * that breaks a rule if the caller wants every failing record reported.
     */
    @FunctionalInterface
    public interface RecordCheck {

        /**
         * @param batch      the batch being validated
         * @param record     its record at {@code batchIndex}
         * @param batchIndex the record's index in the batch, from 0
         */
        void check(RecordBatch batch, Record record, int batchIndex);
    }

    private final boolean decodeCompressedRecords;
    private final int maxUncompressedBytes;

    private BatchValidator(boolean decodeCompressedRecords, int maxUncompressedBytes) {
        this.decodeCompressedRecords = decodeCompressedRecords;
        this.maxUncompressedBytes = maxUncompressedBytes;
    }

    /** A validator that checks compressed batches by header and CRC only. */
    public static BatchValidator shallow() {
        return new BatchValidator(false, 0);
    }

    /**
     * A validator that also decompresses and decodes every record of compressed batches,
     * failing any batch whose records exceed {@code maxUncompressedBytes} decompressed.
     */
    public static BatchValidator deep(int maxUncompressedBytes) {
        if (maxUncompressedBytes < 0) {
            throw new IllegalArgumentException("maxUncompressedBytes must not be negative: " + maxUncompressedBytes);
        }
        return new BatchValidator(true, maxUncompressedBytes);
    }

    /**
     * Validates every batch of {@code records}, which must be whole batches with nothing after
     * the last.
     *
     * @return the number of batches
     * @throws RecordsException naming the first bad batch and its problem
     */
    public int validate(MemoryRecords records) {
        int batches = 0;
        for (RecordBatch batch : records.completeBatches()) {
            validate(batch);
            batches++;
        }
        return batches;
    }

    /**
     * Validates a produce request's records for one partition, which since produce v3 must be
     * exactly one batch.
     *
     * @return that batch
     * @throws InvalidRecordException if there are no batches or more than one
     * @throws RecordsException if the batch is bad
     */
    public RecordBatch validateSingleBatch(MemoryRecords records) {
        Iterator<RecordBatch> batches = records.completeBatches().iterator();
        if (!batches.hasNext()) {
            throw new InvalidRecordException("expected exactly one record batch, found none");
        }
        RecordBatch batch = batches.next();
        if (batches.hasNext()) {
            throw new InvalidRecordException("expected exactly one record batch, found more ("
                    + records.sizeInBytes() + " bytes, the first batch " + batch.sizeInBytes() + ")");
        }
        validate(batch);
        return batch;
    }

    /** Validates one batch; see the class description for the checks. */
    public void validate(RecordBatch batch) {
        validate(batch, null);
    }

    /**
     * Validates one batch and, if {@code check} is not null, passes it every record (decoding the
     * records of a compressed batch even for a shallow validator, which then bounds them by
     * {@link RecordBatch#DEFAULT_MAX_UNCOMPRESSED_BYTES}); see the class description.
     */
    public void validate(RecordBatch batch, RecordCheck check) {
        batch.ensureValid();
        CompressionType compression;
        try {
            compression = batch.compressionType();
        } catch (CorruptRecordException e) {
            throw new CorruptRecordException(batch.describe() + ": " + e.getMessage());
        }
        validateHeader(batch);
        if (compression == CompressionType.NONE || decodeCompressedRecords || check != null) {
            validateRecords(batch, check);
        }
    }

    private static void validateHeader(RecordBatch batch) {
        int lastOffsetDelta = batch.lastOffsetDelta();
        if (lastOffsetDelta < 0) {
            throw invalid(batch, "lastOffsetDelta " + lastOffsetDelta + " is negative");
        }
        if (batch.recordCount() != lastOffsetDelta + 1L) {
            throw invalid(batch, "record count " + batch.recordCount() + " disagrees with lastOffsetDelta "
                    + lastOffsetDelta + ", which implies " + (lastOffsetDelta + 1L) + " records");
        }
        if (batch.hasProducerId() && batch.baseSequence() < 0) {
            throw invalid(batch, "producer id " + batch.producerId() + " with invalid base sequence " + batch.baseSequence());
        }
        if (batch.isControlBatch()) {
            throw invalid(batch, "clients may not write control batches");
        }
    }

    /**
     * Decodes every record. The CRC has already passed, so the batch arrived as the client wrote
     * it: records that do not decode, or that disagree with the declared count, are an invalid
     * batch (Kafka's INVALID_RECORD, which producers do not retry), not a corrupt one.
     */
    private void validateRecords(RecordBatch batch, RecordCheck check) {
        int expectedOffsetDelta = 0;
        int bound = decodeCompressedRecords ? maxUncompressedBytes : RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES;
        try (RecordIterator records = batch.records(bound)) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.offsetDelta() != expectedOffsetDelta) {
                    throw invalid(batch, "record " + expectedOffsetDelta + " has offset delta " + record.offsetDelta()
                            + "; records must have offset deltas 0, 1, 2, ...");
                }
                if (check != null) {
                    check.check(batch, record, expectedOffsetDelta);
                }
                expectedOffsetDelta++;
            }
        } catch (CorruptRecordException e) {
            throw new InvalidRecordException(e.getMessage(), e);
        }
    }

    private static InvalidRecordException invalid(RecordBatch batch, String problem) {
        return new InvalidRecordException(batch.describe() + ": " + problem);
    }
}
