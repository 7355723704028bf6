package io.tributary.protocol;

import io.tributary.records.Records;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link ProtocolWriter} into a {@link ByteBuffer} of sufficient size; records are copied.
 * Writing past the buffer's limit throws {@link java.nio.BufferOverflowException}: callers size
 * the buffer with {@link Message#size(short)}.
 */
public final class ByteBufferWriter implements ProtocolWriter {

    private final ByteBuffer buffer;

    public ByteBufferWriter(ByteBuffer buffer) {
        this.buffer = buffer.order(ByteOrder.BIG_ENDIAN);
    }

    /** Serialises {@code message} at {@code version} into a new heap buffer, flipped for reading. */
    public static ByteBuffer serialize(Message message, short version) {
        ByteBuffer buffer = ByteBuffer.allocate(message.size(version));
        message.write(new ByteBufferWriter(buffer), version);
        if (buffer.hasRemaining()) {
            throw new IllegalStateException(message.getClass().getSimpleName() + " v" + version + " wrote "
                    + buffer.position() + " bytes but its size said " + buffer.capacity());
        }
        return buffer.flip();
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public void writeInt8(byte value) {
        buffer.put(value);
    }

    @Override
    public void writeInt16(short value) {
        buffer.putShort(value);
    }

    @Override
    public void writeInt32(int value) {
        buffer.putInt(value);
    }

    @Override
    public void writeInt64(long value) {
        buffer.putLong(value);
    }

    @Override
    public void writeFloat64(double value) {
        buffer.putDouble(value);
    }

    @Override
    public void writeRaw(byte[] bytes, int offset, int length) {
        buffer.put(bytes, offset, length);
    }

    @Override
    public void writeRaw(ByteBuffer bytes) {
        buffer.put(bytes.duplicate());
    }

    @Override
    public void writeRecordsPayload(Records records) {
        records.copyTo(buffer);
    }
}
