package io.tributary.records;

import static io.tributary.records.RecordBatchDescriptor.BATCH_LENGTH_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.LOG_OVERHEAD_BYTES;
import static io.tributary.records.RecordBatchDescriptor.MAGIC_OFFSET;
import static io.tributary.records.RecordBatchDescriptor.MAGIC_V2;
import static io.tributary.records.RecordBatchDescriptor.MIN_BATCH_LENGTH;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits a buffer into batches by their length fields, checking each length against what remains
 * before making a view; it reads only the offset, length and magic of each batch (no CRC).
 *
 * <p>An incomplete batch at the end either ends the iteration quietly (fetch responses may end in
 * one: the broker cuts log slices at a byte limit) or is a {@link CorruptRecordException} (produce
 * requests and replicated appends must hold whole batches). A length below the minimum is always
 * corrupt and a magic other than 2 always invalid: after either, the following bytes cannot be
 * trusted to be batch boundaries, so the iteration ends with the exception. Not thread-safe.
 */
final class RecordBatchIterator implements Iterator<RecordBatch> {

    private final ByteBuffer buffer;
    private final boolean incompleteTailIsCorrupt;
    private int position;
    private RecordBatch next;
    private boolean done;

    RecordBatchIterator(ByteBuffer buffer, boolean incompleteTailIsCorrupt) {
        this.buffer = buffer.slice();
        this.incompleteTailIsCorrupt = incompleteTailIsCorrupt;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = readNext();
        }
        return next != null;
    }

    @Override
    public RecordBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RecordBatch batch = next;
        next = null;
        return batch;
    }

    private RecordBatch readNext() {
        int remaining = buffer.limit() - position;
        if (remaining == 0) {
            done = true;
            return null;
        }
        if (remaining < LOG_OVERHEAD_BYTES) {
            return incompleteTail(remaining + " bytes remain, too few for a batch's offset and length");
        }
        int batchLength = buffer.getInt(position + BATCH_LENGTH_OFFSET);
        if (batchLength < MIN_BATCH_LENGTH) {
            done = true;
            throw new CorruptRecordException("batch at byte " + position + ": batch length " + batchLength
                    + " is less than the minimum of " + MIN_BATCH_LENGTH);
        }
        long size = LOG_OVERHEAD_BYTES + (long) batchLength;
        if (size > remaining) {
            return incompleteTail("batch declares " + size + " bytes, " + remaining + " remain");
        }
        byte magic = buffer.get(position + MAGIC_OFFSET);
        if (magic != MAGIC_V2) {
            done = true;
            throw new InvalidRecordException("batch at byte " + position + ": unsupported magic " + magic
                    + "; only magic " + MAGIC_V2 + " batches are accepted");
        }
        RecordBatch batch = RecordBatch.wrap(buffer.slice(position, (int) size));
        position += (int) size;
        return batch;
    }

    private RecordBatch incompleteTail(String problem) {
        done = true;
        if (incompleteTailIsCorrupt) {
            throw new CorruptRecordException("incomplete batch at byte " + position + ": " + problem);
        }
        return null;
    }
}
