package io.tributary.metadata;

import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.ProtocolDecodeException;
import io.tributary.protocol.ProtocolReader;
import io.tributary.protocol.ProtocolWriter;
import io.tributary.protocol.WireSizes;
import java.nio.ByteBuffer;

/**
 * Turns a metadata record into the value of a record in the metadata log, and back, exactly as
 * Kafka's {@code MetadataRecordSerde} does, so Kafka's {@code kafka-dump-log --cluster-metadata-decoder}
 * and metadata shell read our log:
 *
 * <pre>
 * +---------------------+------------------+--------------------------+----------------------+
 * | frame version (1)   | api key          | record version           | record fields        |
 * | unsigned varint     | unsigned varint  | unsigned varint          | the generated layout |
 * +---------------------+------------------+--------------------------+----------------------+
 * </pre>
 *
 * Each log record's value holds one metadata record and nothing else (the key is null).
 *
 * <p>Stateless and thread safe.
 */
public final class MetadataRecordSerde {

    /** The only frame version Kafka has defined. */
    public static final int FRAME_VERSION = 1;

    private MetadataRecordSerde() {
    }

    /** The number of bytes {@link #write} produces for {@code record}. */
    public static int size(ApiMessageAndVersion record) {
        return WireSizes.unsignedVarint(FRAME_VERSION)
                + WireSizes.unsignedVarint(record.message().apiKey())
                + WireSizes.unsignedVarint(record.version())
                + record.message().size(record.version());
    }

    /** Writes {@code record}'s frame and fields: exactly {@link #size} bytes. */
    public static void write(ApiMessageAndVersion record, ProtocolWriter writer) {
        writer.writeUnsignedVarint(FRAME_VERSION);
        writer.writeUnsignedVarint(record.message().apiKey());
        writer.writeUnsignedVarint(record.version());
        record.message().write(writer, record.version());
    }

    /** {@code record} as a new heap buffer, flipped for reading. */
    public static ByteBuffer serialize(ApiMessageAndVersion record) {
        ByteBuffer buffer = ByteBuffer.allocate(size(record));
        write(record, new ByteBufferWriter(buffer));
        if (buffer.hasRemaining()) {
            throw new IllegalStateException(record.message().getClass().getSimpleName() + " v" + record.version()
                    + " wrote " + buffer.position() + " bytes but its size said " + buffer.capacity());
        }
        return buffer.flip();
    }

    /**
     * Reads the one record that the remaining bytes of {@code value} hold; the buffer is not moved.
     *
     * @throws MetadataParseException naming the api key, version and byte offset of what is wrong
     */
    public static ApiMessageAndVersion read(ByteBuffer value) {
        ProtocolReader reader = new ProtocolReader(value);
        int frameVersion = readVarint(reader, "frame version");
        if (frameVersion != FRAME_VERSION) {
            throw new MetadataParseException("metadata record has unknown frame version " + frameVersion
                    + " (expected " + FRAME_VERSION + ")");
        }
        int apiKey = readVarint(reader, "api key");
        MetadataRecordType type = MetadataRecordType.forApiKey(apiKey);
        if (type == null) {
            throw new MetadataParseException("unknown metadata record api key " + apiKey);
        }
        int version = readVarint(reader, "record version");
        if (version < type.lowestSupportedVersion() || version > type.highestSupportedVersion()) {
            throw new MetadataParseException("unsupported version " + version + " of metadata record " + type
                    + " (api key " + apiKey + "; supported " + type.lowestSupportedVersion() + "-"
                    + type.highestSupportedVersion() + ")");
        }
        ApiMessageAndVersion record = new ApiMessageAndVersion(type.newRecord(), (short) version);
        try {
            record.message().read(reader, (short) version);
        } catch (ProtocolDecodeException e) {
            throw new MetadataParseException(e.getMessage(), e);
        }
        if (reader.remaining() > 0) {
            throw new MetadataParseException(reader.remaining() + " bytes left over after metadata record " + type
                    + " v" + version + " at offset " + reader.position());
        }
        return record;
    }

    private static int readVarint(ProtocolReader reader, String what) {
        try {
            return reader.readUnsignedVarint();
        } catch (ProtocolDecodeException e) {
            throw new MetadataParseException("malformed metadata record " + what + ": " + e.reason(), e);
        }
    }
}
