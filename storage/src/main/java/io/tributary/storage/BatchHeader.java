package io.tributary.storage;

import io.tributary.records.RecordBatchDescriptor;
import java.nio.ByteBuffer;

/**
 * The fields of a batch header that the log needs without reading the batch: enough to locate
 * batches, find offsets and timestamps, and rebuild producer state. Parsed from the first 61 bytes.
 */
record BatchHeader(int position, long baseOffset, int sizeInBytes, int lastOffsetDelta, short attributes,
                   long maxTimestamp, long producerId, short producerEpoch, int baseSequence, int partitionLeaderEpoch) {

    static BatchHeader parse(int position, ByteBuffer header) {
        return new BatchHeader(
                position,
                header.getLong(RecordBatchDescriptor.BASE_OFFSET_OFFSET),
                header.getInt(RecordBatchDescriptor.BATCH_LENGTH_OFFSET) + RecordBatchDescriptor.LOG_OVERHEAD_BYTES,
                header.getInt(RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET),
                header.getShort(RecordBatchDescriptor.ATTRIBUTES_OFFSET),
                header.getLong(RecordBatchDescriptor.MAX_TIMESTAMP_OFFSET),
                header.getLong(RecordBatchDescriptor.PRODUCER_ID_OFFSET),
                header.getShort(RecordBatchDescriptor.PRODUCER_EPOCH_OFFSET),
                header.getInt(RecordBatchDescriptor.BASE_SEQUENCE_OFFSET),
                header.getInt(RecordBatchDescriptor.PARTITION_LEADER_EPOCH_OFFSET));
    }

    long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    boolean isTransactional() {
        return (attributes & RecordBatchDescriptor.TRANSACTIONAL_FLAG_MASK) != 0;
    }

    boolean isControlBatch() {
        return (attributes & RecordBatchDescriptor.CONTROL_FLAG_MASK) != 0;
    }

    /** A data batch written by an idempotent or transactional producer. */
    boolean isProducerDataBatch() {
        return producerId >= 0 && !isControlBatch();
    }
}
