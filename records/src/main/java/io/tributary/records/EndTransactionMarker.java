package io.tributary.records;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A transaction marker: the single record of a transactional control batch that commits or
 * aborts a producer's transaction on one partition. Its key is the {@link ControlRecordType}; its
 * value is {@code version int16 (0) | coordinatorEpoch int32}, Kafka's {@code EndTxnMarker}
 * schema. Readers accept versions above 0 and read the epoch that leads them, as Kafka does.
 * Immutable.
 */
public final class EndTransactionMarker {

    static final short CURRENT_VALUE_VERSION = 0;
    static final int VALUE_SIZE_BYTES = 6;

    private final ControlRecordType type;
    private final int coordinatorEpoch;

    /** @param type {@link ControlRecordType#COMMIT} or {@link ControlRecordType#ABORT} */
    public EndTransactionMarker(ControlRecordType type, int coordinatorEpoch) {
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) {
            throw new IllegalArgumentException("a transaction marker is COMMIT or ABORT, not " + type);
        }
        this.type = type;
        this.coordinatorEpoch = coordinatorEpoch;
    }

    public ControlRecordType type() {
        return type;
    }

    public int coordinatorEpoch() {
        return coordinatorEpoch;
    }

    /** The record value: version 0 and the coordinator epoch. */
    public ByteBuffer encodeValue() {
        ByteBuffer value = ByteBuffer.allocate(VALUE_SIZE_BYTES);
        value.putShort(CURRENT_VALUE_VERSION).putInt(coordinatorEpoch).flip();
        return value;
    }

    /**
     * Reads the marker held by a record of a control batch.
     *
     * @throws CorruptRecordException if the key or value is malformed
     * @throws InvalidRecordException if the record is a control record of another type
     */
    public static EndTransactionMarker decode(Record record) {
        ControlRecordType type = ControlRecordType.parse(record.key());
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) {
            throw new InvalidRecordException("control record at offset " + record.offset()
                    + " is not a transaction marker");
        }
        ByteBuffer value = record.value();
        if (value == null || value.remaining() < VALUE_SIZE_BYTES) {
            throw new CorruptRecordException("transaction marker at offset " + record.offset() + " needs a "
                    + VALUE_SIZE_BYTES + "-byte value, has " + (value == null ? "none" : value.remaining()));
        }
        short version = value.getShort(value.position());
        if (version < 0) {
            throw new CorruptRecordException("transaction marker at offset " + record.offset()
                    + " has negative version " + version);
        }
        return new EndTransactionMarker(type, value.getInt(value.position() + 2));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndTransactionMarker other && type == other.type && coordinatorEpoch == other.coordinatorEpoch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, coordinatorEpoch);
    }

    @Override
    public String toString() {
        return "EndTransactionMarker(type=" + type + ", coordinatorEpoch=" + coordinatorEpoch + ")";
    }
}
