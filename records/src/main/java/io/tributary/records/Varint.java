package io.tributary.records;

import java.nio.ByteBuffer;

/**
 * Zig-zag variable-length integers as the record format uses them (protobuf's {@code sint32} and
 * {@code sint64}): seven bits a byte, least significant group first, the high bit set on every
 * byte but the last.
 *
 * <p>Readers never read past the buffer's limit: a varint cut short, or longer than 5 bytes (10
 * for a varlong), is a {@link CorruptRecordException}.
 */
final class Varint {

    static final int MAX_VARINT_BYTES = 5;
    static final int MAX_VARLONG_BYTES = 10;

    private Varint() {
    }

    /** Reads a zig-zag varint at the buffer's position, advancing it. */
    static int readVarint(ByteBuffer buffer) {
        int raw = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (!buffer.hasRemaining()) {
                throw new CorruptRecordException("varint cut short after " + i + " bytes");
            }
            int b = buffer.get() & 0xFF;
            raw |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return decodeZigZag(raw);
            }
        }
        throw new CorruptRecordException("varint longer than " + MAX_VARINT_BYTES + " bytes");
    }

    /** Reads a zig-zag varlong at the buffer's position, advancing it. */
    static long readVarlong(ByteBuffer buffer) {
        long raw = 0;
        for (int i = 0; i < MAX_VARLONG_BYTES; i++) {
            if (!buffer.hasRemaining()) {
                throw new CorruptRecordException("varlong cut short after " + i + " bytes");
            }
            long b = buffer.get() & 0xFF;
            raw |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptRecordException("varlong longer than " + MAX_VARLONG_BYTES + " bytes");
    }

    static int decodeZigZag(int raw) {
        return (raw >>> 1) ^ -(raw & 1);
    }

    static void writeVarint(int value, ByteBuffer buffer) {
        int raw = (value << 1) ^ (value >> 31);
        while ((raw & ~0x7F) != 0) {
            buffer.put((byte) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        buffer.put((byte) raw);
    }

    static void writeVarlong(long value, ByteBuffer buffer) {
        long raw = (value << 1) ^ (value >> 63);
        while ((raw & ~0x7FL) != 0) {
            buffer.put((byte) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        buffer.put((byte) raw);
    }

    static int sizeOfVarint(int value) {
        int raw = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((raw & ~0x7F) != 0) {
            bytes++;
            raw >>>= 7;
        }
        return bytes;
    }

    static int sizeOfVarlong(long value) {
        long raw = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((raw & ~0x7FL) != 0) {
            bytes++;
            raw >>>= 7;
        }
        return bytes;
    }
}
