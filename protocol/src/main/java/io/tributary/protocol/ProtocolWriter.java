package io.tributary.protocol;

import io.tributary.records.Records;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes Kafka's wire primitives. Implementations supply the fixed-size writes, raw bytes and
 * records; the length-prefixed encodings are defined once here.
 *
 * <p>{@link #writeRecordsPayload(Records)} is the seam for zero-copy: a buffer writer copies the
 * records, a transport writer can end its current buffer and send the records as a file region.
 */
public interface ProtocolWriter {

    void writeInt8(byte value);

    void writeInt16(short value);

    void writeInt32(int value);

    void writeInt64(long value);

    void writeFloat64(double value);

    /** Writes {@code length} bytes of {@code bytes} from {@code offset}. */
    void writeRaw(byte[] bytes, int offset, int length);

    /** Writes the remaining bytes of {@code bytes} without moving its position. */
    void writeRaw(ByteBuffer bytes);

    /** Writes the records' bytes, without a length prefix. */
    void writeRecordsPayload(Records records);

    default void writeBool(boolean value) {
        writeInt8(value ? (byte) 1 : (byte) 0);
    }

    default void writeUint16(int value) {
        writeInt16((short) value);
    }

    default void writeUint32(long value) {
        writeInt32((int) value);
    }

    default void writeUuid(Uuid value) {
        writeInt64(value.getMostSignificantBits());
        writeInt64(value.getLeastSignificantBits());
    }

    default void writeUnsignedVarint(int value) {
        int v = value;
        while ((v & 0xFFFFFF80) != 0) {
            writeInt8((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeInt8((byte) v);
    }

    default void writeVarint(int value) {
        writeUnsignedVarint((value << 1) ^ (value >> 31));
    }

    default void writeVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0) {
            writeInt8((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeInt8((byte) v);
    }

    private void writeLength(int length, boolean flexible, boolean int16) {
        if (flexible) {
            writeUnsignedVarint(length + 1);
        } else if (int16) {
            writeInt16((short) length);
        } else {
            writeInt32(length);
        }
    }

    default void writeString(String value, boolean flexible) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + bytes.length + " UTF-8 bytes is longer than " + Short.MAX_VALUE);
        }
        writeLength(bytes.length, flexible, true);
        writeRaw(bytes, 0, bytes.length);
    }

    default void writeNullableString(String value, boolean flexible) {
        if (value == null) {
            writeLength(-1, flexible, true);
        } else {
            writeString(value, flexible);
        }
    }

    default void writeBytes(byte[] value, boolean flexible) {
        writeLength(value.length, flexible, false);
        writeRaw(value, 0, value.length);
    }

    default void writeNullableBytes(byte[] value, boolean flexible) {
        if (value == null) {
            writeLength(-1, flexible, false);
        } else {
            writeBytes(value, flexible);
        }
    }

    default void writeBytes(ByteBuffer value, boolean flexible) {
        writeLength(value.remaining(), flexible, false);
        writeRaw(value);
    }

    default void writeNullableBytes(ByteBuffer value, boolean flexible) {
        if (value == null) {
            writeLength(-1, flexible, false);
        } else {
            writeBytes(value, flexible);
        }
    }

    default void writeRecords(Records value, boolean flexible) {
        writeLength(value.sizeInBytes(), flexible, false);
        writeRecordsPayload(value);
    }

    default void writeNullableRecords(Records value, boolean flexible) {
        if (value == null) {
            writeLength(-1, flexible, false);
        } else {
            writeRecords(value, flexible);
        }
    }

    default void writeArrayLength(int count, boolean flexible) {
        writeLength(count, flexible, false);
    }

    default void writeNullArrayLength(boolean flexible) {
        writeLength(-1, flexible, false);
    }
}
