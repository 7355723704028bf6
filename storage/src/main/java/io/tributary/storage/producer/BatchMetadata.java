package io.tributary.storage.producer;

/**
 * What producer state remembers of one appended batch: enough to recognise a retry of it and to answer
 * the retry with the batch's original offsets and timestamp (Kafka's {@code BatchMetadata}). The first
 * sequence and first offset are derived from the last ones and {@code offsetDelta}, which is the batch
 * header's {@code lastOffsetDelta}: in a v2 batch the sequence and offset ranges have the same length.
 *
 * <p>Immutable; thread-safe.
 *
 * @param lastSeq      sequence of the batch's last record, or {@link SequenceNumbers#NO_SEQUENCE}
 * @param lastOffset   offset the log assigned to the batch's last record
 * @param offsetDelta  the batch's {@code lastOffsetDelta}: last offset minus first offset, at least 0
 * @param maxTimestamp the batch's max timestamp as written (the append time for LogAppendTime topics)
 */
public record BatchMetadata(int lastSeq, long lastOffset, int offsetDelta, long maxTimestamp) {

    public BatchMetadata {
        if (offsetDelta < 0) {
            throw new IllegalArgumentException("offsetDelta " + offsetDelta + " is negative");
        }
    }

    /** Sequence of the batch's first record, or {@link SequenceNumbers#NO_SEQUENCE}. */
    public int firstSeq() {
        return lastSeq == SequenceNumbers.NO_SEQUENCE
                ? SequenceNumbers.NO_SEQUENCE
                : SequenceNumbers.decrement(lastSeq, offsetDelta);
    }

    /** Offset of the batch's first record (its base offset). */
    public long firstOffset() {
        return lastOffset - offsetDelta;
    }

    @Override
    public String toString() {
        return "BatchMetadata(seq " + firstSeq() + ".." + lastSeq + ", offsets " + firstOffset() + ".." + lastOffset
                + ", maxTimestamp " + maxTimestamp + ")";
    }
}
