package io.tributary.protocol;

import io.tributary.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kafka's wire primitives from a buffer, big-endian, checking every length and count against
 * the bytes that remain <em>before</em> allocating anything (DESIGN D13). Malformed input ends in a
 * {@link ProtocolDecodeException} naming the offset; it never reads past the buffer or allocates
 * more than the buffer could describe.
 *
 * <p>Strings, byte arrays and unknown tagged fields are copied; zero-copy bytes and records are
 * slices of the input buffer, valid as long as the buffer is.
 *
 * <p>Offsets in errors count from the reader's first byte. Not thread-safe.
 */
public final class ProtocolReader {

    /** Kafka refuses strings longer than a signed 16-bit length can say, in every encoding. */
    private static final int MAX_STRING_LENGTH = Short.MAX_VALUE;

    private final ByteBuffer buffer;

    /** Reads the remaining bytes of {@code buffer} (position to limit); the buffer itself is not moved. */
    public ProtocolReader(ByteBuffer buffer) {
        this.buffer = buffer.slice().order(ByteOrder.BIG_ENDIAN);
    }

    public int position() {
        return buffer.position();
    }

    public int remaining() {
        return buffer.remaining();
    }

    private ProtocolDecodeException malformed(String reason) {
        return new ProtocolDecodeException(buffer.position(), reason);
    }

    private void require(int bytes, String what) {
        if (buffer.remaining() < bytes) {
            throw malformed(what + " needs " + bytes + " bytes but " + buffer.remaining() + " remain");
        }
    }

    public byte readInt8() {
        require(1, "int8");
        return buffer.get();
    }

    public boolean readBool() {
        require(1, "bool");
        return buffer.get() != 0;
    }

    public short readInt16() {
        require(2, "int16");
        return buffer.getShort();
    }

    /** The int16 at {@code ahead} bytes past the current position, without moving. */
    public short peekInt16(int ahead) {
        require(ahead + 2, "int16 ahead");
        return buffer.getShort(buffer.position() + ahead);
    }

    public int readUint16() {
        require(2, "uint16");
        return buffer.getShort() & 0xFFFF;
    }

    public int readInt32() {
        require(4, "int32");
        return buffer.getInt();
    }

    public long readUint32() {
        require(4, "uint32");
        return buffer.getInt() & 0xFFFFFFFFL;
    }

    public long readInt64() {
        require(8, "int64");
        return buffer.getLong();
    }

    public double readFloat64() {
        require(8, "float64");
        return buffer.getDouble();
    }

    public Uuid readUuid() {
        require(16, "uuid");
        return new Uuid(buffer.getLong(), buffer.getLong());
    }

    /** An unsigned LEB128 varint of at most five bytes, as a 32-bit pattern (Kafka's readUnsignedVarint). */
    public int readUnsignedVarint() {
        int start = buffer.position();
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!buffer.hasRemaining()) {
                throw new ProtocolDecodeException(start, "varint truncated after " + (buffer.position() - start) + " bytes");
            }
            byte b = buffer.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ProtocolDecodeException(start, "varint longer than 5 bytes");
    }

    /** A zig-zag encoded signed varint. */
    public int readVarint() {
        int raw = readUnsignedVarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A zig-zag encoded signed varlong of at most ten bytes. */
    public long readVarlong() {
        int start = buffer.position();
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (!buffer.hasRemaining()) {
                throw new ProtocolDecodeException(start, "varlong truncated after " + (buffer.position() - start) + " bytes");
            }
            byte b = buffer.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new ProtocolDecodeException(start, "varlong longer than 10 bytes");
    }

    /**
     * The length prefix of a string, bytes, records or array: int16 or int32 when not flexible, an
     * unsigned varint holding length + 1 when flexible. Returns -1 for null.
     */
    private int readLength(boolean flexible, boolean int16) {
        if (flexible) {
            int start = buffer.position();
            int n = readUnsignedVarint();
            if (n < 0) {
                throw new ProtocolDecodeException(start, "compact length " + Integer.toUnsignedString(n) + " - 1 is out of range");
            }
            return n - 1;
        }
        return int16 ? readInt16() : readInt32();
    }

    private int checkedLength(int length, boolean nullable, String what, int start) {
        if (length < 0) {
            if (length == -1 && nullable) {
                return -1;
            }
            throw new ProtocolDecodeException(start, length == -1
                    ? "non-nullable " + what + " was serialized as null"
                    : what + " has negative length " + length);
        }
        if (length > buffer.remaining()) {
            throw new ProtocolDecodeException(start, what + " length " + length + " exceeds the " + buffer.remaining() + " bytes remaining");
        }
        return length;
    }

    /** A UTF-8 string, or null when {@code nullable} and the length says so. */
    public String readString(boolean flexible, boolean nullable) {
        int start = buffer.position();
        int length = readLength(flexible, true);
        if (length > MAX_STRING_LENGTH) {
            throw new ProtocolDecodeException(start, "string length " + length + " exceeds " + MAX_STRING_LENGTH);
        }
        length = checkedLength(length, nullable, "string", start);
        if (length < 0) {
            return null;
        }
        String s;
        if (buffer.hasArray()) {
            s = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
        } else {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            s = new String(bytes, StandardCharsets.UTF_8);
        }
        return s;
    }

    /** A bytes field copied into an array, or null. */
    public byte[] readBytes(boolean flexible, boolean nullable) {
        int start = buffer.position();
        int length = checkedLength(readLength(flexible, false), nullable, "bytes", start);
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** A bytes field as a slice of the input, without copying, or null. */
    public ByteBuffer readByteBuffer(boolean flexible, boolean nullable) {
        int start = buffer.position();
        int length = checkedLength(readLength(flexible, false), nullable, "bytes", start);
        return length < 0 ? null : slice(length);
    }

    /** A records field as a slice of the input, without copying, or null. */
    public MemoryRecords readRecords(boolean flexible, boolean nullable) {
        int start = buffer.position();
        int length = checkedLength(readLength(flexible, false), nullable, "records", start);
        return length < 0 ? null : MemoryRecords.readableRecords(slice(length));
    }

    private ByteBuffer slice(int length) {
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return slice;
    }

    /**
     * An array's element count, or -1 for null. The count is refused if {@code count *
     * minimumElementSize} exceeds the bytes that remain, so a forged count cannot make the caller
     * allocate more than the input could hold.
     */
    public int readArrayLength(boolean flexible, boolean nullable, int minimumElementSize) {
        int start = buffer.position();
        int count = readLength(flexible, false);
        if (count < 0) {
            if (count == -1 && nullable) {
                return -1;
            }
            throw new ProtocolDecodeException(start, count == -1
                    ? "non-nullable array was serialized as null"
                    : "array has negative length " + count);
        }
        if ((long) count * minimumElementSize > buffer.remaining()) {
            throw new ProtocolDecodeException(start, "array of " + count + " elements cannot fit in the "
                    + buffer.remaining() + " bytes remaining");
        }
        return count;
    }

    /** The number of tagged fields that follow; each needs at least two bytes (tag and size). */
    public int readTaggedFieldCount() {
        int start = buffer.position();
        int count = readUnsignedVarint();
        if (count < 0 || (long) count * 2 > buffer.remaining()) {
            throw new ProtocolDecodeException(start, Integer.toUnsignedString(count) + " tagged fields cannot fit in the "
                    + buffer.remaining() + " bytes remaining");
        }
        return count;
    }

    /** The size of one tagged field's value, checked against what remains. */
    public int readTaggedFieldSize() {
        int start = buffer.position();
        int size = readUnsignedVarint();
        if (size < 0 || size > buffer.remaining()) {
            throw new ProtocolDecodeException(start, "tagged field size " + Integer.toUnsignedString(size)
                    + " exceeds the " + buffer.remaining() + " bytes remaining");
        }
        return size;
    }

    /** Keeps a tagged field this code does not know, appending it to {@code fields} (created if null). */
    public List<RawTaggedField> readUnknownTaggedField(List<RawTaggedField> fields, int tag, int size) {
        require(size, "tagged field " + tag);
        byte[] data = new byte[size];
        buffer.get(data);
        List<RawTaggedField> result = fields == null ? new ArrayList<>() : fields;
        result.add(new RawTaggedField(tag, data));
        return result;
    }

    /** Checks that a known tagged field used exactly the bytes its size declared. */
    public void checkTaggedFieldEnd(int expectedEnd, int tag) {
        if (buffer.position() != expectedEnd) {
            throw malformed("tagged field " + tag + " ended at offset " + buffer.position() + ", its size said " + expectedEnd);
        }
    }
}
