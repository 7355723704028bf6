package io.tributary.records;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * One decoded record of a magic 2 batch, with its absolute offset and timestamp resolved against
 * the batch header. Immutable.
 *
 * <p>For an uncompressed batch, key, value and header values are read-only views of the batch's
 * bytes (no copy); for a compressed batch they are views of that record's decompressed bytes.
 * Either way, {@link #key()} and {@link #value()} return fresh duplicates, so callers may move
 * their positions freely.
 *
 * <p>Named after Kafka's {@code Record}; inside this package it shadows {@code java.lang.Record}.
 */
public final class Record {

    private final long offset;
    private final int offsetDelta;
    private final long timestamp;
    private final long timestampDelta;
    private final byte attributes;
    private final int sequence;
    private final int sizeInBytes;
    private final ByteBuffer key;
    private final ByteBuffer value;
    private final List<Header> headers;

    Record(long offset, int offsetDelta, long timestamp, long timestampDelta, byte attributes,
           int sequence, int sizeInBytes, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        this.offset = offset;
        this.offsetDelta = offsetDelta;
        this.timestamp = timestamp;
        this.timestampDelta = timestampDelta;
        this.attributes = attributes;
        this.sequence = sequence;
        this.sizeInBytes = sizeInBytes;
        this.key = key == null ? null : key.slice().asReadOnlyBuffer();
        this.value = value == null ? null : value.slice().asReadOnlyBuffer();
        this.headers = List.copyOf(headers);
    }

    /** baseOffset + offsetDelta. */
    public long offset() {
        return offset;
    }

    public int offsetDelta() {
        return offsetDelta;
    }

    /**
     * The record's timestamp: baseTimestamp + timestampDelta for CreateTime batches, the batch's
     * maxTimestamp (the log append time) for LogAppendTime batches.
     */
    public long timestamp() {
        return timestamp;
    }

    public long timestampDelta() {
        return timestampDelta;
    }

    /** The record-level attributes byte; unused by magic 2 and normally 0. */
    public byte attributes() {
        return attributes;
    }

    /** The producer sequence of this record, or -1 when the batch has none. */
    public int sequence() {
        return sequence;
    }

    /** Bytes this record occupies in the (uncompressed) records, including its length varint. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    public boolean hasKey() {
        return key != null;
    }

    /** The key as a read-only buffer positioned at its first byte, or null. */
    public ByteBuffer key() {
        return key == null ? null : key.duplicate();
    }

    /** The key's length, or -1 for a null key. */
    public int keySize() {
        return key == null ? -1 : key.remaining();
    }

    public boolean hasValue() {
        return value != null;
    }

    /** The value as a read-only buffer positioned at its first byte, or null (a tombstone). */
    public ByteBuffer value() {
        return value == null ? null : value.duplicate();
    }

    /** The value's length, or -1 for a null value. */
    public int valueSize() {
        return value == null ? -1 : value.remaining();
    }

    public List<Header> headers() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record other
                && offset == other.offset
                && offsetDelta == other.offsetDelta
                && timestamp == other.timestamp
                && timestampDelta == other.timestampDelta
                && attributes == other.attributes
                && sequence == other.sequence
                && sizeInBytes == other.sizeInBytes
                && Objects.equals(key, other.key)
                && Objects.equals(value, other.value)
                && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, key, value, headers);
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", keySize=" + keySize()
                + ", valueSize=" + valueSize() + ", headers=" + headers.size() + ")";
    }
}
