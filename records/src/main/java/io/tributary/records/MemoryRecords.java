package io.tributary.records;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Records held in a {@link ByteBuffer}: a view, never a copy. Decoding a Produce request yields one
 * of these as a slice of the request frame, so the broker can validate and append the bytes it
 * received without copying them.
 *
 * <p>Immutable as far as this class is concerned: the buffer's position and limit are never moved;
 * callers get {@link ByteBuffer#duplicate() duplicates}. Equality is by content.
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
