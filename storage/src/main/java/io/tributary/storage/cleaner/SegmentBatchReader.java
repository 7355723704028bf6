package io.tributary.storage.cleaner;

import io.tributary.records.RecordBatch;
import io.tributary.records.RecordBatchDescriptor;
import io.tributary.storage.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a segment's batches sequentially into one reusable buffer of
 * {@code log.cleaner.io.buffer.size}, grown when a batch is larger (Kafka's cleaner does the same
 * with its read buffer). The visited batch is a view of the buffer, valid only during the visit.
 * Every read is reported to the {@link Throttler}, and before each read the caller's abort check
 * runs, so an abort stops a cleaning within one buffer's worth of I/O rather than at the end of a
 * segment of up to {@code segment.bytes}.
 *
 * <p>Not thread-safe: one per cleaner thread.
 */
final class SegmentBatchReader {

    /** Receives each batch; {@code lastInSegment} is true for the segment's final batch. */
    @FunctionalInterface
    interface BatchVisitor {
        /** Returns false to stop reading. */
        boolean visit(RecordBatch batch, boolean lastInSegment) throws IOException, InterruptedException;
    }

    private final Throttler throttler;
    private final int maxBufferSize;
    private ByteBuffer buffer;

    SegmentBatchReader(int initialBufferSize, int maxBufferSize, Throttler throttler) {
        this.buffer = ByteBuffer.allocate(Math.max(initialBufferSize, RecordBatchDescriptor.HEADER_SIZE_BYTES));
        this.maxBufferSize = maxBufferSize;
        this.throttler = throttler;
    }

    /**
     * Visits the batches of {@code segment} from its start; returns the bytes read.
     *
     * @param checkAborted run before each read; throws {@link LogCleaningAbortedException} to stop
     */
    long forEachBatch(LogSegment segment, Runnable checkAborted, BatchVisitor visitor) throws IOException, InterruptedException {
        int size = segment.sizeInBytes();
        int position = 0;
        long read = 0;
        while (position < size) {
            checkAborted.run();
            buffer.clear();
            buffer.limit(Math.min(buffer.capacity(), size - position));
            segment.log().readInto(buffer, position);
            buffer.flip();
            int consumed = 0;
            int pendingBatchSize = 0;
            while (buffer.remaining() - consumed >= RecordBatchDescriptor.LOG_OVERHEAD_BYTES) {
                int batchSize = buffer.getInt(consumed + RecordBatchDescriptor.BATCH_LENGTH_OFFSET)
                        + RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
                if (batchSize < RecordBatchDescriptor.HEADER_SIZE_BYTES || batchSize > size - position - consumed) {
                    throw new IOException(segment.log().file() + ": invalid batch size " + batchSize + " at position "
                            + (position + consumed));
                }
                if (batchSize > buffer.remaining() - consumed) {
                    pendingBatchSize = batchSize;
                    break;
                }
                RecordBatch batch = RecordBatch.wrap(buffer.slice(consumed, batchSize));
                consumed += batchSize;
                if (!visitor.visit(batch, position + consumed == size)) {
                    return read + consumed;
                }
            }
            if (consumed == 0) {
                if (pendingBatchSize == 0) {
                    throw new IOException(segment.log().file() + ": " + (size - position) + " bytes at position " + position
                            + " are too few for a batch");
                }
                grow(segment, position, pendingBatchSize);
            }
            position += consumed;
            read += consumed;
            throttler.maybeThrottle(consumed);
        }
        return read;
    }

    private void grow(LogSegment segment, int position, int needed) throws IOException {
        if (needed > maxBufferSize) {
            throw new IOException(segment.log().file() + ": batch of " + needed + " bytes at position " + position
                    + " exceeds the cleaner's largest read buffer of " + maxBufferSize + " bytes");
        }
        buffer = ByteBuffer.allocate(Math.min(maxBufferSize, Math.max(needed, buffer.capacity() * 2)));
    }
}
