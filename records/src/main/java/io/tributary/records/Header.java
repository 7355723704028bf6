package io.tributary.records;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One record header: a non-null UTF-8 key and a nullable byte value. Immutable; equality is by key
 * and value content.
 *
 * <p>Headers decoded from an uncompressed batch are views of the batch's bytes, not copies; they
 * are only as stable as that buffer.
 */
public final class Header {

    private final String key;
    private final ByteBuffer value;

    /** A header holding a copy of {@code value}, which may be null. */
    public Header(String key, byte[] value) {
        this(key, value == null ? null : ByteBuffer.wrap(value.clone()));
    }

    private Header(String key, ByteBuffer value) {
        this.key = Objects.requireNonNull(key, "header key");
        this.value = value == null ? null : value.slice().asReadOnlyBuffer();
    }

    /** A header over {@code value}'s remaining bytes, without copying them. */
    static Header view(String key, ByteBuffer value) {
        return new Header(key, value);
    }

    /** A header whose value is {@code value} encoded as UTF-8. */
    public static Header ofUtf8(String key, String value) {
        return new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public String key() {
        return key;
    }

    /** The value as a read-only buffer positioned at its first byte, or null. */
    public ByteBuffer value() {
        return value == null ? null : value.duplicate();
    }

    /** A copy of the value's bytes, or null. */
    public byte[] valueBytes() {
        if (value == null) {
            return null;
        }
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header other && key.equals(other.key) && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(key=" + key + ", value=" + (value == null ? "null" : value.remaining() + " bytes") + ")";
    }
}
