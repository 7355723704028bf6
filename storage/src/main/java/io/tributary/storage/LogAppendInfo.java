package io.tributary.storage;

/**
 * The result of one append.
 *
 * @param firstOffset        offset of the first record appended (or of the duplicate's first record)
 * @param lastOffset         offset of the last record appended
 * @param maxTimestamp       the largest timestamp in the appended batches
 * @param logAppendTimeMs    the broker time stamped on LogAppendTime topics, else -1
 * @param logStartOffset     the log start offset after the append
 * @param recordCount        records appended
 * @param validBytes         bytes appended
 * @param duplicate          whether the batch was a retry of one already in the log (nothing written)
 */
public record LogAppendInfo(
        long firstOffset,
        long lastOffset,
        long maxTimestamp,
        long logAppendTimeMs,
        long logStartOffset,
        int recordCount,
        int validBytes,
        boolean duplicate) {
}
