package io.tributary.coordinator.runtime;

import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.ProtocolDecodeException;
import io.tributary.protocol.ProtocolReader;
import java.nio.ByteBuffer;

/**
 * Kafka's coordinator record framing: the key is an int16 record type followed by the key fields
 * (always version 0), the value an int16 version followed by the value fields; a tombstone has no
 * value. Subclasses map record types to message classes.
 */
public abstract class CoordinatorRecordSerde {

    /** Thrown for a record type this coordinator does not know; loading skips such records. */
    public static final class UnknownRecordTypeException extends RuntimeException {
        private final short type;

        public UnknownRecordTypeException(short type) {
            super("unknown coordinator record type " + type);
            this.type = type;
        }

        public short type() {
            return type;
        }
    }

    public ByteBuffer serializeKey(CoordinatorRecord record) {
        return withVersionPrefix(record.type(), record.key(), (short) 0);
    }

    /** The value bytes, or null for a tombstone. */
    public ByteBuffer serializeValue(CoordinatorRecord record) {
        return record.isTombstone() ? null : withVersionPrefix(record.valueVersion(), record.value(), record.valueVersion());
    }

    private static ByteBuffer withVersionPrefix(short prefix, ApiMessage message, short version) {
        ByteBuffer body = ByteBufferWriter.serialize(message, version);
        ByteBuffer out = ByteBuffer.allocate(2 + body.remaining());
        out.putShort(prefix).put(body).flip();
        return out;
    }

    /**
     * Reads a record.
     *
     * @throws UnknownRecordTypeException for a type {@link #newKey} does not know
     * @throws ProtocolDecodeException    for malformed bytes
     */
    public CoordinatorRecord deserialize(ByteBuffer key, ByteBuffer value) {
        if (key == null || key.remaining() < 2) {
            throw new ProtocolDecodeException(0, "coordinator record without a key type");
        }
        ByteBuffer keyBytes = key.duplicate();
        short type = keyBytes.getShort();
        ApiMessage keyMessage = newKey(type);
        keyMessage.read(new ProtocolReader(keyBytes), (short) 0);
        if (value == null) {
            return CoordinatorRecord.tombstone(keyMessage);
        }
        ByteBuffer valueBytes = value.duplicate();
        if (valueBytes.remaining() < 2) {
            throw new ProtocolDecodeException(0, "coordinator record of type " + type + " without a value version");
        }
        short version = valueBytes.getShort();
        ApiMessage valueMessage = newValue(type);
        if (version < valueMessage.lowestSupportedVersion() || version > valueMessage.highestSupportedVersion()) {
            throw new ProtocolDecodeException(0, "coordinator record of type " + type + " has unknown value version " + version);
        }
        valueMessage.read(new ProtocolReader(valueBytes), version);
        return CoordinatorRecord.record(keyMessage, valueMessage, version);
    }

    /** An empty key message of a record type. */
    protected abstract ApiMessage newKey(short type);

    /** An empty value message of a record type. */
    protected abstract ApiMessage newValue(short type);
}
