package io.tributary.records;

import java.nio.ByteBuffer;

/**
 * The type of a control record, held in its key: {@code version int16 (0) | type int16}. Control
 * records live only in control batches (attribute bit 5); {@link #ABORT} and {@link #COMMIT} are
 * the transaction markers, whose values are {@link EndTransactionMarker}s.
 */
public enum ControlRecordType {
    ABORT((short) 0),
    COMMIT((short) 1),
    /** Any type id this broker does not know, such as Kafka's KRaft-internal ones. */
    UNKNOWN((short) -1);

    static final short CURRENT_KEY_VERSION = 0;
    static final int KEY_SIZE_BYTES = 4;

    private final short typeId;

    ControlRecordType(short typeId) {
        this.typeId = typeId;
    }

    public short typeId() {
        return typeId;
    }

    public static ControlRecordType forTypeId(short typeId) {
        return switch (typeId) {
            case 0 -> ABORT;
            case 1 -> COMMIT;
            default -> UNKNOWN;
        };
    }

    /**
     * Reads the type from a control record's key.
     *
     * @throws CorruptRecordException if the key is null, shorter than 4 bytes or has a negative version
     */
    public static ControlRecordType parse(ByteBuffer key) {
        if (key == null || key.remaining() < KEY_SIZE_BYTES) {
            throw new CorruptRecordException("control record key needs " + KEY_SIZE_BYTES + " bytes, has "
                    + (key == null ? "none (null key)" : key.remaining()));
        }
        short version = key.getShort(key.position());
        if (version < 0) {
            throw new CorruptRecordException("control record key has negative version " + version);
        }
        return forTypeId(key.getShort(key.position() + 2));
    }

    /** The key of a control record of this type, version 0. */
    public ByteBuffer recordKey() {
        if (this == UNKNOWN) {
            throw new IllegalStateException("UNKNOWN has no record key");
        }
        ByteBuffer key = ByteBuffer.allocate(KEY_SIZE_BYTES);
        key.putShort(CURRENT_KEY_VERSION).putShort(typeId).flip();
        return key;
    }
}
