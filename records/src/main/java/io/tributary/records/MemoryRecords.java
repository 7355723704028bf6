package io.tributary.records;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Objects;

/**
 * Records held in a {@link ByteBuffer}: a view, never a copy. Decoding a Produce request yields one
 * of these as a slice of the request frame, so the broker can validate and append the bytes it
 * received without copying them.
 *
 * <p>Immutable as far as this class is concerned: the buffer's position and limit are never moved;
 * callers get {@link ByteBuffer#duplicate() duplicates}. Equality is by content. The bytes
 * themselves may be rewritten in place through {@link RecordBatch}'s setters, by the one thread
 * that owns them at that moment (the partition log's owner, before it publishes an append).
 *
 * <p>Thread safety: safe for concurrent readers; {@link #batches()} creates a fresh iterator,
 * owned by its caller, on every call.
 */
public final class MemoryRecords implements Records {

    public static final MemoryRecords EMPTY = new MemoryRecords(ByteBuffer.allocate(0));

    private final ByteBuffer buffer;

    private MemoryRecords(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** Wraps the remaining bytes of {@code buffer} (position to limit) without copying them. */
    public static MemoryRecords readableRecords(ByteBuffer buffer) {
        return new MemoryRecords(buffer.slice());
    }

    /** A duplicate of the underlying buffer, positioned at the first byte of the records. */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    /**
     * The batches, in order, as views of these bytes. Each batch's length field is checked against
     * the bytes that remain before it is viewed; an incomplete batch at the end ends the iteration
     * without error, as a fetch response may end in one. Only framing is checked: call
     * {@link RecordBatch#ensureValid()} or a {@link BatchValidator} for CRCs and contents.
     *
     * <p>The iterator throws {@link CorruptRecordException} for a batch length below the 49-byte
     * minimum and {@link InvalidRecordException} for a magic other than 2; batches before that
     * point have been returned.
     */
    public Iterable<RecordBatch> batches() {
        return () -> new RecordBatchIterator(buffer, false);
    }

    /** Like {@link #batches()}, but an incomplete batch at the end is a {@link CorruptRecordException}. */
    public Iterable<RecordBatch> completeBatches() {
        return () -> new RecordBatchIterator(buffer, true);
    }

    /** The first complete batch, or null if there is none; the same checks as {@link #batches()}. */
    public RecordBatch firstBatch() {
        Iterator<RecordBatch> batches = batches().iterator();
        return batches.hasNext() ? batches.next() : null;
    }

    @Override
    public int sizeInBytes() {
        return buffer.remaining();
    }

    @Override
    public void copyTo(ByteBuffer destination) {
        destination.put(buffer.duplicate());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryRecords other && buffer.equals(other.buffer);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(buffer);
    }

    @Override
    public String toString() {
        return "MemoryRecords(sizeInBytes=" + sizeInBytes() + ")";
    }
}
